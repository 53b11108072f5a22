package spec

import (
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var nodeStack = Stack{
	Language:        "node",
	PackageManagers: []string{"npm", "yarn", "pnpm"},
	Frameworks: []string{"express", "next", "nest", "fastify", "koa", "hono", "nuxt", "remix", "astro", "sveltekit",
		"solid-start", "react-router", "qwik", "adonisjs", "strapi", "sails", "hapi", "elysia"},
	NewManifests: map[string][]string{
		"npm":  {"package.json", "package-lock.json"},
		"yarn": {"package.json", "yarn.lock"},
		"pnpm": {"package.json", "pnpm-lock.yaml"},
	},
	// Astro's Node.js adapter listens on 4321, Strapi and Sails on 1337,
	// AdonisJS's starters on 3333; the others on 3000.
	DefaultPort: detect.NodeDefaultPort,
	DefaultCommand: func(s Spec) []string {
		// The meta-frameworks' built servers (Next.js standalone, Nuxt, ...).
		if cmd, _, _ := detect.BuiltServer("node", s.Framework, s.OutputDir); cmd != nil {
			return cmd
		}
		switch s.Framework {
		case "next":
			return []string{"npx", "next", "start"}
		case "nest":
			return []string{"node", "dist/main.js"}
		case "qwik":
			return []string{"node", "server/entry.express"}
		case "strapi":
			return []string{"node_modules/.bin/strapi", "start"}
		case "sails":
			return []string{"node", "app.js"}
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
	// Only Next.js standalone output is a node OutputDir: the final stage
	// then takes .next/standalone instead of the whole app.
	Prepare: func(s *Spec, a Answers) error {
		if s.OutputDir != "" && (s.OutputDir != nextStandalone || s.Framework != "next") {
			s.OutputDir = ""
		}
		switch {
		case !s.BuildScript:
			s.BuildScriptName = ""
		case s.BuildScriptName == "":
			s.BuildScriptName = "build"
		case !nodeScriptName.MatchString(s.BuildScriptName):
			return errf("package.json", "build script name %q has characters a Dockerfile cannot carry safely", s.BuildScriptName)
		}
		for _, p := range s.AddPackages {
			if !nodePackageSpec.MatchString(p) {
				return errf("add_packages", "%q is not an npm package name", p)
			}
		}
		if strings.ContainsFunc(s.PackageManagerVersionSource, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			s.PackageManagerVersionSource = ""
		}
		// The servers these frameworks build read PORT (and Next.js's
		// standalone server.js too): the image sets it.
		if detect.BuiltServerReadsPort(s.Framework, s.OutputDir) {
			s.PortEnv = true
		}
		return nil
	},
	Shapes: func(pm string) []detect.Facts {
		lock := map[string]string{"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml"}[pm]
		out := []detect.Facts{{Manifests: []string{"package.json", lock}, BuildScript: true, OutputDir: nextStandalone}}
		for _, build := range []bool{false, true} {
			out = append(out,
				detect.Facts{Manifests: []string{"package.json", lock}, BuildScript: build},
				detect.Facts{Manifests: []string{"package.json"}, BuildScript: build})
			switch pm {
			case "yarn":
				out = append(out, detect.Facts{Manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, PackageManagerVersion: "4.5.0", BuildScript: build},
					detect.Facts{Manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, ManifestDirs: []string{".yarn/releases"},
						PackageManagerVersion: "4.5.0", PackageManagerVersionSource: ".yarn/releases/yarn-4.5.0.cjs", BuildScript: build})
			case "pnpm":
				out = append(out, detect.Facts{Manifests: []string{"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}, PackageManagerVersion: "9.12.0", BuildScript: build},
					detect.Facts{Manifests: []string{"package.json", "pnpm-lock.yaml"}, PackageManagerVersion: "10",
						PackageManagerVersionSource: "pnpm-lock.yaml lockfileVersion '9.0'", BuildScript: build, BuildScriptName: "build:docker", PortEnv: true})
			}
		}
		if pm == "npm" {
			// No package.json: the packages the code imports.
			out = append(out, detect.Facts{AddPackages: []string{"express@5", "@hono/node-server@2", "cors"}, PortEnv: true})
		}
		return out
	},
}

// nextStandalone is where Next.js writes its standalone server.
const nextStandalone = ".next/standalone"

var (
	// nodeScriptName is a package.json script name safe in a RUN line.
	nodeScriptName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:._-]*$`)
	// nodePackageSpec is an npm package, optionally with a version
	// ("express@5", "@hono/node-server@2").
	nodePackageSpec = regexp.MustCompile(`^(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*(?:@[0-9][0-9A-Za-z.-]*)?$`)
)
