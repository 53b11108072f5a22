package spec

import (
	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var bunStack = Stack{
	Language:        "bun",
	PackageManagers: []string{"bun"},
	Frameworks:      []string{"hono", "elysia", "express"},
	NewManifests:    map[string][]string{"bun": {"package.json", "bun.lock"}},
	DefaultPort:     func(string) int { return 3000 },
	DefaultCommand:  func(Spec) []string { return []string{"bun", "run", "index.ts"} },
	// One stage: Bun runs TypeScript as is, and the vendor image carries
	// the runtime and the package manager in one binary.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.RuntimeRef(s.Version, v), ""
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"package.json", "bun.lock"}, Port: 3000},
			{Manifests: []string{"package.json", "bun.lockb", "bunfig.toml"}},
			{Manifests: []string{"package.json"}, Port: 3000},
		}
	},
}
