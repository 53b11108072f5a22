package render

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// ComposeFile is the name `init --compose` writes.
const ComposeFile = "compose.yaml"

// composeTemplate is executed for the compose file; its folder is read
// like a language's, over shared/, so a team layer can replace it whole
// (compose/compose.yaml.tmpl) or override blocks in compose/*.tmpl.
const composeFolder, composeTemplate = "compose", "compose/compose.yaml.tmpl"

// Compose is what the compose template sees: the Dockerfile's Model plus
// the service name and its healthcheck.
type Compose struct {
	Model
	// Service is the compose service name (ServiceName of the folder).
	Service string
	// Healthcheck is the exec-form test (starting with "CMD"), nil when the
	// stack's final image has no standard way to probe the port.
	Healthcheck []string
}

// Healthchecks are, per language, the healthcheck test that works inside
// that stack's final image, using only what the image has: the runtime
// itself. Each probes the known port over HTTP and accepts any response
// (a 404 at / still means the server is up). A language without a row
// (go: scratch has no shell and no tools) gets no healthcheck; neither
// does a service without a port. A new stack plugs in with one row.
var Healthchecks = map[string]func(m Model) []string{
	"python": func(m Model) []string {
		return []string{"CMD", "python", "-c", fmt.Sprintf(
			"import http.client; c = http.client.HTTPConnection('127.0.0.1', %d, timeout=4); c.request('GET', '/'); c.getresponse()", m.Port)}
	},
	"node": func(m Model) []string {
		// fetch is global from Node.js 18 on; it rejects only when no
		// HTTP response comes back.
		if major, err := strconv.Atoi(strings.SplitN(m.Version, ".", 2)[0]); err != nil || major < 18 {
			return nil
		}
		return []string{"CMD", "node", "-e", fmt.Sprintf(
			"fetch('http://127.0.0.1:%d/').then(() => process.exit(0), () => process.exit(1))", m.Port)}
	},
}

// NewCompose derives the compose model for the service in a folder named
// dir (its base name, sanitised by ServiceName).
func NewCompose(m Model, dir string) Compose {
	c := Compose{Model: m, Service: ServiceName(dir)}
	if hc, ok := Healthchecks[m.Language]; ok && m.Port > 0 {
		c.Healthcheck = hc(m)
	}
	return c
}

var serviceInvalid = regexp.MustCompile(`[^a-z0-9_-]+`)

// ServiceName turns a folder name into a compose service name: lowercase
// letters, digits, "_" and "-", starting with a letter or digit ("My
// API.v2" -> "my-api-v2"); "app" when nothing is left.
func ServiceName(dir string) string {
	base := dir
	if i := strings.LastIndexAny(strings.TrimRight(dir, `/\`), `/\`); i >= 0 {
		base = dir[i+1:]
	}
	base = strings.TrimRight(base, `/\`)
	s := serviceInvalid.ReplaceAllString(strings.ToLower(base), "-")
	s = strings.Trim(s, "-_")
	if s == "" || s == "." {
		return "app"
	}
	return s
}

// RenderCompose executes the compose template of the set for c.
func (set Set) RenderCompose(c Compose) (File, error) {
	for _, a := range c.Healthcheck {
		if strings.Contains(a, "$") {
			// compose would interpolate it as a variable.
			return File{}, fmt.Errorf("healthcheck argument %q contains $", a)
		}
	}
	t, _, err := set.compile(composeFolder)
	if err != nil {
		return File{}, err
	}
	if t.Lookup(composeTemplate) == nil {
		return File{}, fmt.Errorf("template %s: no such template in any layer", composeTemplate)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, composeTemplate, c); err != nil {
		return File{}, templateErr(err)
	}
	data := tidy(buf.Bytes())
	// A team template must still write a compose file with the service.
	var doc struct {
		Services map[string]any `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return File{}, fmt.Errorf("%s: the rendered file is not YAML: %v", composeTemplate, err)
	}
	if _, ok := doc.Services[c.Service]; !ok {
		return File{}, fmt.Errorf("%s: the rendered file has no services.%s", composeTemplate, c.Service)
	}
	return File{Name: ComposeFile, Data: data}, nil
}
