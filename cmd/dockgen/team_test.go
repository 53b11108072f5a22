package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/dockgen/dockgen/templates"
)

// runEnv runs dockgen like run, with env as the environment.
func runEnv(t testing.TB, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	d := Deps{
		Streams:   Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Catalog:   catalog.Default(),
		Now:       func() time.Time { return today },
		Templates: templates.FS,
		Prompter: func(Streams) prompt.Prompter {
			t.Fatalf("dockgen %s asked a question", strings.Join(args, " "))
			return nil
		},
		Getenv: func(k string) string { return env[k] },
	}
	code := Run(args, d)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

func exists(name string) bool { _, err := os.Stat(name); return err == nil }

// TestReplayAndCheckEveryFixture: for every fixture, --check passes right
// after init, init --yes reproduces the same files from the record, and a
// hand edit makes --check fail with a diff while writing nothing.
func TestReplayAndCheckEveryFixture(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			dir := copyFixture(t, e.Name())
			if r := run(t, nil, "init", "--yes", dir); r.code != 0 {
				t.Skipf("init fails on this fixture: %s", r.stderr)
			}
			n++
			df := readFile(t, filepath.Join(dir, "Dockerfile"))
			ignore := readFile(t, filepath.Join(dir, ".dockerignore"))

			r := run(t, nil, "init", "--check", dir)
			if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "up to date") {
				t.Fatalf("--check right after init: exit %d\nstdout %s\nstderr %s", r.code, r.stdout, r.stderr)
			}

			os.Remove(filepath.Join(dir, "Dockerfile"))
			os.Remove(filepath.Join(dir, ".dockerignore"))
			if r := run(t, nil, "init", "--yes", dir); r.code != 0 {
				t.Fatalf("replay: %s", r.stderr)
			}
			if readFile(t, filepath.Join(dir, "Dockerfile")) != df || readFile(t, filepath.Join(dir, ".dockerignore")) != ignore {
				t.Fatal("replaying the recorded answers rendered different files")
			}

			edited := strings.Replace(df, "\nCOPY . .\n", "\nCOPY . .\nRUN echo hand-edited\n", 1)
			if edited == df {
				edited = df + "RUN echo hand-edited\n"
			}
			writeFile(t, filepath.Join(dir, "Dockerfile"), edited)
			r = run(t, nil, "init", "--check", dir)
			if r.code != 1 || !strings.Contains(r.stdout, "--- a/Dockerfile\n+++ b/Dockerfile\n") || !strings.Contains(r.stdout, "\n-RUN echo hand-edited\n") {
				t.Errorf("--check after a hand edit: exit %d\nstdout %s", r.code, r.stdout)
			}
			if !strings.HasSuffix(r.stderr, "dockgen: Dockerfile differs from what the recorded answers render; run dockgen init --yes --force to update\n") {
				t.Errorf("stderr %q", r.stderr)
			}
			if readFile(t, filepath.Join(dir, "Dockerfile")) != edited {
				t.Error("--check wrote the Dockerfile")
			}
		})
	}
	if n < 12 {
		t.Errorf("only %d fixtures checked", n)
	}
}

