package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
)

// A new service: the language is asked first, and every later question is
// pre-filled with that stack's defaults, so pressing Enter throughout
// writes a working Dockerfile.
func TestInitAsksInAnEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	f := prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QLanguage, "python", "node")
	f.ExpectInputWithDefault(spec.QVersion, "26", "")
	f.ExpectSelectWithDefault(spec.QVariant, "slim - Debian 13 trixie, slim (default)", "slim - Debian 13 trixie, slim (default)")
	f.ExpectSelectWithDefault(spec.QPackageManager, "npm", "pnpm")
	f.ExpectSelectWithDefault(spec.QFramework, "none", "express")
	f.ExpectInputWithDefault(spec.QPort, "3000", "")
	f.ExpectInputWithDefault(spec.QCommand, "node index.js", "node server.js")
	r := run(t, f, "init", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"FROM node:26-trixie-slim\n", "npm install --global pnpm", "COPY package.json pnpm-lock.yaml ./", "EXPOSE 3000\n", `CMD ["node", "server.js"]`, "USER node\n"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
}

// An existing repository: every question is pre-filled with what was
// detected, so Enter accepts detection.
func TestInitPrefillsDetectedAnswers(t *testing.T) {
	dir := copyFixture(t, "python-django-pip")
	f := prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QLanguage+" (detected from requirements.txt)", "python", "python")
	f.ExpectInputWithDefault(spec.QVersion+" (detected from .python-version)", "3.12", "")
	f.ExpectSelectWithDefault(spec.QVariant, "slim - Debian 13 trixie, slim (default)", "slim - Debian 13 trixie, slim (default)")
	f.ExpectSelectWithDefault(spec.QPackageManager+" (detected from requirements.txt)", "pip", "pip")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from manage.py)", "django", "django")
	f.ExpectInputWithDefault(spec.QPort+" (detected from mysite/wsgi.py)", "8000", "")
	f.ExpectInputWithDefault(spec.QCommand+" (detected from mysite/wsgi.py)", "gunicorn --bind 0.0.0.0:8000 mysite.wsgi:application", "")
	r := run(t, f, "init", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := readFile(t, filepath.Join("..", "..", "testdata", "golden", "python-django-pip", "Dockerfile"))
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); got != want {
		t.Errorf("accepting every detected answer differs from init --yes:\n%s", got)
	}
}

// Flags answer their question: it is not asked again.
func TestInitFlagsSkipTheirQuestions(t *testing.T) {
	dir := copyFixture(t, "go-cmd")
	f := prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QVariant, "scratch - static binary on scratch (default)", "alpine - static binary on alpine:3.24, with a shell")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from go.mod)", "chi", "")
	f.ExpectInputWithDefault(spec.QPort+" (detected from cmd/api/main.go)", "9090", "")
	f.ExpectInputWithDefault(spec.QCommand, "/usr/local/bin/api", "")
	r := run(t, f, "init", "--language", "go", "--runtime-version", "1.27", "--stdout", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"FROM golang:1.27-alpine3.24 AS build\n", "FROM alpine:3.24\n", "USER app\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
}

// Ctrl-C at a question stops without writing anything, with exit 130 as
// the shell reports a command ended by SIGINT.
func TestInitInterrupted(t *testing.T) {
	dir := t.TempDir()
	r := run(t, interrupting{}, "init", dir)
	if r.code != 130 || !strings.Contains(r.stderr, "interrupted; nothing was written") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

type interrupting struct{}

func (interrupting) Select(string, []string, string) (string, error) {
	return "", prompt.ErrInterrupted
}
func (interrupting) Input(string, string, func(string) error) (string, error) {
	return "", prompt.ErrInterrupted
}
func (interrupting) Confirm(string, bool) (bool, error) { return false, prompt.ErrInterrupted }

// A re-run in a repository with recorded answers asks again, pre-filled
// with what was recorded, so the answers can be changed; flags still skip
// their questions.
func TestInitReRunPrefillsRecordedAnswers(t *testing.T) {
	dir := copyFixture(t, "go-cmd")
	if r := run(t, nil, "init", "--yes", "--port", "9100", "--variant", "alpine", dir); r.code != 0 {
		t.Fatalf("first run: %s", r.stderr)
	}
	f := prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QLanguage+" (detected from go.mod)", "go", "go")
	f.ExpectInputWithDefault(spec.QVersion, "1.26", "")
	f.ExpectSelectWithDefault(spec.QVariant, "alpine - static binary on alpine:3.24, with a shell", "")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from go.mod)", "chi", "")
	f.ExpectInputWithDefault(spec.QCommand, "/usr/local/bin/api", "")
	r := run(t, f, "init", "--port", "9200", "--force", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	if !strings.Contains(df, "EXPOSE 9200\n") || !strings.Contains(df, "FROM alpine:3.24\n") {
		t.Errorf("re-run did not keep the recorded variant and the new --port:\n%s", df)
	}
}

// With a Dockerfile there, the first question is whether to replace it:
// No stops at once, before any other question, with nothing written; Yes
// asks the rest, shows the change as a diff and replaces the file.
func TestInitAsksAboutExistingFilesFirst(t *testing.T) {
	flags := []string{"--language", "go", "--runtime-version", "1.27", "--variant", "scratch", "--framework", "chi", "--port", "9090", "--cmd", "/usr/local/bin/api"}
	q := "Dockerfile exists. Replace it? (the changes are shown before writing; No stops with nothing written)"

	dir := copyFixture(t, "go-cmd")
	writeFile(t, filepath.Join(dir, "Dockerfile"), "FROM busybox:1.37\n")
	f := prompt.NewFake(t)
	f.ExpectConfirmWithDefault(q, false, false)
	r := run(t, f, append(append([]string{"init"}, flags...), dir)...)
	if r.code != 0 || r.stderr != "kept Dockerfile; nothing was written\n" {
		t.Errorf("No: exit %d, stderr %q", r.code, r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); got != "FROM busybox:1.37\n" {
		t.Errorf("No replaced the Dockerfile: %q", got)
	}

	f = prompt.NewFake(t)
	f.ExpectConfirmWithDefault(q, false, true)
	r = run(t, f, append(append([]string{"init"}, flags...), dir)...)
	if r.code != 0 || !strings.Contains(r.stderr, "--- a/Dockerfile\n+++ b/Dockerfile\n") || !strings.Contains(r.stderr, "-FROM busybox:1.37\n") || !strings.Contains(r.stderr, "replace Dockerfile") {
		t.Errorf("Yes: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); !strings.Contains(got, "FROM golang:1.27") {
		t.Errorf("Yes did not replace the Dockerfile:\n%s", got)
	}
}
