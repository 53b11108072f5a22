package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
)

// Any other stack: an official base with a custom command.
func TestInitOtherStack(t *testing.T) {
	dir := t.TempDir()
	r := run(t, nil, "init", "--yes", "--language", "other", dir)
	if r.code != 2 || !strings.Contains(r.stderr, "--cmd") {
		t.Errorf("without --cmd: exit %d, stderr %q; want 2 naming --cmd", r.code, r.stderr)
	}
	r = run(t, nil, "init", "--yes", "--language", "other", "--base", "perl:5.44-slim-trixie", "--cmd", "perl app.pl", "--port", "8080", "--stdout", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"FROM perl:5.44-slim-trixie\n", "USER 65532:65532\n", "EXPOSE 8080\n", `CMD ["perl", "app.pl"]`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	// Interactively: no version, variant, tool or framework question; the
	// command must be typed.
	f := prompt.NewFake(t)
	f.ExpectSelect(spec.QLanguage, "other")
	f.ExpectInputWithDefault(spec.QPort, "0", "9000")
	f.ExpectInputWithDefault(spec.QCommand, "", "./serve --port 9000")
	r = run(t, f, "init", dir)
	if r.code != 0 {
		t.Fatalf("interactive: exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"FROM debian:13-slim\n", "EXPOSE 9000\n", `CMD ["./serve", "--port", "9000"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
}
