package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// TestGoldenCopySources: every file a golden Dockerfile COPYs from the build
// context exists in its fixture (a COPY of a missing file fails the build).
// COPY --from copies from a stage or an image, not the context; a
// companion file dockgen writes beside the Dockerfile is in the golden folder.
func TestGoldenCopySources(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	entries, err := os.ReadDir(filepath.Join(root, "golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		df, err := os.ReadFile(filepath.Join(root, "golden", e.Name(), "Dockerfile"))
		if err != nil {
			continue // init failed for this fixture: nothing was written
		}
		res, err := parser.Parse(strings.NewReader(string(df)))
		if err != nil {
			t.Errorf("%s: %v", e.Name(), err)
			continue
		}
		for _, n := range res.AST.Children {
			if !strings.EqualFold(n.Value, "copy") && !strings.EqualFold(n.Value, "add") {
				continue
			}
			if slicesHasPrefix(n.Flags, "--from") {
				continue
			}
			var args []string
			for a := n.Next; a != nil; a = a.Next {
				args = append(args, a.Value)
			}
			for _, src := range args[:len(args)-1] {
				if src == "." {
					continue
				}
				matches, _ := filepath.Glob(filepath.Join(root, "fixtures", e.Name(), src))
				written, _ := filepath.Glob(filepath.Join(root, "golden", e.Name(), src)) // a companion dockgen writes (nginx.conf)
				if len(matches)+len(written) == 0 {
					t.Errorf("%s: %s %s copies %s, which is not in testdata/fixtures/%s", e.Name(), n.Value, strings.Join(args, " "), src, e.Name())
				}
			}
		}
	}
}

func slicesHasPrefix(flags []string, prefix string) bool {
	for _, f := range flags {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}
