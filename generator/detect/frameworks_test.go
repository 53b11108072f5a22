package detect

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// frameworkFixtures are the fixtures of the framework identities (one per
// framework and runtime), checked by TestDetectFixtures: language,
// framework, port and command as a user would see them.
var frameworkFixtures = map[string]want{
	// Next.js under Bun: bun.lock's lockfileVersion 2 asks for Bun 1.4;
	// next build runs, and bun runs next start (no node in the image).
	"bun-next": {
		lang: "bun", version: VersionReq{">=1.4", false, "bun.lock"}, pm: "bun", framework: "next", port: 3000,
		command: []string{"bun", "node_modules/.bin/next", "start"}, manifests: []string{"package.json", "bun.lock"},
		buildScript: true, deps: []string{"next", "react", "react-dom"},
	},
	"bun-next-standalone": {
		lang: "bun", version: VersionReq{"1.4.0", true, "package.json"}, pm: "bun", framework: "next", port: 3000,
		command: []string{"bun", "server.js"}, manifests: []string{"package.json", "bun.lock"},
		buildScript: true, output: ".next/standalone", deps: []string{"next", "react", "react-dom"},
	},
}

// TestBunFrameworks: the meta-frameworks build and run under Bun as under
// Node.js (the same table), with bun running the built server.
func TestBunFrameworks(t *testing.T) {
	pkg := func(deps, scripts string) string {
		return `{"name": "x", "scripts": {` + scripts + `}, "dependencies": {` + deps + `}}`
	}
	build := `"build": "x build", "start": "x preview"`
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		command   []string
		port      int
		build     bool
		version   string
		warn      string
	}{
		{"nuxt", files("package.json", pkg(`"nuxt": "^4"`, build), "bun.lock", `{"lockfileVersion": 1}`),
			"nuxt", []string{"bun", ".output/server/index.mjs"}, 3000, true, ">=1.2", ""},
		{"astro", files("package.json", pkg(`"astro": "^5", "@astrojs/node": "^9"`, build), "bun.lock", `{"lockfileVersion": 2}`),
			"astro", []string{"bun", "./dist/server/entry.mjs"}, 4321, true, ">=1.4", ""},
		{"sveltekit: not `bun build`, Bun's bundler", files("package.json", `{"scripts": {"build": "vite build"}, "devDependencies": {"@sveltejs/kit": "^2", "@sveltejs/adapter-node": "^5"}}`, "bun.lockb", "\x00"),
			"sveltekit", []string{"bun", "./build/index.js"}, 3000, true, "", ""},
		{"remix with a start script still runs remix-serve with bun", files("package.json", pkg(`"@remix-run/node": "^2", "@remix-run/serve": "^2"`, `"build": "remix vite:build", "start": "remix-serve ./build/server/index.js"`), "bun.lock", "{}"),
			"remix", []string{"bun", "node_modules/.bin/remix-serve", "./build/server/index.js"}, 3000, true, "", ""},
		{"next with a port in next start", files("package.json", pkg(`"next": "16"`, `"build": "next build", "start": "next start -p 4000"`), "bun.lock", "{}"),
			"next", []string{"bun", "node_modules/.bin/next", "start", "-p", "4000"}, 4000, true, "", ""},
		{"next without a build script: a warning", files("package.json", pkg(`"next": "16"`, `"start": "next start"`), "bun.lock", "{}"),
			"next", []string{"bun", "node_modules/.bin/next", "start"}, 3000, false, "", "needs a build"},
		{"elysia stays a one-stage app", files("package.json", pkg(`"elysia": "^1"`, `"build": "bun build src/index.ts"`), "bun.lock", "{}", "src/index.ts", "new Elysia().listen(3000)"),
			"elysia", []string{"bun", "run", "src/index.ts"}, 3000, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := detectBun(tt.files)
			if !ok {
				t.Fatal("not detected as bun")
			}
			if f.Framework != tt.framework || !slices.Equal(f.Command, tt.command) || f.Port != tt.port || f.BuildScript != tt.build || f.Version.Raw != tt.version {
				t.Errorf("got framework %q command %q port %d build %v version %q; want %q %q %d %v %q",
					f.Framework, f.Command, f.Port, f.BuildScript, f.Version.Raw, tt.framework, tt.command, tt.port, tt.build, tt.version)
			}
			if got := strings.Join(f.Warnings, "\n"); (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want one containing %q", got, tt.warn)
			}
		})
	}
}
