package detect

import (
	"fmt"
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
		portEnv: true,
		lang:    "bun", version: VersionReq{"1.4.0", true, "package.json"}, pm: "bun", framework: "next", port: 3000,
		command: []string{"bun", "server.js"}, manifests: []string{"package.json", "bun.lock"},
		buildScript: true, output: ".next/standalone", deps: []string{"next", "react", "react-dom"},
	},

	// The JVM's web libraries: frameworks that build as a plain application
	// (lib/ and the main class), with the port from the code, the config,
	// or the library's default (a convention where it has none).
	"java-spark-maven": {
		lang: "java", version: VersionReq{"21", true, "pom.xml"}, pm: "maven", framework: "spark", port: 4567,
		command: javaPlainCmd("com.acme.App"), manifests: []string{"pom.xml"},
	},
	"java-vertx-maven": {
		lang: "java", version: VersionReq{"21", true, "pom.xml"}, pm: "maven", framework: "vertx", port: 8888,
		command: javaPlainCmd("com.acme.MainVerticle"), manifests: []string{"pom.xml"},
	},
	"java-dropwizard-maven": {
		lang: "java", version: VersionReq{"21", true, "pom.xml"}, pm: "maven", framework: "dropwizard", port: 8080,
		command: append(javaPlainCmd("com.acme.HelloApplication"), "server"), manifests: []string{"pom.xml"},
		warnings: []string{"config.yml: the image runs `server` without it"},
	},
	"java-helidon-maven": {
		lang: "java", version: VersionReq{"21", true, "pom.xml"}, pm: "maven", framework: "helidon", port: 8081,
		command: javaPlainCmd("com.acme.Main"), manifests: []string{"pom.xml"},
	},
	"java-javalin-gradle": {
		lang: "java", version: VersionReq{"21", true, "build.gradle.kts"}, pm: "gradle", framework: "javalin", port: 7070,
		command: javaPlainCmd("com.acme.App"), manifests: []string{"settings.gradle.kts", "build.gradle.kts"},
	},
	"java-ktor-gradle": {
		lang: "java", version: VersionReq{"21", true, "build.gradle.kts"}, pm: "gradle", framework: "ktor", port: 8081,
		command: javaPlainCmd("com.example.ApplicationKt"), manifests: []string{"settings.gradle.kts", "build.gradle.kts"},
	},

	// Python: each framework's production server (Sanic's CLI, uvicorn,
	// gunicorn, Tornado's and aiohttp's own) on its default port or the
	// code's.
	"python-sanic": {
		lang: "python", pm: "pip", framework: "sanic", port: 8000, manifests: []string{"requirements.txt"}, deps: []string{"sanic"},
		command: []string{"sanic", "server:app", "--host", "0.0.0.0", "--port", "8000"},
	},
	"python-litestar": {
		lang: "python", pm: "pip", framework: "litestar", port: 8000, manifests: []string{"requirements.txt"}, deps: []string{"litestar"},
		command: []string{"uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"},
	},
	"python-falcon": {
		lang: "python", pm: "pip", framework: "falcon", port: 8000, manifests: []string{"requirements.txt"}, deps: []string{"falcon", "gunicorn"},
		command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
	},
	"python-bottle": {
		lang: "python", pm: "pip", framework: "bottle", port: 8080, manifests: []string{"requirements.txt"}, deps: []string{"bottle", "gunicorn"},
		command: []string{"gunicorn", "--bind", "0.0.0.0:8080", "app:app"},
	},
	"python-tornado": {
		lang: "python", pm: "pip", framework: "tornado", port: 8888, manifests: []string{"requirements.txt"}, deps: []string{"tornado"},
		command: []string{"python", "server.py"},
	},
	"python-aiohttp": {
		lang: "python", pm: "pip", framework: "aiohttp", port: 8081, manifests: []string{"requirements.txt"}, deps: []string{"aiohttp"},
		command: []string{"python", "main.py"},
	},

	// Ruby: Hanami on Puma with its own config/puma.rb (port 2300), Roda
	// from config.ru on rackup's 9292 (Roda has no port of its own).
	"ruby-hanami": {
		lang: "ruby", version: VersionReq{"3.3.6", true, "Gemfile.lock"}, pm: "bundler", framework: "hanami", port: 2300,
		command: []string{"bundle", "exec", "puma", "-C", "config/puma.rb"}, manifests: []string{"Gemfile", "Gemfile.lock"},
		deps: []string{"hanami", "hanami-controller", "hanami-router", "puma", "rake"},
	},
	"ruby-roda": {
		lang: "ruby", pm: "bundler", framework: "roda", port: 9292,
		command: []string{"bundle", "exec", "rackup", "-o", "0.0.0.0", "-p", "9292"}, manifests: []string{"Gemfile", "Gemfile.lock"},
		deps: []string{"puma", "rackup", "roda"},
	},

	// PHP: Apache serves the framework's front-controller folder (the
	// doc_root golden Dockerfiles show: public/, CakePHP's webroot/).
	"php-codeigniter": {
		lang: "php", version: VersionReq{"^8.1", false, "composer.json"}, pm: "composer", framework: "codeigniter", port: 8080,
		manifests: []string{"composer.json", "composer.lock"}, deps: []string{"codeigniter4/framework", "php"},
	},
	"php-cakephp": {
		lang: "php", version: VersionReq{">=8.1", false, "composer.json"}, pm: "composer", framework: "cakephp", port: 8080,
		manifests: []string{"composer.json", "composer.lock"}, deps: []string{"cakephp/cakephp", "cakephp/plugin-installer", "php"},
	},
	"php-slim": {
		lang: "php", version: VersionReq{"^8.2", false, "composer.json"}, pm: "composer", framework: "slim", port: 8080,
		manifests: []string{"composer.json", "composer.lock"}, deps: []string{"php", "slim/psr7", "slim/slim"},
	},

	// .NET: a Blazor web app is an ASP.NET Core app (aspnet image, 8080).
	"dotnet-blazor": {
		lang: "dotnet", version: VersionReq{"10.0", true, "BlazorShop.csproj"}, pm: "dotnet",
		framework: "blazor", port: 8080, command: []string{"dotnet", "BlazorShop.dll"}, manifests: []string{"BlazorShop.csproj"},
	},

	// Node.js: each meta-framework's built server, each HTTP framework's
	// start script, on its default port or the code's.
	"node-solid-start": {
		portEnv: true,
		lang:    "node", version: VersionReq{">=18", false, "package.json"}, pm: "npm", framework: "solid-start", port: 3000,
		command: []string{"node", ".output/server/index.mjs"}, buildScript: true, manifests: npmLock,
		deps: []string{"@solidjs/router", "@solidjs/start", "solid-js", "vinxi"},
	},
	"node-react-router": {
		portEnv: true,
		lang:    "node", pm: "npm", framework: "react-router", port: 3000, buildScript: true, manifests: npmLock,
		command: []string{"node_modules/.bin/react-router-serve", "./build/server/index.js"},
		deps:    []string{"@react-router/node", "@react-router/serve", "isbot", "react", "react-dom", "react-router"},
	},
	"node-qwik": {
		lang: "node", pm: "npm", framework: "qwik", port: 3000, buildScript: true, manifests: npmLock,
		command: []string{"node", "server/entry.express"}, deps: []string{"express"},
	},
	"node-adonisjs": {
		portEnv: true,
		lang:    "node", pm: "npm", framework: "adonisjs", port: 3333, buildScript: true, manifests: npmLock,
		command: []string{"node", "build/bin/server.js"}, deps: []string{"@adonisjs/core", "reflect-metadata"},
		warnings: []string{"AdonisJS validates its environment at start"},
	},
	"node-strapi": {
		lang: "node", version: VersionReq{">=18.0.0 <=22.x.x", false, "package.json"}, pm: "npm", framework: "strapi", port: 1337,
		command: []string{"node_modules/.bin/strapi", "start"}, buildScript: true, manifests: npmLock,
		deps: []string{"@strapi/plugin-users-permissions", "@strapi/strapi", "better-sqlite3", "react", "react-dom"},
	},
	"node-sails": {
		lang: "node", pm: "npm", framework: "sails", port: 1337, command: []string{"npm", "start"}, manifests: npmLock,
		deps: []string{"sails", "sails-hook-orm"},
	},
	"node-hapi": {
		lang: "node", pm: "npm", framework: "hapi", port: 8000, command: []string{"node", "lib/server.js"}, manifests: npmLock,
		deps: []string{"@hapi/hapi"},
	},

	// Bun's own framework, and Deno's (imports from JSR or deno.land/x).
	"bun-elysia": {
		lang: "bun", version: VersionReq{">=1.2", false, "bun.lock"}, pm: "bun", framework: "elysia", port: 3000,
		command: []string{"bun", "run", "src/index.ts"}, manifests: []string{"package.json", "bun.lock"}, deps: []string{"elysia"},
	},
	"deno-oak": {
		lang: "deno", pm: "deno", framework: "oak", port: 8080, command: []string{"deno", "run", "--allow-net", "--allow-env", "main.ts"},
		manifests: []string{"deno.json"}, deps: []string{"@oak/oak"},
	},
	// Fresh 1.x: its start task is the dev server (--watch dev.ts); its
	// preview task runs main.ts in production mode.
	"deno-fresh": {
		lang: "deno", pm: "deno", framework: "fresh", port: 8000, command: []string{"deno", "run", "-A", "main.ts"},
		manifests: []string{"deno.json"}, deps: []string{"$fresh/", "preact"},
		warnings: []string{"tasks.start \"deno run -A --watch=static/,routes/ dev.ts\" is a development server"},
	},

	// Next.js from a Deno project's package.json: deno task build, and deno
	// runs next start from node_modules (checked with the real Deno 2.9.5:
	// builds and answers with no node on PATH).
	"deno-next": {
		lang: "deno", pm: "deno", framework: "next", port: 3000, buildScript: true,
		command:   []string{"deno", "run", "-A", "npm:next", "start"},
		manifests: []string{"deno.json", "deno.lock", "package.json"}, deps: []string{"next", "react", "react-dom"},
	},
}

