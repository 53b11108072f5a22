package detect

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestNodeVersion(t *testing.T) {
	pkg := `{"engines":{"node":">=18 <23"}}`
	tests := []struct {
		name  string
		files fstest.MapFS
		want  VersionReq
	}{
		{".nvmrc major", files("package.json", "{}", ".nvmrc", "20\n"), VersionReq{"20", true, ".nvmrc"}},
		{".nvmrc strips v", files("package.json", "{}", ".nvmrc", "v20.11.1\n"), VersionReq{"20.11.1", true, ".nvmrc"}},
		{".nvmrc lts/*", files("package.json", "{}", ".nvmrc", "lts/*"), VersionReq{"lts/*", true, ".nvmrc"}},
		{".nvmrc lts/iron", files("package.json", "{}", ".nvmrc", " lts/iron \n"), VersionReq{"lts/iron", true, ".nvmrc"}},
		{".nvmrc beats .node-version and engines", files("package.json", pkg, ".nvmrc", "22", ".node-version", "20"), VersionReq{"22", true, ".nvmrc"}},
		{".node-version beats engines", files("package.json", pkg, ".node-version", "v21.7.3"), VersionReq{"21.7.3", true, ".node-version"}},
		{"engines range", files("package.json", pkg), VersionReq{">=18 <23", false, "package.json"}},
		{"engines caret", files("package.json", `{"engines":{"node":"^22"}}`), VersionReq{"^22", false, "package.json"}},
		{"engines x-range", files("package.json", `{"engines":{"node":"20.x"}}`), VersionReq{"20.x", false, "package.json"}},
		{"none", files("package.json", "{}"), VersionReq{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Version != tt.want {
				t.Errorf("Version = %+v, want %+v", got.Version, tt.want)
			}
			checkEvidence(t, got)
		})
	}
}

