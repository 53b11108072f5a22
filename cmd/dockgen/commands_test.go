package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"init", "--bogus"},
		{"init", "a", "b"},
		{"detect", "--port"},
		// In an empty folder: this package's own main.go would be detected as Go.
		{"init", "--yes", "--language", "cobol", t.TempDir()},
	} {
		r := run(t, nil, args...)
		if r.code != 2 || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("dockgen %s: exit %d, stderr %q; want 2 and one line", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	r := run(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "dockgen ") || !strings.Contains(r.stdout, "go1.") {
		t.Errorf("version: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := run(t, nil, "completion", shell)
		if r.code != 0 || !strings.Contains(r.stdout, "dockgen") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, r.code, len(r.stdout))
		}
	}
	// Flag values complete from the supported set.
	r := run(t, nil, "__complete", "init", "--language", "")
	for _, want := range []string{"python", "node", "go"} {
		if !strings.Contains(r.stdout, want+"\n") {
			t.Errorf("--language completion lacks %s:\n%s", want, r.stdout)
		}
	}
}

func TestDetectHumanView(t *testing.T) {
	dir := copyFixture(t, "python-flask-pip")
	r := run(t, nil, "detect", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"language", "python", "requirements.txt", "version", "3.12", ".python-version", "gunicorn", "python:3.12-slim-trixie"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("detect output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = run(t, nil, "detect", t.TempDir())
	if r.code != 0 || !strings.Contains(r.stdout, "nothing detected") {
		t.Errorf("empty folder: exit %d, %q", r.code, r.stdout)
	}
}

// The JSON of detect has the contract's fields with the contract's types.
func TestDetectJSONContract(t *testing.T) {
	dir := copyFixture(t, "go-cmd")
	r := run(t, nil, "detect", "--json", dir)
	var got map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	types := map[string]string{
		"language": "string", "version": "string", "version_source": "string", "package_manager": "string",
		"framework": "string", "port": "float64", "command": "[]interface {}", "base_image": "string",
		"build_image": "string", "evidence": "[]interface {}",
	}
	for k, typ := range types {
		v, ok := got[k]
		if !ok {
			t.Errorf("missing %q", k)
			continue
		}
		if gotType := typeName(v); gotType != typ {
			t.Errorf("%s is %s, want %s", k, gotType, typ)
		}
	}
	if got["language"] != "go" || got["version"] != "1.26" || got["version_source"] != "go.mod" ||
		got["base_image"] != "scratch" || got["build_image"] != "golang:1.26-trixie" || got["port"] != float64(9090) {
		t.Errorf("unexpected values: %v", got)
	}
	for _, e := range got["evidence"].([]any) {
		m := e.(map[string]any)
		if m["file"] == "" || m["reason"] == "" {
			t.Errorf("evidence without file or reason: %v", m)
		}
	}
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "float64"
	case []any:
		return "[]interface {}"
	}
	return "other"
}

func TestLintCommand(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "Dockerfile")
	writeFile(t, bad, "FROM python:3.14-slim-trixie AS Build\nCMD python app.py\n")
	r := run(t, nil, "lint", bad)
	if r.code != 1 || !strings.Contains(r.stdout, bad+":1: StageNameCasing") || !strings.Contains(r.stdout, bad+":2: JSONArgsRecommended") {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	r = run(t, nil, "lint", filepath.Join(dir, "missing"))
	if r.code != 2 {
		t.Errorf("missing file: exit %d, want 2", r.code)
	}
	good := copyFixture(t, "go-root")
	if r := run(t, nil, "init", "--yes", good); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := run(t, nil, "lint", filepath.Join(good, "Dockerfile")); r.code != 0 {
		t.Errorf("dockgen's own Dockerfile: exit %d: %s", r.code, r.stdout)
	}
}