var npmLock = []string{"package.json", "package-lock.json"}

func javaPlainCmd(mainClass string) []string {
	return []string{"java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*", mainClass}
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

// TestJavaWebFrameworks: the JVM web libraries' ports from code, config or
// default, and a default that is only a convention said so.
func TestJavaWebFrameworks(t *testing.T) {
	pom := func(group, artifact string) string {
		return pomHead + `<properties><exec.mainClass>com.acme.App</exec.mainClass></properties><dependencies><dependency><groupId>` +
			group + `</groupId><artifactId>` + artifact + `</artifactId></dependency></dependencies></project>`
	}
	src := "src/main/java/com/acme/App.java"
	tests := []struct {
		name       string
		files      fstest.MapFS
		framework  string
		port       int
		convention bool // the port's evidence says it is a convention
		warn       string
	}{
		{"spark port(9090)", files("pom.xml", pom("com.sparkjava", "spark-core"), src, "port(9090); get(\"/\", (q, s) -> \"x\");"), "spark", 9090, false, ""},
		{"javalin start() is 8080", files("pom.xml", pom("io.javalin", "javalin"), src, "Javalin.create().start();"), "javalin", 8080, false, ""},
		{"ktor EngineMain reads application.conf", files("pom.xml", pom("io.ktor", "ktor-server-netty-jvm"), src, "x",
			"src/main/resources/application.conf", "ktor {\n  deployment {\n    port = 8082\n  }\n}\n"), "ktor", 8082, false, ""},
		{"ktor with no port anywhere: a convention", files("pom.xml", pom("io.ktor", "ktor-server-core"), src, "x"), "ktor", 8080, true, ""},
		{"vertx with no listen port: a convention", files("pom.xml", pom("io.vertx", "vertx-core"), src, "x"), "vertx", 8888, true, ""},
		{"helidon microprofile-config.properties", files("pom.xml", pom("io.helidon.microprofile.bundles", "helidon-microprofile"), src, "x",
			"src/main/resources/microprofile-config.properties", "server.port=7001\n"), "helidon", 7001, false, ""},
		{"quarkus with vert.x: quarkus, no ambiguity", files("pom.xml", pomHead+`<dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency><dependency><groupId>io.vertx</groupId><artifactId>vertx-web-client</artifactId></dependency></dependencies></project>`),
			"quarkus", 8080, false, ""},
		{"javalin from the version catalog", files("settings.gradle", "", "build.gradle", "plugins { id 'application' }\ndependencies { implementation libs.javalin }\napplication { mainClass = 'com.acme.App' }\n",
			"gradle/libs.versions.toml", "[libraries]\njavalin = { module = \"io.javalin:javalin\", version = \"6.3.0\" }\n", src, ".start(7000)"), "javalin", 7000, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := detectJava(tt.files)
			if !ok {
				t.Fatal("not detected as java")
			}
			if f.Framework != tt.framework || f.Port != tt.port {
				t.Errorf("framework %q port %d; want %q %d", f.Framework, f.Port, tt.framework, tt.port)
			}
			i := evidenceIndex(&f, "port")
			if i < 0 || strings.Contains(f.Evidence[i].Reason, "convention") != tt.convention {
				t.Errorf("port evidence %+v: convention = %v wanted", f.Evidence, tt.convention)
			}
			if got := strings.Join(f.Warnings, "\n"); (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
		})
	}
}

// TestPythonWebFrameworks: the server each framework runs on, and the
// cases where the dependency alone is not the framework.
func TestPythonWebFrameworks(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		command   []string
		port      int
		reason    string // in the port's evidence
		warn      string
	}{
		{"falcon ASGI runs on uvicorn", files("requirements.txt", "falcon\nuvicorn\n", "app.py", "import falcon.asgi\napp = falcon.asgi.App()\n"),
			"falcon", []string{"uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"}, 8000, "uvicorn", ""},
		{"bottle without gunicorn: a warning, not bottle's wsgiref server", files("requirements.txt", "bottle\n", "app.py", "from bottle import Bottle\napp = Bottle()\n"),
			"bottle", []string{"gunicorn", "--bind", "0.0.0.0:8080", "app:app"}, 8080, "bottle.run's default", "gunicorn is not"},
		{"tornado with no listen port: a convention", files("requirements.txt", "tornado\n", "app.py", "import tornado.web\napp = tornado.web.Application([])\napp.listen(int(os.environ['PORT']))\n"),
			"tornado", []string{"python", "app.py"}, 8888, "convention", ""},
		{"aiohttp as an HTTP client is no framework", files("requirements.txt", "aiohttp\n", "main.py", "import aiohttp\nasync def fetch(): pass\n"),
			"", []string{"python", "main.py"}, 0, "", ""},
		{"sanic app.run names the port", files("requirements.txt", "sanic\n", "main.py", "from sanic import Sanic\napp = Sanic('x')\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=9000)\n"),
			"sanic", []string{"sanic", "main:app", "--host", "0.0.0.0", "--port", "9000"}, 9000, "port=9000", ""},
		{"litestar without uvicorn: a warning", files("requirements.txt", "litestar\n", "app.py", "from litestar import Litestar\napp = Litestar([])\n"),
			"litestar", []string{"uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"}, 8000, "uvicorn", "uvicorn is not"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := detectPython(tt.files)
			if !ok {
				t.Fatal("not detected as python")
			}
			if f.Framework != tt.framework || !slices.Equal(f.Command, tt.command) || f.Port != tt.port {
				t.Errorf("framework %q command %q port %d; want %q %q %d", f.Framework, f.Command, f.Port, tt.framework, tt.command, tt.port)
			}
			if i := evidenceIndex(&f, "port"); tt.reason != "" && (i < 0 || !strings.Contains(f.Evidence[i].Reason, tt.reason)) {
				t.Errorf("port evidence %+v, want a reason with %q", f.Evidence, tt.reason)
			}
			if got := strings.Join(f.Warnings, "\n"); (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
		})
	}
}