func TestNodePackageManager(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		pm        string
		pmVersion string
		manifests []string
		warn      string
	}{
		{"no lockfile: npm", files("package.json", "{}"), "npm", "", []string{"package.json"}, ""},
		{"package-lock.json", files("package.json", "{}", "package-lock.json", "{}", ".npmrc", ""), "npm", "", []string{"package.json", "package-lock.json", ".npmrc"}, ""},
		{"npm-shrinkwrap.json", files("package.json", "{}", "npm-shrinkwrap.json", "{}"), "npm", "", []string{"package.json", "npm-shrinkwrap.json"}, ""},
		{"yarn.lock with .yarnrc.yml", files("package.json", "{}", "yarn.lock", "", ".yarnrc.yml", "nodeLinker: node-modules\n", ".npmrc", ""), "yarn", "", []string{"package.json", "yarn.lock", ".yarnrc.yml"}, ""},
		{"pnpm-lock.yaml with workspace and .npmrc", files("package.json", "{}", "pnpm-lock.yaml", "", "pnpm-workspace.yaml", "", ".npmrc", ""), "pnpm", "", []string{"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ".npmrc"}, ""},
		{"packageManager strips the hash", files("package.json", `{"packageManager":"pnpm@9.12.0+sha512.abcdef"}`, "pnpm-lock.yaml", ""), "pnpm", "9.12.0", []string{"package.json", "pnpm-lock.yaml"}, ""},
		{"packageManager beats the lockfile", files("package.json", `{"packageManager":"yarn@4.5.0"}`, "package-lock.json", "{}"), "yarn", "4.5.0", []string{"package.json"}, `package.json: packageManager is "yarn@4.5.0" but package-lock.json exists`},
		{"two lockfiles: pnpm first, with a warning", files("package.json", "{}", "yarn.lock", "", "pnpm-lock.yaml", ""), "pnpm", "", []string{"package.json", "pnpm-lock.yaml"}, "pnpm-lock.yaml: lockfiles of several package managers (pnpm-lock.yaml, yarn.lock); using pnpm"},
		{"unsupported packageManager falls back to the lockfile", files("package.json", `{"packageManager":"deno@2.1.0"}`, "yarn.lock", ""), "yarn", "", []string{"package.json", "yarn.lock"}, `package.json: packageManager "deno@2.1.0" is not supported`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.PackageManager != tt.pm || got.PackageManagerVersion != tt.pmVersion {
				t.Errorf("PackageManager = %q@%q, want %q@%q", got.PackageManager, got.PackageManagerVersion, tt.pm, tt.pmVersion)
			}
			if !reflect.DeepEqual(got.Manifests, tt.manifests) {
				t.Errorf("Manifests = %q, want %q", got.Manifests, tt.manifests)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			checkWarnings(t, got.Warnings, want)
			checkEvidence(t, got)
		})
	}
}

func TestNodeApp(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		port      int
		command   []string
		deps      []string
	}{
		{
			name:      "next beats express; devDependencies are not dependencies",
			files:     files("package.json", `{"scripts":{"start":"next start -p 4000"},"dependencies":{"express":"4","next":"14"},"devDependencies":{"@nestjs/core":"10"}}`),
			framework: "next", port: 4000, command: []string{"node_modules/.bin/next", "start", "-p", "4000"}, deps: []string{"express", "next"},
		},
		{
			name:      "nest beats express; nest start needs the Nest CLI, so the build output runs",
			files:     files("package.json", `{"scripts":{"start":"nest start"},"dependencies":{"express":"4","@nestjs/core":"10"}}`, "yarn.lock", ""),
			framework: "nest", port: 3000, command: []string{"node", "dist/main.js"}, deps: []string{"@nestjs/core", "express"},
		},
		{
			name:      "a start script with shell syntax runs through npm, which every node image has",
			files:     files("package.json", `{"scripts":{"start":"NODE_OPTIONS=--x node a.js && echo"},"dependencies":{"express":"4"}}`, "pnpm-lock.yaml", ""),
			framework: "express", port: 3000, command: []string{"npm", "start"}, deps: []string{"express"},
		},
		{
			name:      "a start script with a line break is never split into words",
			files:     files("package.json", `{"scripts":{"start":"node a.js\nRUN id"},"dependencies":{"express":"4"}}`),
			framework: "express", port: 3000, command: []string{"npm", "start"}, deps: []string{"express"},
		},
		{
			name:      "framework in devDependencies only is no framework",
			files:     files("package.json", `{"devDependencies":{"express":"4"}}`),
			framework: "",
		},
		{
			name:      "start script with pnpm; port from process.env.PORT ?? NNNN",
			files:     files("package.json", `{"scripts":{"start":"node ./src/server"},"dependencies":{"express":"4"}}`, "pnpm-lock.yaml", "", "src/server.js", "app.listen(process.env.PORT ?? 5050)\n"),
			framework: "express", port: 5050, command: []string{"node", "./src/server"}, deps: []string{"express"},
		},
		{
			name:      "listen(PORT) with a constant",
			files:     files("package.json", `{"main":"a.js","dependencies":{"express":"5"}}`, "a.js", "const PORT = 4100;\napp.listen(PORT, () => {});\n"),
			framework: "express", port: 4100, command: []string{"node", "a.js"}, deps: []string{"express"},
		},
		{
			name:      "const { PORT = 5000 } = process.env",
			files:     files("package.json", `{"main":"a.js","dependencies":{"koa":"3"}}`, "a.js", "const { PORT = 5000, HOST } = process.env;\napp.listen(PORT);\n"),
			framework: "koa", port: 5000, command: []string{"node", "a.js"}, deps: []string{"koa"},
		},
		{
			name:  "main field",
			files: files("package.json", `{"main":"lib/app.js"}`, "lib/app.js", "server.listen(7070)\n"),
			port:  7070, command: []string{"node", "lib/app.js"},
		},
		{
			name:    "main that does not exist falls back to app.js",
			files:   files("package.json", `{"main":"index.js"}`, "app.js", "// worker\n"),
			command: []string{"node", "app.js"},
		},
		{
			name:  "nothing to start",
			files: files("package.json", `{"name":"lib"}`),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.Framework != tt.framework || got.Port != tt.port || !reflect.DeepEqual(got.Command, tt.command) {
				t.Errorf("Framework, Port, Command = %q, %d, %q; want %q, %d, %q",
					got.Framework, got.Port, got.Command, tt.framework, tt.port, tt.command)
			}
			if !reflect.DeepEqual(got.Dependencies, tt.deps) {
				t.Errorf("Dependencies = %q, want %q", got.Dependencies, tt.deps)
			}
			checkWarnings(t, got.Warnings, nil)
			checkEvidence(t, got)
		})
	}
}

