package detect

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const bunPkg = `{"name": "api", "scripts": {"start": "bun run src/index.ts"}, "dependencies": {"hono": "^4.9.6"}}`

func TestBun(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		lang      string
		version   VersionReq
		command   []string
		port      int
		framework string
		manifests []string
		warn      string
	}{
		{
			name:  "bun.lock beats package.json: not node",
			files: files("package.json", bunPkg, "bun.lock", "{}", "src/index.ts", "export default { port: 3000, fetch }"),
			lang:  "bun", command: []string{"bun", "run", "src/index.ts"}, port: 3000, framework: "hono",
			manifests: []string{"package.json", "bun.lock"},
		},
		{
			name:  "bun.lockb (the binary lockfile)",
			files: files("package.json", `{"name": "x", "module": "index.ts"}`, "bun.lockb", "\x00", "index.ts", "Bun.serve({ port: 4000, fetch() { return new Response() } })"),
			lang:  "bun", command: []string{"bun", "run", "index.ts"}, port: 4000,
			manifests: []string{"package.json", "bun.lockb"},
		},
		{
			name:  "bunfig.toml alone marks it, with a warning about the lockfile",
			files: files("package.json", `{"name": "x"}`, "bunfig.toml", "[install]\n", "src/index.ts", "console.log(1)"),
			lang:  "bun", command: []string{"bun", "run", "src/index.ts"}, port: 3000,
			manifests: []string{"package.json", "bunfig.toml"}, warn: "no bun.lock",
		},
		{
			name:  "packageManager bun@ pins the version",
			files: files("package.json", `{"name": "x", "packageManager": "bun@1.3.2", "scripts": {"start": "bun server.ts"}}`, "bun.lock", "{}", "server.ts", "Bun.serve({fetch})"),
			lang:  "bun", version: VersionReq{"1.3.2", true, "package.json"},
			command: []string{"bun", "run", "server.ts"}, port: 3000, manifests: []string{"package.json", "bun.lock"},
		},
		{
			name: ".bun-version beats packageManager",
			files: files("package.json", `{"name": "x", "packageManager": "bun@1.3.2"}`, "bun.lock", "{}", ".bun-version", "v1.4.0\n",
				"index.ts", "Bun.serve({fetch})"),
			lang: "bun", version: VersionReq{"1.4.0", true, ".bun-version"},
			command: []string{"bun", "run", "index.ts"}, port: 3000, manifests: []string{"package.json", "bun.lock"},
		},
		{
			name:  "a start script with shell syntax runs through bun run start",
			files: files("package.json", `{"name": "x", "scripts": {"start": "NODE_ENV=production bun src/index.ts && echo done"}}`, "bun.lock", "{}", "src/index.ts", "x"),
			lang:  "bun", command: []string{"bun", "run", "start"}, port: 3000, manifests: []string{"package.json", "bun.lock"},
		},
		{
			name:  "no bun marker: node",
			files: files("package.json", `{"name": "x", "scripts": {"start": "node server.js"}}`, "package-lock.json", "{}", "server.js", "x"),
			lang:  "node", command: []string{"node", "server.js"}, manifests: []string{"package.json", "package-lock.json"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != tt.lang || got.Version != tt.version || !slices.Equal(got.Command, tt.command) || got.Framework != tt.framework {
				t.Errorf("got %s %+v %q %q; want %s %+v %q %q", got.Language, got.Version, got.Command, got.Framework, tt.lang, tt.version, tt.command, tt.framework)
			}
			if tt.lang == "bun" && (got.Port != tt.port || !slices.Equal(got.Manifests, tt.manifests)) {
				t.Errorf("Port, Manifests = %d, %q; want %d, %q", got.Port, got.Manifests, tt.port, tt.manifests)
			}
			warns := strings.Join(got.Warnings, "\n")
			if tt.warn != "" && !strings.Contains(warns, tt.warn) || tt.warn == "" && tt.lang == "bun" && warns != "" {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
			if got.Language == "bun" && slices.ContainsFunc(got.Evidence, func(e Evidence) bool { return strings.Contains(e.Reason, "node") && e.Field == "language" }) {
				t.Errorf("node is named as a language candidate: %+v", got.Evidence)
			}
		})
	}
}
