package config

import (
	"errors"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/spec"
)

func TestUnknownKeysSuggestTheNearest(t *testing.T) {
	cases := []struct {
		yaml, want string
	}{
		{"langauge: go\n", `cfg.yaml:1: unknown key "langauge"; did you mean "language"?`},
		{"port: 80\nruntime_version: \"3.13\"\n", `cfg.yaml:2: unknown key "runtime_version"; did you mean "runtime-version"?`},
		{"mirorr: m.example.com/\n", `did you mean "mirror"?`},
		{"policy:\n  non_root: true\n", `cfg.yaml:2: unknown key "policy.non_root"; did you mean "policy.non-root"?`},
		{"policy:\n  allowed-base: [x]\n", `did you mean "policy.allowed-bases"?`},
		{"answers:\n  framwork: flask\n", `did you mean "answers.framework"?`},
		{"templates:\n  - layer: built-in\n    hsh: x\n", `did you mean "templates[].hash"?`},
		{"completely-different: 1\n", `unknown key "completely-different"; known keys: language,`},
	}
	for _, c := range cases {
		_, err := Parse("cfg.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want %q", c.yaml, err, c.want)
		}
	}
}

func TestParseValidatesValues(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"mirror: \"bad mirror/\"\n", "not a registry prefix"},
		{"labels:\n  \"bad key!\": x\n", `label key "bad key!"`},
		{"labels:\n  a: \"x\\nRUN id\"\n", "control character"},
		{"policy:\n  allowed-bases: [\"[\"]\n", "not a valid glob"},
		{"port: http\n", "cannot unmarshal"},
	}
	for _, c := range cases {
		_, err := Parse("cfg.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "cfg.yaml") {
			t.Errorf("%q: err = %v, want %q", c.yaml, err, c.want)
		}
	}
	f, err := Parse("cfg.yaml", []byte("mirror: mirror.example.com/library\nport: 0\n"))
	if err != nil || f.Mirror != "mirror.example.com/library/" || f.Answers.Spec().Port != "0" {
		t.Errorf("got %+v, %v", f, err)
	}
}