// TestPHPDocRoot: the folder Apache serves follows the framework's front
// controller; Slim leaves it to the app.
func TestPHPDocRoot(t *testing.T) {
	cj := func(dep string) string { return `{"require": {"php": "^8.2", "` + dep + `": "*"}}` }
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		docRoot   string
	}{
		{"cakephp webroot/", files("composer.json", cj("cakephp/cakephp"), "webroot/index.php", "<?php"), "cakephp", "webroot"},
		{"cakephp without webroot/index.php still serves webroot/", files("composer.json", cj("cakephp/cakephp")), "cakephp", "webroot"},
		{"codeigniter public/", files("composer.json", cj("codeigniter4/framework")), "codeigniter", "public"},
		{"slim with index.php at the root serves the root", files("composer.json", cj("slim/slim"), "index.php", "<?php"), "slim", ""},
		{"slim with public/index.php", files("composer.json", cj("slim/slim"), "public/index.php", "<?php"), "slim", "public"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := detectPHP(tt.files)
			if !ok || f.Framework != tt.framework || f.DocRoot != tt.docRoot {
				t.Errorf("ok %v framework %q doc root %q; want %q %q", ok, f.Framework, f.DocRoot, tt.framework, tt.docRoot)
			}
		})
	}
}

// TestBlazor: a Blazor web app by its server package or its Razor
// components; a standalone WebAssembly app is a static site, said so.
func TestBlazor(t *testing.T) {
	web := `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>%s</Project>`
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		warn      string
	}{
		{"the WebAssembly server package", files("App.csproj", fmt.Sprintf(web, `<ItemGroup><PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly.Server" Version="10.0.0" /></ItemGroup>`)), "blazor", ""},
		{"Blazor Server's AddServerSideBlazor", files("App.csproj", fmt.Sprintf(web, ""), "Program.cs", "builder.Services.AddServerSideBlazor();"), "blazor", ""},
		{"a plain web API stays aspnetcore", files("App.csproj", fmt.Sprintf(web, ""), "Program.cs", "app.MapGet(\"/\", () => \"hi\");"), "aspnetcore", ""},
		{"standalone WebAssembly: a warning, no server invented", files("Client.csproj", `<Project Sdk="Microsoft.NET.Sdk.BlazorWebAssembly"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`), "", "static site"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := detectDotnet(tt.files)
			if f.Framework != tt.framework {
				t.Errorf("framework %q, want %q", f.Framework, tt.framework)
			}
			if got := strings.Join(f.Warnings, "\n"); !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
		})
	}
}

