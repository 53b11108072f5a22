package spec

import (
	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var nodeStack = Stack{
	Language:        "node",
	PackageManagers: []string{"npm", "yarn", "pnpm"},
	Frameworks:      []string{"express", "next", "nest"},
	NewManifests: map[string][]string{
		"npm":  {"package.json", "package-lock.json"},
		"yarn": {"package.json", "yarn.lock"},
		"pnpm": {"package.json", "pnpm-lock.yaml"},
	},
	DefaultPort: func(string) int { return 3000 },
	DefaultCommand: func(s Spec) []string {
		switch s.Framework {
		case "next":
			return []string{"npx", "next", "start"}
		case "nest":
			return []string{"node", "dist/main.js"}
		}
		return []string{"node", "index.js"}
	},
	// A build script gets a build stage with every dependency; otherwise
	// production dependencies install straight into the final stage.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		ref := stack.Ref(s.Version, v)
		if s.BuildScript {
			return ref, ref
		}
		return ref, ""
	},
	Shapes: func(pm string) []detect.Facts {
		lock := map[string]string{"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml"}[pm]
		var out []detect.Facts
		for _, build := range []bool{false, true} {
			out = append(out,
				detect.Facts{Manifests: []string{"package.json", lock}, BuildScript: build},
				detect.Facts{Manifests: []string{"package.json"}, BuildScript: build})
			switch pm {
			case "yarn":
				out = append(out, detect.Facts{Manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, PackageManagerVersion: "4.5.0", BuildScript: build})
			case "pnpm":
				out = append(out, detect.Facts{Manifests: []string{"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}, PackageManagerVersion: "9.12.0", BuildScript: build})
			}
		}
		return out
	},
}
