package spec

import (
	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var denoStack = Stack{
	Language:        "deno",
	PackageManagers: []string{"deno"},
	Frameworks:      []string{"hono", "oak", "fresh", "express"},
	NewManifests:    map[string][]string{"deno": {"deno.json", "deno.lock"}},
	DefaultPort:     func(string) int { return 8000 },
	DefaultCommand: func(Spec) []string {
		return []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}
	},
	// One stage: the vendor image's Deno caches the dependencies and runs
	// the source; there is nothing to compile.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.RuntimeRef(s.Version, v), ""
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"deno.json", "deno.lock"}, Port: 8000},
			{Manifests: []string{"deno.jsonc"}, Port: 8000},
			{Manifests: []string{"deno.json", "deno.lock", "package.json"}},
		}
	},
}