// nodeFixtures are the Node.js fixtures of issue 9's classes: an app with
// no package.json, a main that does not exist, development-server start
// scripts, ports from a config module and $PORT, pnpm's version from the
// lockfile, a build script kept for containers, a Yarn release in the
// repository, a TypeScript build's output.
var nodeFixtures = map[string]want{
	"node-script-express": {
		portEnv: true,
		lang:    "node", pm: "npm", framework: "express", port: 8080, command: []string{"node", "server.js"},
		deps:     []string{"cors", "express", "morgan"},
		warnings: []string{"server.js: no package.json; the image installs the packages it imports (express@5 cors@2 morgan@1); a package.json with a lockfile"},
	},
	"node-plain-http-script": {
		portEnv: true,
		lang:    "node", pm: "npm", port: 3000, command: []string{"node", "index.mjs"},
	},
	"node-main-missing-config-port": {
		portEnv: true,
		lang:    "node", pm: "npm", framework: "express", port: 8081, command: []string{"node", "src/index.js"},
		manifests: []string{"package.json", "package-lock.json"}, deps: []string{"express"},
	},
	"node-dev-start": {
		portEnv: true,
		lang:    "node", pm: "npm", framework: "koa", port: 3000, command: []string{"node", "server.js"},
		manifests: []string{"package.json"}, deps: []string{"koa"},
	},
	"node-pnpm-lock-build-docker": {
		portEnv: true,
		lang:    "node", pm: "pnpm", pmVersion: "10", framework: "fastify", port: 4000, command: []string{"node", "dist/server.js"},
		buildScript: true, manifests: []string{"package.json", "pnpm-lock.yaml"}, deps: []string{"fastify"},
	},
	"node-yarn-berry-release": {
		lang: "node", pm: "yarn", pmVersion: "4.5.0", framework: "express", port: 3000, command: []string{"node", "index.js"},
		manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, deps: []string{"express"},
	},
	"node-ts-build-dist": {
		lang: "node", pm: "npm", framework: "hono", port: 3000, command: []string{"node", "build/index.js"},
		buildScript: true, manifests: []string{"package.json", "package-lock.json"}, deps: []string{"@hono/node-server", "hono"},
	},
}

// The facts of nodeFixtures that only Node.js has: $PORT, what to install
// without a manifest, the build script, where the tool version came from,
// the folders copied with the manifests, and the evidence of what lost.
func TestNodeFixtureDetails(t *testing.T) {
	tests := []struct {
		fixture      string
		portEnv      bool
		imports      []string
		buildName    string
		pmSource     string
		manifestDirs []string
		// evidence: "field: substring" that some evidence entry (its
		// reason, rule or a candidate's reason) must contain.
		evidence []string
	}{
		{fixture: "node-script-express", portEnv: true, imports: []string{"express@5", "cors@2", "morgan@1"},
			evidence: []string{"language: imports express (no package.json)", "port: process.env.PORT falls back to 8080"}},
		{fixture: "node-plain-http-script", portEnv: true,
			evidence: []string{"language: serves with node:http", "port: 3000 by convention for Node.js"}},
		{fixture: "node-main-missing-config-port", portEnv: true,
			evidence: []string{`command: main = "index.js", which does not exist`, "port: process.env.PORT falls back to 8081", "port_env: reads"}},
		{fixture: "node-dev-start", portEnv: true,
			evidence: []string{"command: runs nodemon, a development server", "command: runs vite, a development server", "port: 3000 by convention (koa has no default port)"}},
		{fixture: "node-pnpm-lock-build-docker", portEnv: true, buildName: "build:prod", pmSource: "pnpm-lock.yaml lockfileVersion '9.0'",
			evidence: []string{"package_manager_version: lockfileVersion '9.0' is installed by pnpm 10", `build: scripts["build:prod"]`, "build: runs a container tool"}},
		{fixture: "node-yarn-berry-release", pmSource: ".yarn/releases/yarn-4.5.0.cjs", manifestDirs: []string{".yarn/releases"}},
		{fixture: "node-ts-build-dist", buildName: "build",
			evidence: []string{"command: compiles src/index.ts to build/index.js", "port: @hono/node-server's serve() listens on 3000 by default"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			got := Detect(guard(t, os.DirFS(filepath.Join(fixturesDir, tt.fixture))))
			if got.PortEnv != tt.portEnv || !reflect.DeepEqual(got.AddPackages, tt.imports) || got.BuildScriptName != tt.buildName ||
				got.PackageManagerVersionSource != tt.pmSource || !reflect.DeepEqual(got.ManifestDirs, tt.manifestDirs) {
				t.Errorf("PortEnv, Imports, BuildScriptName, PackageManagerVersionSource, ManifestDirs = %v, %q, %q, %q, %q; want %v, %q, %q, %q, %q",
					got.PortEnv, got.AddPackages, got.BuildScriptName, got.PackageManagerVersionSource, got.ManifestDirs,
					tt.portEnv, tt.imports, tt.buildName, tt.pmSource, tt.manifestDirs)
			}
			for _, w := range tt.evidence {
				field, sub, _ := strings.Cut(w, ": ")
				found := false
				for _, e := range got.Evidence {
					if e.Field != field {
						continue
					}
					texts := []string{e.Reason, e.Rule}
					for _, c := range e.Candidates {
						texts = append(texts, c.Reason)
					}
					for _, s := range texts {
						found = found || strings.Contains(s, sub)
					}
				}
				if !found {
					t.Errorf("no %s evidence mentions %q; evidence: %+v", field, sub, got.Evidence)
				}
			}
		})
	}
}

