package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/templates"
)

// today is the fixed clock of every test: the catalog's EOL status is as
// of this date.
var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// result is what one in-process run of dockgen produced.
type result struct {
	code           int
	stdout, stderr string
}

// run runs dockgen in-process with a fixed clock, no terminal, and the
// given prompter (nil: none may be used).
func run(t testing.TB, p prompt.Prompter, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	d := Deps{
		Streams:   Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Interactive: p != nil},
		Catalog:   catalog.Default(),
		Now:       func() time.Time { return today },
		Templates: templates.FS,
		Prompter: func(Streams) prompt.Prompter {
			if p == nil {
				t.Fatalf("dockgen %s asked a question without a terminal", strings.Join(args, " "))
			}
			return p
		},
	}
	code := Run(args, d)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// copyFixture copies testdata/fixtures/NAME into a temporary directory.
func copyFixture(t testing.TB, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "fixtures", name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t testing.TB, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
