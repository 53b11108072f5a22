package detect

import (
	"reflect"
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
