package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/config"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/render/companiontest"
	"github.com/dockgen/dockgen/generator/spec"
	"gopkg.in/yaml.v3"
)

// composeDoc is the part of compose.yaml the tests check, typed.
type composeDoc struct {
	Services map[string]struct {
		Build struct {
			Context    string `yaml:"context"`
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"build"`
		Ports   []string `yaml:"ports"`
		EnvFile []struct {
			Path     string `yaml:"path"`
			Required *bool  `yaml:"required"`
		} `yaml:"env_file"`
		Restart     string `yaml:"restart"`
		Healthcheck *struct {
			Test     []string `yaml:"test"`
			Interval string   `yaml:"interval"`
			Timeout  string   `yaml:"timeout"`
			Retries  int      `yaml:"retries"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
}

// checkCompose loads dir/compose.yaml and checks every field against the
// answers init recorded beside it.
func checkCompose(t *testing.T, dir string) {
	t.Helper()
	var doc composeDoc
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(dir, "compose.yaml"))), &doc); err != nil {
		t.Fatalf("compose.yaml is not YAML: %v", err)
	}
	rec, err := config.Read(filepath.Join(dir, config.RepoFile))
	if err != nil || rec.Recorded == nil {
		t.Fatalf("no recorded answers: %v", err)
	}
	a := rec.Recorded
	if !a.Compose {
		t.Errorf(".dockgen.yaml does not record compose: true")
	}
	name := render.ServiceName(dir)
	svc, ok := doc.Services[name]
	if !ok || len(doc.Services) != 1 {
		t.Fatalf("want exactly the service %q, got %v", name, doc.Services)
	}
	if svc.Build.Context != "." || svc.Build.Dockerfile != "Dockerfile" {
		t.Errorf("build = %+v, want context . and dockerfile Dockerfile", svc.Build)
	}
	port := 0
	if a.Port != nil {
		port = *a.Port
	}
	var wantPorts []string
	if port > 0 {
		p := strconv.Itoa(port)
		wantPorts = []string{p + ":" + p}
	}
	if strings.Join(svc.Ports, ",") != strings.Join(wantPorts, ",") {
		t.Errorf("ports = %q, want %q", svc.Ports, wantPorts)
	}
	if len(svc.EnvFile) != 1 || svc.EnvFile[0].Path != ".env" || svc.EnvFile[0].Required == nil || *svc.EnvFile[0].Required {
		t.Errorf("env_file = %+v, want [{path: .env, required: false}]", svc.EnvFile)
	}
	if svc.Restart != "unless-stopped" {
		t.Errorf("restart = %q", svc.Restart)
	}
	_, hasRow := render.Healthchecks[a.Language]
	major, _ := strconv.Atoi(strings.SplitN(a.RuntimeVersion, ".", 2)[0])
	wantHC := hasRow && port > 0 && (a.Language != "node" || major >= 18)
	switch {
	case wantHC && svc.Healthcheck == nil:
		t.Errorf("no healthcheck for %s on port %d", a.Language, port)
	case !wantHC && svc.Healthcheck != nil:
		t.Errorf("healthcheck %v for %s on port %d, want none", svc.Healthcheck.Test, a.Language, port)
	case svc.Healthcheck != nil:
		hc := svc.Healthcheck
		if len(hc.Test) < 2 || hc.Test[0] != "CMD" || !strings.Contains(strings.Join(hc.Test, " "), strconv.Itoa(port)) {
			t.Errorf("healthcheck test = %q, want an exec-form [CMD, ...] probing port %d", hc.Test, port)
		}
		if hc.Interval == "" || hc.Timeout == "" || hc.Retries == 0 {
			t.Errorf("healthcheck = %+v, want interval, timeout and retries", hc)
		}
	}
}

// Every fixture repository that init can render gets a compose.yaml whose
// fields match what was detected.
func TestComposeEveryFixture(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			dir := copyFixture(t, e.Name())
			r := run(t, nil, "init", "--yes", "--compose", dir)
			if r.code != 0 {
				if strings.Contains(r.stderr, "no language detected") {
					t.Skip("nothing to render")
				}
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "create  compose.yaml") {
				t.Errorf("summary does not list compose.yaml:\n%s", r.stderr)
			}
			checkCompose(t, dir)
			// compose-spec's own loader, with its schema, as `docker compose` reads it.
			p := companiontest.Compose(t, dir, []byte(readFile(t, filepath.Join(dir, "compose.yaml"))))
			if p != nil && (len(p.Services) != 1 || p.Services[render.ServiceName(dir)].Build == nil) {
				t.Errorf("compose-spec's loader sees services %v, want one with a build", p.ServiceNames())
			}
		})
	}
}

// Each stack, as a new service with its defaults.
func TestComposeEveryStack(t *testing.T) {
	for _, lang := range spec.Languages {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "My "+lang+" Service")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			args := []string{"init", "--yes", "--compose", "--language", lang, dir}
			if lang == "other" {
				args = append(args, "--cmd", "./serve") // other has no default command
			}
			r := run(t, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			checkCompose(t, dir)
			if _, ok := composeServices(t, dir)["my-"+lang+"-service"]; !ok {
				t.Errorf("service is not named after the folder:\n%s", readFile(t, filepath.Join(dir, "compose.yaml")))
			}
		})
	}
}

func composeServices(t *testing.T, dir string) map[string]any {
	var doc struct {
		Services map[string]any `yaml:"services"`
	}
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join(dir, "compose.yaml"))), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Services
}

// compose.yaml is written like the Dockerfile: an existing one is not
// replaced without --force and then nothing at all is written; a replay
// of the recorded answers writes it again, and --check compares it.
func TestComposeNoClobberAndReplay(t *testing.T) {
	dir := copyFixture(t, "node-express-npm")
	writeFile(t, filepath.Join(dir, "compose.yaml"), "services: {}\n")
	r := run(t, nil, "init", "--yes", "--compose", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "compose.yaml") {
		t.Fatalf("exit %d, want 1 naming compose.yaml: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err == nil {
		t.Errorf("the Dockerfile was written although compose.yaml could not be")
	}
	if r = run(t, nil, "init", "--yes", "--compose", "--force", dir); r.code != 0 {
		t.Fatalf("--force: exit %d: %s", r.code, r.stderr)
	}
	checkCompose(t, dir)

	// The record replays: no --compose needed, and the check covers it.
	os.Remove(filepath.Join(dir, "compose.yaml"))
	if r = run(t, nil, "init", "--check", dir); r.code != 1 || !strings.Contains(r.stdout, "compose.yaml") {
		t.Errorf("--check with compose.yaml missing: exit %d, stdout %q", r.code, r.stdout)
	}
	if r = run(t, nil, "init", "--yes", dir); r.code != 0 || !strings.Contains(r.stderr, "create  compose.yaml") {
		t.Fatalf("replay: exit %d: %s", r.code, r.stderr)
	}
	if r = run(t, nil, "init", "--check", dir); r.code != 0 {
		t.Errorf("--check after replay: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}

	// --dry-run shows it and writes nothing.
	dry := copyFixture(t, "go-cmd")
	r = run(t, nil, "init", "--yes", "--compose", "--dry-run", dry)
	if r.code != 0 || !strings.Contains(r.stdout, "compose.yaml: create") {
		t.Errorf("--dry-run: exit %d, stdout %q", r.code, r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dry, "compose.yaml")); err == nil {
		t.Errorf("--dry-run wrote compose.yaml")
	}
}