func TestMergeAnswersPrecedence(t *testing.T) {
	flags := spec.Answers{Port: "9000"}
	file := spec.Answers{Cmd: "python app.py", Port: "1"}
	repo := spec.Answers{Language: "python", Variant: "alpine", Cmd: "x"}
	org := spec.Answers{Variant: "slim", Framework: "flask"}
	got := spec.MergeAnswers(flags, file, repo, org)
	want := spec.Answers{Language: "python", Port: "9000", Cmd: "python app.py", Variant: "alpine", Framework: "flask"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	// A lower layer of another language contributes nothing.
	got = spec.MergeAnswers(spec.Answers{Language: "node"}, spec.Answers{Language: "python", PackageManager: "pip"}, spec.Answers{Port: "3000"})
	if !reflect.DeepEqual(got, spec.Answers{Language: "node", Port: "3000"}) {
		t.Errorf("got %+v", got)
	}
}

func TestMirrorPrefixesCatalogImagesOnly(t *testing.T) {
	c := Merge(&File{Mirror: "mirror.example.com/library/"})
	cases := []struct {
		s         spec.Spec
		base, bld string
	}{
		{spec.Spec{BaseImage: "python:3.14-slim-trixie", BuildImage: "python:3.14-slim-trixie"}, "mirror.example.com/library/python:3.14-slim-trixie", "mirror.example.com/library/python:3.14-slim-trixie"},
		{spec.Spec{BaseImage: "scratch", BuildImage: "golang:1.27-trixie"}, "scratch", "mirror.example.com/library/golang:1.27-trixie"},
		{spec.Spec{BaseImage: "example.com/x:1", BaseOverridden: true, BuildImage: "node:24"}, "example.com/x:1", "mirror.example.com/library/node:24"},
		{spec.Spec{BaseImage: "mcr.microsoft.com/dotnet/aspnet:9.0"}, "mcr.microsoft.com/dotnet/aspnet:9.0", ""},
	}
	for _, tc := range cases {
		s := tc.s
		if err := c.ApplyMirror(&s); err != nil {
			t.Fatal(err)
		}
		if s.BaseImage != tc.base || s.BuildImage != tc.bld {
			t.Errorf("%+v: got %s / %s", tc.s, s.BaseImage, s.BuildImage)
		}
	}
}

func TestPolicy(t *testing.T) {
	const df = `# syntax=docker/dockerfile:1
FROM golang:1.27-trixie AS build
RUN go build
FROM python:3.14-slim-trixie@sha256:0123
COPY --from=build /x /x
USER app
CMD ["x"]
`
	org := &File{Path: "/home/x/.config/dockgen/config.yaml"}
	cases := []struct {
		name   string
		policy Policy
		df     string
		want   []string
	}{
		{"allowed", Policy{AllowedBases: []string{"golang:*", "python:3.14-*"}}, df, nil},
		{"forbidden base", Policy{AllowedBases: []string{"golang:*"}},
			df, []string{"policy allowed-bases (from /home/x/.config/dockgen/config.yaml): python:3.14-slim-trixie@sha256:0123 is not allowed"}},
		{"digest", Policy{DigestPin: true}, df, []string{"golang:1.27-trixie is not pinned"}},
		{"one violation per image", Policy{DigestPin: true}, "FROM a:1 AS b\nFROM a:1\n", []string{"a:1 is not pinned"}},
		{"stage reference and scratch are not images", Policy{DigestPin: true, AllowedBases: []string{"x"}},
			"FROM x@sha256:1 AS a\nFROM a\nFROM scratch\nUSER 1\n", nil},
		{"non-root ok", Policy{NonRoot: true}, df, nil},
		{"root", Policy{NonRoot: true}, strings.Replace(df, "USER app", "USER root:root", 1), []string{"runs as root (USER root:root)"}},
		{"no user", Policy{NonRoot: true}, strings.Replace(df, "USER app\n", "", 1), []string{"runs as root (no USER)"}},
		{"user only in build stage", Policy{NonRoot: true}, "FROM a AS b\nUSER app\nFROM c\n", []string{"runs as root"}},
		{"no healthcheck", Policy{Healthcheck: true}, df, []string{"no HEALTHCHECK"}},
		{"healthcheck none", Policy{Healthcheck: true}, df + "HEALTHCHECK NONE\n", []string{"no HEALTHCHECK"}},
		{"healthcheck", Policy{Healthcheck: true}, df + "HEALTHCHECK CMD [\"/hc\"]\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := *org
			f.Policy = c.policy
			vs, err := Merge(&f).Check([]byte(c.df))
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != len(c.want) {
				t.Fatalf("got %v, want %d violation(s) %v", vs, len(c.want), c.want)
			}
			for i, v := range vs {
				if !strings.Contains(v.Error(), c.want[i]) {
					t.Errorf("got %q, want %q", v.Error(), c.want[i])
				}
			}
		})
	}
}