// TestNodeFrameworkServers: the cases where a framework has no server to run
// (no invented command) or will not answer in a container.
func TestNodeFrameworkServers(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		command   []string
		port      int
		warn      string
	}{
		{"qwik without an adapter: no dev server, a warning", files("package.json", `{"scripts": {"build": "qwik build", "start": "vite --open --mode ssr"}, "devDependencies": {"@builder.io/qwik-city": "^1"}}`),
			"qwik", nil, 0, "without a Node.js adapter"},
		{"qwik's node-server adapter port from its entry", files("package.json", `{"scripts": {"build": "qwik build", "serve": "node server/entry.node-server"}, "devDependencies": {"@builder.io/qwik-city": "^1"}}`,
			"src/entry.node-server.tsx", "const PORT = process.env.PORT ?? 3004;"), "qwik", []string{"node", "server/entry.node-server"}, 3004, ""},
		{"hapi on localhost: a warning", files("package.json", `{"scripts": {"start": "node server.js"}, "dependencies": {"@hapi/hapi": "^21"}}`, "server.js", "Hapi.server({ port: 3000, host: 'localhost' })"),
			"hapi", []string{"node", "server.js"}, 3000, "localhost only"},
		{"hapi with no port in the code: a convention", files("package.json", `{"scripts": {"start": "node server.js"}, "dependencies": {"@hapi/hapi": "^21"}}`, "server.js", "Hapi.server({ port: process.env.PORT })"),
			"hapi", []string{"node", "server.js"}, 3000, ""},
		{"express under react-router is still react-router", files("package.json", `{"scripts": {"build": "react-router build"}, "dependencies": {"@react-router/serve": "^7", "express": "^4"}}`),
			"react-router", []string{"node_modules/.bin/react-router-serve", "./build/server/index.js"}, 3000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Detect(tt.files)
			if f.Framework != tt.framework || !slices.Equal(f.Command, tt.command) || f.Port != tt.port {
				t.Errorf("framework %q command %q port %d; want %q %q %d", f.Framework, f.Command, f.Port, tt.framework, tt.command, tt.port)
			}
			if got := strings.Join(f.Warnings, "\n"); (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
		})
	}
}

