package detect

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDeno(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		command   []string
		port      int
		framework string
		manifests []string
		warn      string
	}{
		{
			name:    "deno.json tasks.start, Deno.serve port",
			files:   files("deno.json", `{"tasks": {"start": "deno run --allow-net main.ts"}}`, "deno.lock", "{}", "main.ts", "Deno.serve({ port: 8080 }, h)"),
			command: []string{"deno", "run", "--allow-net", "main.ts"}, port: 8080, manifests: []string{"deno.json", "deno.lock"},
		},
		{
			name: "deno.jsonc with comments and trailing commas; hono from jsr",
			files: files("deno.jsonc", "{\n  // the app\n  \"imports\": {\"hono\": \"jsr:@hono/hono@^4\", /* web */},\n  \"tasks\": {\"start\": {\"command\": \"deno serve --allow-net src/main.ts\", \"description\": \"x\"},},\n}\n",
				"src/main.ts", "export default app"),
			command: []string{"deno", "serve", "--allow-net", "src/main.ts"}, port: 8000, framework: "hono", manifests: []string{"deno.jsonc"},
		},
		{
			name:    "no task: deno run on main.ts with permissions",
			files:   files("deno.lock", "{}", "main.ts", `Deno.serve((_req) => new Response("hi"))`),
			command: []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}, port: 8000, manifests: []string{"deno.lock"},
		},
		{
			name:    "a task with shell syntax is not run; the entry is",
			files:   files("deno.json", `{"tasks": {"start": "deno task build && deno run -A main.ts"}}`, "main.ts", "x"),
			command: []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}, port: 8000, manifests: []string{"deno.json"},
			warn: "tasks.start",
		},
		{
			name:    "package.json beside deno.json is Deno's, copied with it",
			files:   files("deno.json", `{}`, "package.json", `{"name": "x", "scripts": {"start": "node x.js"}}`, "x.js", "", "main.ts", "Deno.serve({port: 9000}, h)"),
			command: []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}, port: 9000, manifests: []string{"deno.json", "package.json"},
		},
		{
			name:    "malformed deno.json is a warning",
			files:   files("deno.json", `{"tasks": `, "main.ts", "x"),
			command: []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}, port: 8000,
			manifests: []string{"deno.json"}, warn: "deno.json: invalid JSON",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != "deno" || got.PackageManager != "deno" {
				t.Fatalf("Language, PackageManager = %q, %q", got.Language, got.PackageManager)
			}
			if !slices.Equal(got.Command, tt.command) || got.Port != tt.port || got.Framework != tt.framework || !slices.Equal(got.Manifests, tt.manifests) {
				t.Errorf("got %q %d %q %q; want %q %d %q %q", got.Command, got.Port, got.Framework, got.Manifests, tt.command, tt.port, tt.framework, tt.manifests)
			}
			warns := strings.Join(got.Warnings, "\n")
			if tt.warn != "" && !strings.Contains(warns, tt.warn) || tt.warn == "" && warns != "" {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
		})
	}
}