func TestPolicyOnlyTightens(t *testing.T) {
	org := &File{Path: "org.yaml", Policy: Policy{NonRoot: true, AllowedBases: []string{"python:*"}}}
	repo := &File{Path: ".dockgen.yaml", Policy: Policy{AllowedBases: []string{"*"}}}
	vs, err := Merge(org, repo).Check([]byte("FROM node:24\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Rule+" "+v.From)
	}
	if strings.Join(got, ",") != "allowed-bases org.yaml,non-root org.yaml" {
		t.Errorf("violations %v", got)
	}
}

func TestRecordKeepsTheRestOfTheFile(t *testing.T) {
	existing := "# team settings\nmirror: m.example.com/library/ # our mirror\npolicy:\n  non-root: true\nanswers:\n  language: go\n"
	port := 8000
	a := Answers{Language: "python", RuntimeVersion: "3.14", Port: &port, Cmd: "gunicorn app:app"}
	out, err := Record([]byte(existing), a, []LayerID{{Layer: "built-in", Hash: "sha256:ab"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "# team settings\nmirror: m.example.com/library/ # our mirror\npolicy:\n  non-root: true\nanswers:\n  language: python\n  runtime-version: \"3.14\"\n  port: 8000\n  cmd: gunicorn app:app\ntemplates:\n  - layer: built-in\n    hash: sha256:ab\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	f, err := Parse(".dockgen.yaml", out)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.AllAnswers(); got.Language != "python" || got.Version != "3.14" || got.Port != "8000" {
		t.Errorf("round trip: %+v", got)
	}
	fresh, err := Record(nil, a, nil)
	if err != nil || !strings.HasPrefix(string(fresh), "# dockgen's configuration") {
		t.Errorf("new file: %v\n%s", err, fresh)
	}
}

func TestOrgLocations(t *testing.T) {
	env := func(m map[string]string) Env { return func(k string) string { return m[k] } }
	cases := []struct {
		env  map[string]string
		want Locations
	}{
		{nil, Locations{}},
		{map[string]string{"HOME": "/home/x"}, Locations{"/home/x/.config/dockgen/templates", "/home/x/.config/dockgen/config.yaml"}},
		{map[string]string{"HOME": "/home/x", "XDG_CONFIG_HOME": "/cfg"}, Locations{"/cfg/dockgen/templates", "/cfg/dockgen/config.yaml"}},
		{map[string]string{"DOCKGEN_TEMPLATES": "/t", "DOCKGEN_CONFIG": "/c.yaml"}, Locations{"/t", "/c.yaml"}},
	}
	for _, c := range cases {
		if got := OrgLocations(env(c.env)); got != c.want {
			t.Errorf("%v: got %+v, want %+v", c.env, got, c.want)
		}
	}
	if OrgLocations(nil) != (Locations{}) {
		t.Error("nil env")
	}
}

// TestReadOnlyRegularFiles: a named pipe or a folder where a config file
// should be is an error naming it, at once; an absent file stays ErrNotExist.
func TestReadOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, ".dockgen.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { _, err := Read(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || err.Error() != fifo+": not a regular file" {
			t.Errorf("named pipe: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Read hangs on a named pipe")
	}
	if _, err := Read(dir); err == nil || err.Error() != dir+": not a regular file" {
		t.Errorf("folder: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "absent.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent: %v, want ErrNotExist", err)
	}
}

// TestAnswerSources: an answer from a file carries the file and line of its
// key, through the merge of layers, so a bad value is reported there; a
// flag's answer carries none and stays named by its flag.
func TestAnswerSources(t *testing.T) {
	f, err := Parse(".dockgen.yaml", []byte("# recorded\nport: 1\nanswers:\n  language: go\n  port: 99999999999\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := spec.MergeAnswers(spec.Answers{Cmd: "app"}, f.AllAnswers())
	want := map[string]string{"language": ".dockgen.yaml:4: answers.language", "port": ".dockgen.yaml:5: answers.port"}
	if !reflect.DeepEqual(got.Sources, want) {
		t.Errorf("sources %q, want %q", got.Sources, want)
	}
	_, _, err = spec.Build(detect.Facts{}, got, catalog.Default(), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.HasPrefix(err.Error(), `.dockgen.yaml:5: answers.port: "99999999999" is not a port number`) {
		t.Errorf("error %v, want it at .dockgen.yaml:5", err)
	}
	_, _, err = spec.Build(detect.Facts{}, spec.MergeAnswers(spec.Answers{Port: "x"}, got), catalog.Default(), time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))
	if err == nil || !strings.HasPrefix(err.Error(), `--port: "x"`) {
		t.Errorf("error %v, want it named by --port", err)
	}
}