// TestDenoFrameworks: Node.js's meta-frameworks from a Deno project's
// package.json, run by deno; other package.json frameworks are left to
// Deno's own detection.
func TestDenoFrameworks(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		command   []string
		port      int
		output    string
	}{
		{"astro", files("deno.json", "{}", "package.json", `{"scripts": {"build": "astro build"}, "dependencies": {"astro": "^5", "@astrojs/node": "^9"}}`),
			"astro", []string{"deno", "run", "-A", "./dist/server/entry.mjs"}, 4321, ""},
		{"sveltekit", files("deno.json", "{}", "package.json", `{"scripts": {"build": "vite build"}, "devDependencies": {"@sveltejs/kit": "^2", "@sveltejs/adapter-node": "^5"}}`),
			"sveltekit", []string{"deno", "run", "-A", "./build/index.js"}, 3000, ""},
		{"next standalone", files("deno.json", "{}", "package.json", `{"scripts": {"build": "next build"}, "dependencies": {"next": "16"}}`, "next.config.mjs", "export default { output: 'standalone' }"),
			"next", []string{"deno", "run", "-A", "server.js"}, 3000, ".next/standalone"},
		{"express from package.json is not a build: Deno's own detection", files("deno.json", "{}", "package.json", `{"dependencies": {"express": "^5"}}`, "main.ts", "x"),
			"", []string{"deno", "run", "--allow-net", "--allow-env", "--allow-read", "main.ts"}, 8000, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _ := detectDeno(tt.files)
			if f.Framework != tt.framework || !slices.Equal(f.Command, tt.command) || f.Port != tt.port || f.OutputDir != tt.output {
				t.Errorf("framework %q command %q port %d output %q; want %q %q %d %q", f.Framework, f.Command, f.Port, f.OutputDir, tt.framework, tt.command, tt.port, tt.output)
			}
		})
	}
}
