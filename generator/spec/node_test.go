package spec

import (
	"slices"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

func TestNodeSpec(t *testing.T) {
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	cat := catalog.Default()
	app := detect.Facts{Language: "node", PackageManager: "npm", Framework: "express", Port: 8080, Command: []string{"node", "server.js"}}

	// An app detected from its code with no package.json copies no manifest
	// (a new service's package.json and package-lock.json do not exist).
	noManifest := app
	noManifest.AddPackages = []string{"express@5", "cors"}
	s, _, err := Build(noManifest, Answers{}, cat, now)
	if err != nil || len(s.Manifests) != 0 || !slices.Equal(s.AddPackages, []string{"express@5", "cors"}) {
		t.Errorf("no package.json: Manifests %q, AddPackages %q, %v", s.Manifests, s.AddPackages, err)
	}
	if s, _, _ := Build(detect.Facts{}, Answers{Language: "node"}, cat, now); !slices.Equal(s.Manifests, []string{"package.json", "package-lock.json"}) {
		t.Errorf("a new service: Manifests %q", s.Manifests)
	}

	// The build script: "build" when detection named none, kept otherwise.
	built := app
	built.BuildScript = true
	if s, _, _ := Build(built, Answers{}, cat, now); s.BuildScriptName != "build" {
		t.Errorf("BuildScriptName = %q, want build", s.BuildScriptName)
	}
	built.BuildScriptName = "build:docker"
	if s, _, _ := Build(built, Answers{}, cat, now); s.BuildScriptName != "build:docker" {
		t.Errorf("BuildScriptName = %q, want build:docker", s.BuildScriptName)
	}

	// The built servers of these frameworks read PORT, also for a new service.
	for _, fw := range []string{"nuxt", "remix", "astro", "sveltekit"} {
		if s, _, _ := Build(detect.Facts{}, Answers{Language: "node", Framework: fw}, cat, now); !s.PortEnv {
			t.Errorf("%s: PortEnv is false", fw)
		}
	}
	if s, _, _ := Build(detect.Facts{}, Answers{Language: "node", Framework: "express"}, cat, now); s.PortEnv {
		t.Error("a new express service: PortEnv is true, but nothing says it reads PORT")
	}

	// Values that land in a RUN line are checked.
	for _, bad := range []detect.Facts{
		func() detect.Facts { f := built; f.BuildScriptName = "build && curl x"; return f }(),
		func() detect.Facts { f := noManifest; f.AddPackages = []string{"express; rm -rf /"}; return f }(),
	} {
		if _, _, err := Build(bad, Answers{}, cat, now); err == nil {
			t.Errorf("%q / %q was accepted", bad.BuildScriptName, bad.AddPackages)
		}
	}
	// The tool version's source lands in a comment: one line only.
	src := app
	src.PackageManager, src.PackageManagerVersion, src.PackageManagerVersionSource = "pnpm", "10", "x\nRUN id"
	if s, _, err := Build(src, Answers{}, cat, now); err != nil || s.PackageManagerVersionSource != "" {
		t.Errorf("a source with a line break: %q, %v", s.PackageManagerVersionSource, err)
	}
}
