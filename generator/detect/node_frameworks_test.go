package detect

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestNodeFrameworks(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		port      int
		command   []string
		output    string
		warn      string
	}{
		{
			name:      "fastify listening on every interface, port from process.env.PORT",
			files:     files("package.json", `{"scripts":{"start":"node server.js"},"dependencies":{"fastify":"5"}}`, "server.js", "await app.listen({ host: '0.0.0.0', port: Number(process.env.PORT) || 3100 })\n"),
			framework: "fastify", port: 3100, command: []string{"node", "server.js"},
		},
		{
			name:      "fastify on localhost only warns",
			files:     files("package.json", `{"main":"app.js","dependencies":{"fastify":"5"}}`, "app.js", "fastify.listen({ port: 3000 })\n"),
			framework: "fastify", port: 3000, command: []string{"node", "app.js"},
			warn: "app.js: fastify listens on localhost only by default",
		},
		{
			name:      "fastify-cli start script runs directly",
			files:     files("package.json", `{"scripts":{"start":"fastify start -l info app.js"},"dependencies":{"fastify":"5","fastify-cli":"7"}}`, "app.js", "module.exports = async function (fastify) {}\n"),
			framework: "fastify", port: 3000, command: []string{"node_modules/.bin/fastify", "start", "-l", "info", "app.js"},
		},
		{
			name:      "koa with app.listen",
			files:     files("package.json", `{"dependencies":{"koa":"2"}}`, "index.js", "app.listen(4000)\n"),
			framework: "koa", port: 4000, command: []string{"node", "index.js"},
		},
		{
			name:      "hono on @hono/node-server: serve({ port }) in the TypeScript source of dist/index.js",
			files:     files("package.json", `{"scripts":{"build":"tsc","start":"node dist/index.js"},"dependencies":{"hono":"4","@hono/node-server":"1"}}`, "src/index.ts", "serve({ fetch: app.fetch, port: 8787 })\n"),
			framework: "hono", port: 8787, command: []string{"node", "dist/index.js"},
		},
		{
			name:      "hono without @hono/node-server warns",
			files:     files("package.json", `{"main":"index.js","dependencies":{"hono":"4"}}`, "index.js", "export default app\n"),
			framework: "hono", port: 3000, command: []string{"node", "index.js"},
			warn: "package.json: hono runs on Node.js through @hono/node-server",
		},
		{
			name:      "nuxt runs its .output server whatever the scripts say",
			files:     files("package.json", `{"scripts":{"build":"nuxt build","start":"nuxt preview"},"dependencies":{"nuxt":"3"}}`),
			framework: "nuxt", port: 3000, command: []string{"node", ".output/server/index.mjs"},
		},
		{
			name:      "remix start script runs remix-serve directly",
			files:     files("package.json", `{"scripts":{"build":"remix vite:build","start":"remix-serve ./build/server/index.js"},"dependencies":{"@remix-run/node":"2","@remix-run/serve":"2"}}`),
			framework: "remix", port: 3000, command: []string{"node_modules/.bin/remix-serve", "./build/server/index.js"},
		},
		{
			name:      "remix without a start script",
			files:     files("package.json", `{"scripts":{"build":"remix vite:build"},"dependencies":{"@remix-run/node":"2","@remix-run/serve":"2"}}`),
			framework: "remix", port: 3000, command: []string{"node_modules/.bin/remix-serve", "./build/server/index.js"},
		},
		{
			name:      "astro with @astrojs/node is a server on 4321, not astro dev",
			files:     files("package.json", `{"scripts":{"build":"astro build","start":"astro dev"},"dependencies":{"astro":"5","@astrojs/node":"9"}}`),
			framework: "astro", port: 4321, command: []string{"node", "./dist/server/entry.mjs"},
		},
		{
			name:      "sveltekit with adapter-node, both devDependencies",
			files:     files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"@sveltejs/kit":"2","@sveltejs/adapter-node":"5","vite":"6"}}`),
			framework: "sveltekit", port: 3000, command: []string{"node", "build"},
		},
		{
			name:      "sveltekit with adapter-auto warns",
			files:     files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"@sveltejs/kit":"2","@sveltejs/adapter-auto":"3"}}`),
			framework: "sveltekit", port: 3000, command: []string{"node", "build"},
			warn: "package.json: SvelteKit without @sveltejs/adapter-node builds no Node.js server",
		},
		{
			name:      "next standalone output runs server.js",
			files:     files("package.json", `{"scripts":{"build":"next build","start":"next start"},"dependencies":{"next":"15"}}`, "next.config.ts", "const nextConfig: NextConfig = {\n  output: 'standalone',\n};\n"),
			framework: "next", port: 3000, command: []string{"node", "server.js"}, output: ".next/standalone",
		},
		{
			name:      "next without standalone output runs next start",
			files:     files("package.json", `{"scripts":{"build":"next build","start":"next start"},"dependencies":{"next":"15"}}`, "next.config.js", "module.exports = { reactStrictMode: true }\n"),
			framework: "next", port: 3000, command: []string{"node_modules/.bin/next", "start"},
		},
		{
			name:      "nest beats fastify (its platform adapter)",
			files:     files("package.json", `{"scripts":{"start:prod":"node dist/main"},"dependencies":{"@nestjs/core":"10","@nestjs/platform-fastify":"10","fastify":"4"}}`, "src/main.ts", "await app.listen(3000, '0.0.0.0')\n"),
			framework: "nest", port: 3000, command: []string{"node", "dist/main"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.Language != "node" || got.Framework != tt.framework || got.Port != tt.port || !reflect.DeepEqual(got.Command, tt.command) {
				t.Errorf("Language, Framework, Port, Command = %q, %q, %d, %q; want node, %q, %d, %q",
					got.Language, got.Framework, got.Port, got.Command, tt.framework, tt.port, tt.command)
			}
			if got.OutputDir != tt.output {
				t.Errorf("OutputDir = %q, want %q", got.OutputDir, tt.output)
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
