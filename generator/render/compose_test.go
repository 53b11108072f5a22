package render

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/spec"
	"github.com/dockgen/dockgen/templates"
	"gopkg.in/yaml.v3"
)

func TestServiceName(t *testing.T) {
	for dir, want := range map[string]string{
		"/src/api":           "api",
		"/src/My API.v2/":    "my-api-v2",
		"/src/__billing__":   "billing",
		"/src/web_app-2":     "web_app-2",
		"/src/Ünïcode":       "n-code",
		"/src/...":           "app",
		"/":                  "app",
		`C:\work\Orders Svc`: "orders-svc",
	} {
		if got := ServiceName(dir); got != want {
			t.Errorf("ServiceName(%q) = %q, want %q", dir, got, want)
		}
	}
}

// The healthcheck follows the stack: python and node probe the port with
// their runtime; go (scratch: no shell, no tools) and a service without a
// port get none; node before 18 has no fetch.
func TestComposeHealthcheck(t *testing.T) {
	tests := []struct {
		s    spec.Spec
		want string // substring of the test, "" for none
	}{
		{spec.Spec{Language: "python", Version: "3.14", Port: 8000}, `["CMD", "python", "-c", "import http.client; c = http.client.HTTPConnection('127.0.0.1', 8000`},
		{spec.Spec{Language: "node", Version: "24", Port: 3000}, `["CMD", "node", "-e", "fetch('http://127.0.0.1:3000/').then(() => process.exit(0)`}, // "=>", not "=\u003e"
		{spec.Spec{Language: "node", Version: "16", Port: 3000}, ""},
		{spec.Spec{Language: "go", Version: "1.26", Port: 8080, Variant: "scratch"}, ""},
		{spec.Spec{Language: "python", Version: "3.14", Port: 0}, ""},
	}
	for _, tt := range tests {
		f, err := Set{{Name: BuiltinLayer, FS: templates.FS}}.RenderCompose(NewCompose(NewModel(tt.s), "/src/svc"))
		if err != nil {
			t.Fatal(err)
		}
		out := string(f.Data)
		if tt.want == "" && strings.Contains(out, "healthcheck:") || tt.want != "" && !strings.Contains(out, tt.want) {
			t.Errorf("%s %s port %d: want healthcheck %q in\n%s", tt.s.Language, tt.s.Version, tt.s.Port, tt.want, out)
		}
		var doc map[string]any
		if err := yaml.Unmarshal(f.Data, &doc); err != nil {
			t.Errorf("not YAML: %v", err)
		}
	}
}
