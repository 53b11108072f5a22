package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"frobnicate"},
		{"init", "--bogus"},
		{"init", "a", "b"},
		{"detect", "--port"},
		{"init", "--yes", "--language", "cobol"},
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
	if f := run(t, nil, "--version"); f.code != 0 || f.stdout != r.stdout {
		t.Errorf("--version: exit %d, stdout %q; want %q", f.code, f.stdout, r.stdout)
	}
}

// TestMissingArgumentsAgree: a DIR or FILE argument that does not exist is
// a usage error (exit 2) for every command, with one line naming it.
func TestMissingArgumentsAgree(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nonexistent")
	for _, args := range [][]string{
		{"detect", missing}, {"detect", "--json", missing}, {"init", "--yes", missing}, {"lint", missing}, {"pin", missing},
	} {
		r := run(t, nil, args...)
		if r.code != 2 || r.stderr != "dockgen: "+missing+": no such file or directory\n" {
			t.Errorf("dockgen %s: exit %d, stderr %q", strings.Join(args, " "), r.code, r.stderr)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := run(t, nil, "completion", shell)
		if r.code != 0 || !strings.Contains(r.stdout, "dockgen") {
			t.Errorf("completion %s: exit %d, %d bytes", shell, r.code, len(r.stdout))
		}
	}
	for _, args := range [][]string{{"completion", "tcsh"}, {"completion"}, {"completion", "bash", "zsh"}} {
		if r := run(t, nil, args...); r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "bash, zsh, fish or powershell") {
			t.Errorf("dockgen %s: exit %d, stderr %q; want a usage error naming the shells", strings.Join(args, " "), r.code, r.stderr)
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

// TestLintInputs: lint reads only regular files of a bounded size, or
// standard input for "-"; nothing hangs or exhausts memory.
func TestLintInputs(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "Dockerfile.big")
	writeFile(t, big, "FROM scratch\n"+strings.Repeat("# a comment line that pads the file\n", 10000))
	good := copyFixture(t, "go-root")
	if r := run(t, nil, "init", "--yes", good); r.code != 0 {
		t.Fatal(r.stderr)
	}
	generated, err := os.ReadFile(filepath.Join(good, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		args    []string
		stdin   string
		code    int
		wantErr string
	}{
		{"device", []string{"lint", "/dev/zero"}, "", 2, "/dev/zero: not a regular file"},
		{"named pipe", []string{"lint", fifo}, "", 2, fifo + ": not a regular file"},
		{"folder", []string{"lint", dir}, "", 2, dir + ": not a regular file"},
		{"too large", []string{"lint", big}, "", 2, big + ": 360013 bytes; larger than the 256 KiB"},
		{"stdin, findings", []string{"lint", "-"}, "FROM python:3.14-slim-trixie AS Build\nCMD python app.py\n", 1, ""},
		{"stdin too large", []string{"lint", "-"}, strings.Repeat("#\n", 200<<10), 2, "-: larger than the 256 KiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan result, 1)
			go func() {
				done <- runWith(t, func(d *Deps) { d.Streams.In = strings.NewReader(tc.stdin) }, tc.args...)
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("lint hangs")
			}
			if r.code != tc.code || !strings.Contains(r.stderr, tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.wantErr)
			}
			if tc.name == "stdin, findings" && !strings.Contains(r.stdout, "-:1: StageNameCasing") {
				t.Errorf("stdout %q names no finding of standard input", r.stdout)
			}
		})
	}
	// dockgen's own Dockerfile through standard input, from its folder: clean.
	t.Chdir(good)
	if r := runWith(t, func(d *Deps) { d.Streams.In = bytes.NewReader(generated) }, "lint", "-"); r.code != 0 {
		t.Errorf("generated Dockerfile on stdin: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
}
