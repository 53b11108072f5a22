package spec

import (
	"slices"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var bunStack = Stack{
	Language:        "bun",
	PackageManagers: []string{"bun"},
	// Node.js's frameworks: detection shares their table (Elysia, Bun's
	// own, is in it too).
	Frameworks:   slices.Clone(nodeStack.Frameworks),
	NewManifests: map[string][]string{"bun": {"package.json", "bun.lock"}},
	// As under Node.js (Astro 4321, Strapi 1337, ...); Bun.serve's 3000.
	DefaultPort: detect.NodeDefaultPort,
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
	Images:  jsRuntimeImages,
	Prepare: jsRuntimePrepare,
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

// jsRuntimeImages are Bun's and Deno's images: the runtime's image, and
// the same image for a build stage when a framework builds.
func jsRuntimeImages(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
	ref := stack.RuntimeRef(s.Version, v)
	if s.BuildScript {
		return ref, ref
	}
	return ref, ""
}

// jsRuntimePrepare is Bun's and Deno's: only Next.js standalone output is
// an OutputDir, as for Node.js, and a framework's built server reads PORT.
func jsRuntimePrepare(s *Spec, _ Answers) error {
	if s.OutputDir != "" && (s.OutputDir != nextStandalone || s.Framework != "next") {
		s.OutputDir = ""
	}
	if s.BuildScript && detect.BuiltServerReadsPort(s.Framework, s.OutputDir) {
		s.PortEnv = true
	}
	return nil
}