func TestReplayUsesRecordedAnswers(t *testing.T) {
	dir := copyFixture(t, "python-flask-pip")
	if r := run(t, nil, "init", "--yes", "--port", "9000", "--variant", "alpine", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	rec := readFile(t, filepath.Join(dir, ".dockgen.yaml"))
	if !strings.Contains(rec, "  port: 9000\n") || !strings.Contains(rec, "  variant: alpine\n") {
		t.Fatalf("record:\n%s", rec)
	}
	os.Remove(filepath.Join(dir, "Dockerfile"))
	if r := run(t, nil, "init", "--yes", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if df := readFile(t, filepath.Join(dir, "Dockerfile")); !strings.Contains(df, "EXPOSE 9000\n") || !strings.Contains(df, "alpine") {
		t.Errorf("replay lost the recorded answers:\n%s", df)
	}

	// Changing an answer needs --force, and updates the record.
	r := run(t, nil, "init", "--yes", "--port", "7000", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "pass --force") {
		t.Errorf("changed answers without --force: exit %d %s", r.code, r.stderr)
	}
	if r := run(t, nil, "init", "--yes", "--force", "--port", "7000", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if rec := readFile(t, filepath.Join(dir, ".dockgen.yaml")); !strings.Contains(rec, "  port: 7000\n") {
		t.Errorf("record not updated:\n%s", rec)
	}

	// --answers replays another repository's record.
	other := copyFixture(t, "python-flask-pip")
	if r := run(t, nil, "init", "--yes", "--answers", filepath.Join(dir, ".dockgen.yaml"), other); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if readFile(t, filepath.Join(other, "Dockerfile")) != readFile(t, filepath.Join(dir, "Dockerfile")) {
		t.Error("--answers did not reproduce the other repository's Dockerfile")
	}
	if r := run(t, nil, "init", "--yes", "--answers", "x", "--config", "y", other); r.code != 2 {
		t.Errorf("--answers with --config: exit %d", r.code)
	}
}

func TestCheckWithoutRecordFails(t *testing.T) {
	dir := copyFixture(t, "go-root")
	r := run(t, nil, "init", "--check", dir)
	if r.code != 1 || !strings.Contains(r.stderr, "no recorded answers; run dockgen init") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestTeamConfig covers the organisation and repository config through
// init: mirror, labels, policy stops with the rule and its file, unknown
// keys, and a hand-written .dockgen.yaml gaining its record.
func TestTeamConfig(t *testing.T) {
	type tc struct {
		name     string
		org      string // organisation config.yaml
		repo     string // the repository's .dockgen.yaml
		repoTmpl string // .dockgen/templates/shared/team.tmpl
		wantCode int
		want     []string // in stderr on failure, in the Dockerfile on success
	}
	cases := []tc{
		{name: "mirror and labels", org: "mirror: mirror.example.com/library/\nlabels:\n  org.opencontainers.image.vendor: Acme \"Inc\"\n",
			repo: "labels:\n  org.opencontainers.image.source: https://git.example.com/app\n",
			want: []string{"FROM mirror.example.com/library/python:3.12-slim-trixie AS build\n", "FROM mirror.example.com/library/python:3.12-slim-trixie\n",
				"LABEL org.opencontainers.image.source=\"https://git.example.com/app\" \\\n      org.opencontainers.image.vendor=\"Acme \\\"Inc\\\"\"\n"}},
		{name: "forbidden base", org: "policy:\n  allowed-bases: [\"golang:*\"]\n", wantCode: 1,
			want: []string{"policy allowed-bases (from ORG/config.yaml): python:3.12-slim-trixie is not allowed", "nothing was written"}},
		{name: "allowed mirrored base", org: "mirror: m.example.com/library/\npolicy:\n  allowed-bases: [\"m.example.com/library/python:3.1?-*\"]\n",
			want: []string{"FROM m.example.com/library/python:3.12-slim-trixie\n"}},
		{name: "repo cannot loosen", org: "policy:\n  allowed-bases: [\"golang:*\"]\n", repo: "policy:\n  allowed-bases: [\"*\"]\n", wantCode: 1,
			want: []string{"policy allowed-bases (from ORG/config.yaml)"}},
		{name: "digest pin required", repo: "policy:\n  digest-pin: true\n", wantCode: 1,
			want: []string{"policy digest-pin (from DIR/.dockgen.yaml): python:3.12-slim-trixie is not pinned to a digest"}},
		{name: "healthcheck required", org: "policy:\n  healthcheck: true\n  non-root: true\n", wantCode: 1,
			want: []string{"policy healthcheck (from ORG/config.yaml): the final stage has no HEALTHCHECK"}},
		{name: "healthcheck from the repository layer", org: "policy:\n  healthcheck: true\n  non-root: true\n",
			repoTmpl: "{{define \"healthcheck\"}}\nHEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:{{ .Port }}/')\"]\n{{- end}}\n",
			want:     []string{"\nHEALTHCHECK CMD [\"python\", \"-c\", \"import urllib.request; urllib.request.urlopen('http://localhost:8000/')\"]\nCMD "}},
		{name: "unknown org key", org: "polcy:\n  non-root: true\n", wantCode: 1,
			want: []string{"ORG/config.yaml:1: unknown key \"polcy\"; did you mean \"policy\"?"}},
		{name: "unknown repo key", repo: "# ours\nlangauge: python\n", wantCode: 1,
			want: []string{"DIR/.dockgen.yaml:2: unknown key \"langauge\"; did you mean \"language\"?"}},
		{name: "repo defaults", org: "variant: alpine\nport: 1234\n", repo: "port: 5000\n",
			want: []string{"python:3.12-alpine", "EXPOSE 5000\n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFixture(t, "python-flask-pip")
			org := t.TempDir()
			env := map[string]string{"XDG_CONFIG_HOME": org}
			if c.org != "" {
				writeFile(t, filepath.Join(org, "dockgen", "config.yaml"), c.org)
			}
			if c.repo != "" {
				writeFile(t, filepath.Join(dir, ".dockgen.yaml"), c.repo)
			}
			if c.repoTmpl != "" {
				writeFile(t, filepath.Join(dir, ".dockgen", "templates", "shared", "team.tmpl"), c.repoTmpl)
			}
			r := runEnv(t, env, "init", "--yes", dir)
			stderr := strings.ReplaceAll(strings.ReplaceAll(r.stderr, filepath.Join(org, "dockgen"), "ORG"), dir, "DIR")
			if r.code != c.wantCode {
				t.Fatalf("exit %d, want %d: %s", r.code, c.wantCode, stderr)
			}
			if c.wantCode != 0 {
				for _, w := range c.want {
					if !strings.Contains(stderr, w) {
						t.Errorf("stderr %q lacks %q", stderr, w)
					}
				}
				if strings.Count(stderr, "\n") != 1 {
					t.Errorf("want one line on stderr: %q", stderr)
				}
				for _, f := range []string{"Dockerfile", ".dockerignore"} {
					if exists(filepath.Join(dir, f)) {
						t.Errorf("%s was written", f)
					}
				}
				if c.repo == "" && exists(filepath.Join(dir, ".dockgen.yaml")) {
					t.Error(".dockgen.yaml was written")
				}
				return
			}
			df := readFile(t, filepath.Join(dir, "Dockerfile"))
			for _, w := range c.want {
				if !strings.Contains(df, w) {
					t.Errorf("Dockerfile lacks %q:\n%s", w, df)
				}
			}
			rec := readFile(t, filepath.Join(dir, ".dockgen.yaml"))
			if c.repo != "" && !strings.HasPrefix(rec, c.repo) {
				t.Errorf("the hand-written .dockgen.yaml was not kept:\n%s", rec)
			}
			if !strings.Contains(rec, "\nanswers:\n  language: python\n") {
				t.Errorf("no recorded answers:\n%s", rec)
			}
			if r := runEnv(t, env, "init", "--check", dir); r.code != 0 {
				t.Errorf("--check after init: %s%s", r.stdout, r.stderr)
			}
		})
	}
}

// TestTemplateLayersThroughInit: organisation < repository < --templates.
func TestTemplateLayersThroughInit(t *testing.T) {
	hc := func(v string) string {
		return "{{define \"healthcheck\"}}\nHEALTHCHECK CMD [\"" + v + "\"]\n{{- end}}\n"
	}
	dir := copyFixture(t, "go-root")
	org := t.TempDir()
	flag := t.TempDir()
	writeFile(t, filepath.Join(org, "shared", "org.tmpl"), hc("org"))
	writeFile(t, filepath.Join(flag, "go", "mine.tmpl"), hc("flag"))
	env := map[string]string{"DOCKGEN_TEMPLATES": org}
	steps := []struct {
		setup func()
		args  []string
		want  string
	}{
		{nil, nil, `HEALTHCHECK CMD ["org"]`},
		{func() { writeFile(t, filepath.Join(dir, ".dockgen", "templates", "go", "repo.tmpl"), hc("repo")) }, nil, `HEALTHCHECK CMD ["repo"]`},
		{nil, []string{"--templates", flag}, `HEALTHCHECK CMD ["flag"]`},
	}
	for _, s := range steps {
		if s.setup != nil {
			s.setup()
		}
		r := runEnv(t, env, append([]string{"init", "--yes", "--stdout", dir}, s.args...)...)
		if r.code != 0 || strings.Count(r.stdout, "HEALTHCHECK") != 1 || !strings.Contains(r.stdout, s.want) {
			t.Errorf("%v: exit %d, want %s:\n%s%s", s.args, r.code, s.want, r.stdout, r.stderr)
		}
	}
	r := runEnv(t, env, "templates", "list", "--language", "go", "--templates", flag, dir)
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(r.stdout, "\n") {
		lines[strings.Join(strings.Fields(l), " ")] = true
	}
	for _, want := range []string{
		"organisation " + org,
		"repository " + filepath.Join(dir, ".dockgen", "templates"),
		"go/repo.tmpl repository " + filepath.Join(dir, ".dockgen", "templates", "go", "repo.tmpl") + " overrides blocks",
		"healthcheck --templates " + filepath.Join(flag, "go", "mine.tmpl") + ":1 replaces built-in go/Dockerfile.tmpl:91, organisation " +
			filepath.Join(org, "shared", "org.tmpl") + ":1, repository " + filepath.Join(dir, ".dockgen", "templates", "go", "repo.tmpl") + ":1",
		"cmd built-in go/Dockerfile.tmpl:93",
	} {
		if !lines[want] {
			t.Errorf("templates list lacks the line %q:\n%s", want, r.stdout)
		}
	}
	if r := runEnv(t, map[string]string{"DOCKGEN_TEMPLATES": filepath.Join(org, "missing")}, "init", "--yes", "--stdout", dir); r.code != 1 || !strings.Contains(r.stderr, "organisation templates") {
		t.Errorf("a missing $DOCKGEN_TEMPLATES: exit %d %s", r.code, r.stderr)
	}
}

// TestExportChangeOneBlockTest is the template author's path: export the
// built-ins, change one block, and every fixture renders with exactly that
// change; templates test passes the exported and the changed set.
func TestExportChangeOneBlockTest(t *testing.T) {
	set := filepath.Join(t.TempDir(), "team")
	if r := run(t, nil, "templates", "export", set); r.code != 0 || !strings.Contains(r.stderr, "create  python/Dockerfile.tmpl") {
		t.Fatalf("export: exit %d %s", r.code, r.stderr)
	}
	if r := run(t, nil, "templates", "export", set); r.code != 0 || !strings.Contains(r.stderr, "unchanged python/Dockerfile.tmpl") {
		t.Errorf("export over an identical export: exit %d %s", r.code, r.stderr)
	}
	mine := filepath.Join(set, "go", "Dockerfile.tmpl")
	builtin := readFile(t, mine)
	writeFile(t, mine, "# ours\n")
	if r := run(t, nil, "templates", "export", set); r.code != 1 || !strings.Contains(r.stderr, "go/Dockerfile.tmpl exists; pass --force") || readFile(t, mine) != "# ours\n" {
		t.Errorf("export over a changed file: exit %d %s", r.code, r.stderr)
	}
	if r := run(t, nil, "templates", "export", "--force", set); r.code != 0 || readFile(t, mine) != builtin {
		t.Errorf("export --force: %s", r.stderr)
	}
	if r := run(t, nil, "templates", "test", "-q", set); r.code != 0 || !strings.Contains(r.stderr, "0 failed") {
		t.Fatalf("templates test on the exported set: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	const hc = "\nHEALTHCHECK --interval=30s CMD [\"/bin/healthcheck\"]"
	for _, lang := range spec.Languages {
		p := filepath.Join(set, lang, "Dockerfile.tmpl")
		src := readFile(t, p)
		changed := strings.Replace(src, `{{- block "healthcheck" . }}{{ end }}`, `{{- block "healthcheck" . }}`+hc+`{{ end }}`, 1)
		if changed == src {
			t.Fatalf("%s has no empty healthcheck block", p)
		}
		writeFile(t, p, changed)
	}
	entries, _ := os.ReadDir(filepath.Join("..", "..", "testdata", "fixtures"))
	n := 0
	for _, e := range entries {
		dir := copyFixture(t, e.Name())
		base := run(t, nil, "init", "--yes", "--stdout", dir)
		if base.code != 0 {
			continue
		}
		got := run(t, nil, "init", "--yes", "--stdout", "--templates", set, dir)
		if got.code != 0 {
			t.Fatalf("%s: %s", e.Name(), got.stderr)
		}
		// The healthcheck block comes right before the cmd block, which
		// starts with the repository's entrypoint script when there is one.
		at := len(base.stdout)
		for _, start := range []string{"\n# The repository's own entrypoint script", "\nCMD ", "\nENTRYPOINT "} {
			if i := strings.Index(base.stdout, start); i >= 0 && i < at {
				at = i
			}
		}
		want := base.stdout[:at] + hc + base.stdout[at:]
		if got.stdout != want {
			t.Errorf("%s: the change is not exactly one HEALTHCHECK line:\n%s", e.Name(), got.stdout)
		}
		n++
	}
	if n < 12 {
		t.Errorf("only %d fixtures rendered", n)
	}

	policy := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, policy, "policy:\n  healthcheck: true\n  non-root: true\n")
	r := run(t, nil, "templates", "test", "--config", policy, "--fixtures", filepath.Join("..", "..", "testdata", "fixtures"), set)
	if r.code != 1 {
		t.Fatalf("templates test: exit %d\n%s", r.code, r.stderr)
	}
	// The changed set passes everywhere but in the fixtures init refuses.
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		if strings.HasPrefix(line, "FAIL  ") && !strings.HasPrefix(line, "FAIL  fixture bad-") && !strings.HasPrefix(line, "FAIL  fixture empty") && !strings.HasPrefix(line, "      ") {
			t.Errorf("unexpected failure: %s", line)
		}
		if strings.HasPrefix(line, "ok    python/") {
			n++
		}
	}
	if !strings.Contains(r.stdout, "ok    fixture python-flask-pip\n") || !strings.Contains(r.stdout, "FAIL  fixture empty\n      --language: no language detected") {
		t.Errorf("per-case report:\n%s", r.stdout)
	}
	// The unchanged built-ins fail the healthcheck policy, naming the rule.
	r = run(t, nil, "templates", "test", "-q", "--config", policy, filepath.Join(t.TempDir()))
	if r.code != 1 || !strings.Contains(r.stdout, "policy healthcheck (from "+policy+"): the final stage has no HEALTHCHECK") {
		t.Errorf("built-ins under a healthcheck policy: exit %d\n%.600s", r.code, r.stdout)
	}
}

// TestBrokenTeamTemplate: parse and execution errors name the team file
// and line, in init and in templates test, and nothing is written.
func TestBrokenTeamTemplate(t *testing.T) {
	cases := []struct {
		name, file, src, want string
	}{
		{"parse error in a replaced file", "python/Dockerfile.tmpl", strings.Repeat("# line\n", 11) + "{{ if }}\n", "python/Dockerfile.tmpl:12: missing value for if"},
		{"execution error in an override", "shared/team.tmpl", "{{define \"env\"}}\n\nENV X={{ .NoSuchField }}\n{{- end}}", "shared/team.tmpl:3:9: executing \"env\" at <.NoSuchField>"},
		{"environment access", "python/team.tmpl", "{{define \"env\"}}{{ env \"HOME\" }}{{end}}", "python/team.tmpl:1: function \"env\" not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set := filepath.Join(t.TempDir(), "team")
			writeFile(t, filepath.Join(set, filepath.FromSlash(c.file)), c.src)
			dir := copyFixture(t, "python-flask-pip")
			r := run(t, nil, "init", "--yes", "--templates", set, dir)
			if r.code != 1 || !strings.Contains(r.stderr, filepath.Join(set, filepath.FromSlash(c.want))) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %s", r.code, r.stderr, c.want)
			}
			for _, f := range []string{"Dockerfile", ".dockerignore", ".dockgen.yaml"} {
				if exists(filepath.Join(dir, f)) {
					t.Errorf("%s was written", f)
				}
			}
			r = run(t, nil, "templates", "test", "-q", set)
			if r.code != 1 || !strings.Contains(r.stdout, filepath.Join(set, filepath.FromSlash(c.want))) {
				t.Errorf("templates test: exit %d\n%.500s", r.code, r.stdout)
			}
		})
	}
}
