package spec

import (
	"github.com/dockgen/dockgen/generator/detect"
)

var denoStack = Stack{
	Language:        "deno",
	PackageManagers: []string{"deno"},
	// Deno's own, and the Node.js meta-frameworks Deno builds from a
	// package.json (detect's denoBuilds).
	Frameworks:   []string{"hono", "oak", "fresh", "express", "next", "astro", "sveltekit"},
	NewManifests: map[string][]string{"deno": {"deno.json", "deno.lock"}},
	DefaultPort: func(framework string) int {
		switch framework {
		case "next", "astro", "sveltekit":
			return detect.NodeDefaultPort(framework)
		}
		return 8000
	},
	DefaultCommand: func(s Spec) []string {
		if cmd, _, _ := detect.BuiltServer("deno", s.Framework, s.OutputDir); cmd != nil {
			return cmd
		}
		if s.Framework == "next" {
			return []string{"deno", "run", "-A", "npm:next", "start"}
		}
		return []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}
	},
	// One stage: the vendor image's Deno caches the dependencies and runs
	// the source; a meta-framework (Next.js, Astro, SvelteKit) builds in a
	// stage of its own on the same image.
	Images:  jsRuntimeImages,
	Prepare: jsRuntimePrepare,
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"deno.json", "deno.lock"}, Port: 8000},
			{Manifests: []string{"deno.jsonc"}, Port: 8000},
			{Manifests: []string{"deno.json", "deno.lock", "package.json"}},
			{Manifests: []string{"deno.json", "deno.lock", "package.json"}, Port: 3000, BuildScript: true},
			{Manifests: []string{"deno.json", "deno.lock", "package.json"}, Port: 3000, BuildScript: true, OutputDir: nextStandalone},
		}
	},
}
