package spec

import (
	"slices"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var bunStack = Stack{
	Language:        "bun",
	PackageManagers: []string{"bun"},
	// Node.js's frameworks (detection shares their table) and Elysia, which
	// is Bun's own.
	Frameworks:   append(slices.Clone(nodeStack.Frameworks), "elysia"),
	NewManifests: map[string][]string{"bun": {"package.json", "bun.lock"}},
	// Astro's Node.js adapter listens on 4321; Bun.serve and the others on 3000.
	DefaultPort: func(framework string) int {
		if framework == "astro" {
			return 4321
		}
		return 3000
	},
	DefaultCommand: func(s Spec) []string {
		if cmd, _, _ := detect.BuiltServer("bun", s.Framework, s.OutputDir); cmd != nil {
			return cmd
		}
		if s.Framework == "next" {
			return []string{"bun", "node_modules/.bin/next", "start"}
		}
		return []string{"bun", "run", "index.ts"}
	},
	// Bun runs TypeScript as is: one stage, unless a framework builds
	// (Next.js, Nuxt, ...): then the same image builds in a stage of its own.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		ref := stack.RuntimeRef(s.Version, v)
		if s.BuildScript {
			return ref, ref
		}
		return ref, ""
	},
	// Only Next.js standalone output is an OutputDir, as for Node.js.
	Prepare: func(s *Spec, a Answers) error {
		if s.OutputDir != "" && (s.OutputDir != nextStandalone || s.Framework != "next") {
			s.OutputDir = ""
		}
		return nil
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"package.json", "bun.lock"}, Port: 3000},
			{Manifests: []string{"package.json", "bun.lockb", "bunfig.toml"}},
			{Manifests: []string{"package.json"}, Port: 3000},
			{Manifests: []string{"package.json", "bun.lock"}, Port: 3000, BuildScript: true},
			{Manifests: []string{"package.json", "bun.lock"}, Port: 3000, BuildScript: true, OutputDir: nextStandalone},
		}
	},
}
