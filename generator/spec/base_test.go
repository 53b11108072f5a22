package spec

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// TestBaseOverride: --base never floats (dockgen's own lint would reject
// the Dockerfile), and an image that is not the stack's runtime image is
// accepted with a warning saying what the Dockerfile expects of it.
func TestBaseOverride(t *testing.T) {
	node := detect.Facts{Language: "node", PackageManager: "npm", Command: []string{"node", "server.js"}, Manifests: []string{"package.json"}}
	goApp := detect.Facts{Language: "go", PackageManager: "go", GoMain: ".", Manifests: []string{"go.mod"}}
	for _, tc := range []struct {
		name     string
		facts    detect.Facts
		base     string
		wantErr  string
		wantWarn string
	}{
		{"latest", node, "alpine:latest", `--base: "alpine:latest" floats (latest`, ""},
		{"no tag", node, "node", `--base: "node" floats (no tag means latest`, ""},
		{"another image", node, "alpine:3.22", "", "--base alpine:3.22 is not a node image"},
		{"a mirror of the same image", node, "mirror.example.com/library/node:24-trixie-slim", "", ""},
		{"a team image of the same name", node, "registry.example.com/platform/node:24", "", ""},
		{"a digest", node, "node@sha256:" + strings.Repeat("a", 64), "", ""},
		{"go's final stage is no runtime image", goApp, "alpine:3.22", "", ""},
		{"scratch", goApp, "scratch", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, warns, err := Build(tc.facts, Answers{Base: tc.base}, catalog.Default(), rubyNow)
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(warns, "\n")
			if tc.wantWarn != "" && !strings.Contains(all, tc.wantWarn) {
				t.Errorf("warnings %q, want %q", all, tc.wantWarn)
			}
			if tc.wantWarn == "" && strings.Contains(all, "--base") {
				t.Errorf("unexpected warning %q", all)
			}
		})
	}
}
