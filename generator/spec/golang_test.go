package spec

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// Go source with no go.mod has no manifest to copy, detected or with
// --language go; a new service still gets go.mod and go.sum.
func TestGoSpecManifests(t *testing.T) {
	cat := catalog.Default()
	nomod := detect.Facts{Language: "go", PackageManager: "go", GoMain: ".", GoModInit: true, Port: 8080, PortEnv: true,
		RuntimeFiles: []string{"templates"}}
	tests := []struct {
		name      string
		facts     detect.Facts
		answers   Answers
		manifests []string
		modInit   bool
	}{
		{"no go.mod: nothing to copy", nomod, Answers{}, nil, true},
		{"--language go on it: the same", nomod, Answers{Language: "go", PackageManager: "go"}, nil, true},
		{"a new service", detect.Facts{}, Answers{Language: "go"}, []string{"go.mod", "go.sum"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := Build(tt.facts, tt.answers, cat, dotnetNow)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.Manifests, tt.manifests) || s.GoModInit != tt.modInit {
				t.Errorf("Manifests, GoModInit = %q, %v; want %q, %v", s.Manifests, s.GoModInit, tt.manifests, tt.modInit)
			}
		})
	}
	// Run-time paths land in COPY lines: only plain path characters.
	bad := nomod
	bad.RuntimeFiles = []string{"static dir"}
	if _, _, err := Build(bad, Answers{}, cat, dotnetNow); err == nil || !strings.Contains(err.Error(), "run-time file") {
		t.Errorf("a run-time path with a space: err = %v", err)
	}
	// Frameworks are answers too: --framework gin is accepted, and listed.
	if _, _, err := Build(detect.Facts{}, Answers{Language: "go", Framework: "bottle"}, cat, dotnetNow); err == nil || !strings.Contains(err.Error(), "gin, echo, fiber, chi, gorilla/mux") {
		t.Errorf("--framework bottle: err = %v", err)
	}
	if s, _, err := Build(detect.Facts{}, Answers{Language: "rust", Framework: "rocket"}, cat, dotnetNow); err != nil || s.Port != 8000 {
		t.Errorf("--framework rocket: port %d, err %v; want 8000", s.Port, err)
	}
}