// A development server is never the command; a production script or
// the framework's production server is.
func TestNodeDevServer(t *testing.T) {
	tests := []struct {
		script, want string
	}{
		{"next dev", "next dev"},
		{"next dev --turbopack -p 4000", "next dev"},
		{"next start", ""},
		{"vite", "vite"},
		{"vite --host", "vite"},
		{"vite build", ""},
		{"vite preview --port 8080", "vite preview"},
		{"nodemon src/index.js", "nodemon"},
		{"node_modules/.bin/nodemon index.js", "nodemon"},
		{"ng serve", "ng serve"},
		{"ng build", ""},
		{"vue-cli-service serve", "vue-cli-service serve"},
		{"ts-node-dev --respawn src/index.ts", "ts-node-dev"},
		{"node --watch server.js", "--watch"},
		{"tsx watch src/index.ts", "tsx watch"},
		{"nest start", "nest start (the Nest CLI, a devDependency)"},
		{"nest start --watch", "--watch"},
		{"react-scripts start", "react-scripts start"},
		{"node dist/main", ""},
		{"NODE_ENV=production node server.js", ""},
	}
	for _, tt := range tests {
		if got := nodeDevServer(tt.script); got != tt.want {
			t.Errorf("nodeDevServer(%q) = %q, want %q", tt.script, got, tt.want)
		}
	}
}

func TestNodeStartCommands(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		command []string
	}{
		{"a start:prod beats a dev start", files("package.json", `{"scripts":{"start":"nodemon a.js","start:prod":"node dist/a.js"}}`), []string{"node", "dist/a.js"}},
		{"next dev start: next start", files("package.json", `{"scripts":{"start":"next dev","build":"next build"},"dependencies":{"next":"15"}}`), []string{"node_modules/.bin/next", "start"}},
		{"a serve script that is production", files("package.json", `{"scripts":{"start":"nodemon a.js","serve":"node a.js"}}`, "a.js", ""), []string{"node", "a.js"}},
		{"main that exists", files("package.json", `{"main":"lib/a.js"}`, "lib/a.js", ""), []string{"node", "lib/a.js"}},
		{"src/index.js when main is missing", files("package.json", `{"main":"index.js"}`, "src/index.js", ""), []string{"node", "src/index.js"}},
		{"remix dev start: remix-serve on the server build", files("package.json", `{"scripts":{"start":"remix dev","build":"remix build"},"dependencies":{"@remix-run/node":"2"}}`), []string{"node_modules/.bin/remix-serve", "./build/server/index.js"}},
		{"the build output of src/main.ts", files("package.json", `{"scripts":{"build":"tsc"}}`, "src/main.ts", ""), []string{"node", "dist/main.js"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if !reflect.DeepEqual(got.Command, tt.command) {
				t.Errorf("Command = %q, want %q", got.Command, tt.command)
			}
			checkEvidence(t, got)
		})
	}
}

// pnpm's major comes from the lockfile when package.json names none.
func TestPnpmLockfileVersion(t *testing.T) {
	tests := []struct {
		lock, want, warn string
	}{
		{"lockfileVersion: '9.0'\n", "10", ""},
		{"lockfileVersion: '6.0'\n", "8", ""},
		{"lockfileVersion: 5.4\n", "7", ""},
		{"lockfileVersion: '42.0'\n", "", `pnpm-lock.yaml: lockfileVersion "42.0" is not one dockgen knows`},
		{"lockfileVersion: [\n", "", "pnpm-lock.yaml: not read"},
	}
	for _, tt := range tests {
		got := Detect(files("package.json", "{}", "pnpm-lock.yaml", tt.lock))
		if got.PackageManagerVersion != tt.want {
			t.Errorf("%q: PackageManagerVersion = %q, want %q", tt.lock, got.PackageManagerVersion, tt.want)
		}
		var want []string
		if tt.warn != "" {
			want = []string{tt.warn}
		}
		checkWarnings(t, got.Warnings, want)
	}
}
