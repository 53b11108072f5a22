package detect

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

// fixturesDir holds the fixture repositories shared with the CLI's golden tests.
const fixturesDir = "../../testdata/fixtures"

// want is what a user would notice about one repository's detection.
type want struct {
	lang        string
	version     VersionReq
	pm          string
	pmVersion   string
	framework   string
	port        int
	portEnv     bool // the app reads $PORT
	command     []string
	goMain      string
	binary      string   // Rust
	mains       []string // the candidates when there were several
	cgo         bool
	manifests   []string
	buildScript bool
	output      string // OutputDir
	deps        []string
	// warnings are substrings that must each appear in some warning; when
	// empty, there must be no warning at all.
	warnings []string
}

func TestDetectFixtures(t *testing.T) {
	tests := map[string]want{
		"python-flask-pip": {
			lang: "python", version: VersionReq{"3.12", true, ".python-version"}, pm: "pip",
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
			manifests: []string{"requirements.txt"}, deps: []string{"flask", "gunicorn", "python-dotenv"},
		},
		"python-flask-dev": {
			lang: "python", version: VersionReq{"3.11.4", true, "runtime.txt"}, pm: "pip",
			// app.run(debug=True) is the development server: gunicorn is installed instead.
			framework: "flask", port: 8000,
			command:   []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
			manifests: []string{"requirements.txt"}, deps: []string{"flask", "requests"},
			warnings: []string{"requirements.txt: gunicorn is not a dependency; the image installs gunicorn==23.0.0 (pinned by dockgen)"},
		},
		"python-nested-requirements": {
			lang: "python", pm: "pip", framework: "flask", port: 8000,
			command:   []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
			manifests: []string{"requirements.txt", "requirements/prod.txt", "requirements/base.txt", "constraints.txt"},
			// werkzeug is only a -c constraint: no dependency.
			deps: []string{"flask", "gunicorn"},
		},
		"python-procfile": {
			lang: "python", pm: "pip", framework: "flask", port: 8000, portEnv: true,
			command:   []string{"sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$PORT --workers 2"},
			manifests: []string{"requirements.txt"}, deps: []string{"flask", "gunicorn"},
			warnings: []string{`Procfile: release: "flask --app app db upgrade" is not run by the image`},
		},
		"python-flask-no-manifest": {
			lang: "python", pm: "pip", framework: "flask", port: 8000,
			command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"}, deps: []string{"flask"},
			warnings: []string{"app.py: no requirements file: the image installs flask==3.1.0 and gunicorn==23.0.0"},
		},
		"python-django-no-gunicorn": {
			lang: "python", pm: "pip", framework: "django", port: 8000,
			command:   []string{"gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi:application"},
			manifests: []string{"requirements.txt"}, deps: []string{"django"},
			warnings: []string{"requirements.txt: gunicorn is not a dependency; the image installs gunicorn==23.0.0"},
		},
		"python-gunicorn-conf": {
			lang: "python", pm: "pip", framework: "flask", port: 8080,
			command:   []string{"gunicorn", "-c", "gunicorn.conf.py", "app:server"},
			manifests: []string{"requirements.txt"}, deps: []string{"flask", "gunicorn"},
		},
		"python-uwsgi-ini": {
			lang: "python", pm: "pip", framework: "django", port: 8000,
			command:   []string{"uwsgi", "--ini", "uwsgi.ini"},
			manifests: []string{"requirements.txt"}, deps: []string{"django", "uwsgi"},
		},
		"python-flask-factory": {
			lang: "python", pm: "pip", framework: "flask", port: 8000,
			command:   []string{"gunicorn", "--bind", "0.0.0.0:8000", "wsgi:app"},
			manifests: []string{"requirements.txt"}, deps: []string{"flask", "gunicorn"},
		},
		"python-port-env": {
			lang: "python", pm: "pip", framework: "fastapi", port: 7000, portEnv: true,
			command:   []string{"uvicorn", "main:api", "--host", "0.0.0.0", "--port", "7000"},
			manifests: []string{"requirements.txt"}, deps: []string{"fastapi", "uvicorn"},
		},
		"python-django-pip": {
			lang: "python", version: VersionReq{"3.12.4", true, ".python-version"}, pm: "pip",
			framework: "django", port: 8000,
			command:   []string{"gunicorn", "--bind", "0.0.0.0:8000", "mysite.wsgi:application"},
			manifests: []string{"requirements.txt"}, deps: []string{"django", "gunicorn", "psycopg"},
		},
		"python-fastapi-uv": {
			lang: "python", version: VersionReq{">=3.11", false, "pyproject.toml"}, pm: "uv",
			framework: "fastapi", port: 8000,
			command:   []string{"uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"},
			manifests: []string{"pyproject.toml", "uv.lock"}, deps: []string{"fastapi", "pydantic-settings"},
		},
		"python-fastapi-poetry": {
			lang: "python", version: VersionReq{"^3.12", false, "pyproject.toml"}, pm: "poetry",
			framework: "fastapi", port: 8001,
			command:   []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8001"},
			manifests: []string{"pyproject.toml", "poetry.lock"}, deps: []string{"fastapi", "sqlalchemy", "uvicorn"},
		},
		"python-pipenv": {
			lang: "python", version: VersionReq{"3.11", true, "Pipfile"}, pm: "pipenv",
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "wsgi:app"},
			manifests: []string{"Pipfile", "Pipfile.lock"}, deps: []string{"flask", "gunicorn"},
		},
		"python-plain-pip": {
			lang: "python", pm: "pip", command: []string{"python", "main.py"},
			manifests: []string{"requirements.txt"}, deps: []string{"requests", "schedule"},
		},
		"mixed-django-assets": {
			lang: "python", pm: "pip", framework: "django", port: 8000,
			command:   []string{"gunicorn", "--bind", "0.0.0.0:8000", "config.wsgi:application"},
			manifests: []string{"requirements.txt", "requirements/base.txt"},
			deps:      []string{"django", "gunicorn", "whitenoise"},
			warnings:  []string{"several languages found", "node (package.json)", "chose python"},
		},
		"python-mise-pin": {
			lang: "python", version: VersionReq{"3.13", true, "mise.toml"}, pm: "pip",
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
			manifests: []string{"requirements.txt"}, deps: []string{"flask", "gunicorn"},
		},
		"node-tool-versions-locks": {
			portEnv: true,
			lang:    "node", version: VersionReq{"22.11.0", true, ".tool-versions"}, pm: "yarn",
			framework: "express", port: 3000, command: []string{"node", "server.js"},
			manifests: []string{"package.json", "yarn.lock"}, deps: []string{"express"},
			warnings: []string{"lockfiles of several package managers (yarn.lock, package-lock.json)"},
		},
		"node-express-npm": {
			portEnv: true,
			lang:    "node", version: VersionReq{"22", true, ".nvmrc"}, pm: "npm",
			framework: "express", port: 8080, command: []string{"node", "server.js"},
			manifests: []string{"package.json", "package-lock.json", ".npmrc"}, deps: []string{"express", "pino"},
		},
		"node-express-yarn": {
			lang: "node", version: VersionReq{">=20", false, "package.json"}, pm: "yarn",
			framework: "express", port: 4000, command: []string{"node", "index.js"},
			manifests: []string{"package.json", "yarn.lock"}, deps: []string{"express"},
		},
		"node-next-pnpm": {
			portEnv: true,
			lang:    "node", version: VersionReq{"20.11.1", true, ".node-version"}, pm: "pnpm", pmVersion: "9.12.0",
			framework: "next", port: 3000, command: []string{"node", "server.js"}, buildScript: true, output: ".next/standalone",
			manifests: []string{"package.json", "pnpm-lock.yaml", ".npmrc"}, deps: []string{"next", "react", "react-dom"},
		},
		"node-nest-npm": {
			portEnv: true,
			lang:    "node", version: VersionReq{"^22", false, "package.json"}, pm: "npm",
			framework: "nest", port: 3000, command: []string{"node", "dist/main"}, buildScript: true,
			manifests: []string{"package.json", "package-lock.json"},
			deps:      []string{"@nestjs/common", "@nestjs/core", "@nestjs/platform-express", "reflect-metadata", "rxjs"},
		},
		"node-plain-npm": {
			portEnv: true,
			lang:    "node", pm: "npm", port: 3000, command: []string{"node", "index.js"},
			manifests: []string{"package.json"},
		},
		"go-root": {
			lang: "go", version: VersionReq{"1.24", false, "go.mod"}, pm: "go", port: 8080, goMain: ".",
			manifests: []string{"go.mod", "go.sum"},
		},
		"go-cmd": {
			lang: "go", version: VersionReq{"1.26.3", true, "go.mod"}, pm: "go", framework: "chi", port: 9090, goMain: "./cmd/api",
			manifests: []string{"go.mod", "go.sum"},
		},
		"go-multi": {
			lang: "go", version: VersionReq{"1.23.4", false, "go.mod"}, pm: "go", port: 8000, goMain: "./cmd/api",
			mains:     []string{"./cmd/api", "./cmd/worker"},
			manifests: []string{"go.mod"}, warnings: []string{"cmd/: several main packages (api, worker)"},
		},
		"python-pdm": {
			lang: "python", version: VersionReq{">=3.12", false, "pyproject.toml"}, pm: "pdm",
			framework: "fastapi", port: 8000,
			command:   []string{"uvicorn", "inventory.main:app", "--host", "0.0.0.0", "--port", "8000", "--app-dir", "src"},
			manifests: []string{"pyproject.toml", "pdm.lock"}, deps: []string{"fastapi", "sqlalchemy", "uvicorn"},
		},
		"python-starlette": {
			lang: "python", version: VersionReq{"3.13", true, ".python-version"}, pm: "pip",
			framework: "starlette", port: 8000, command: []string{"uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"},
			manifests: []string{"requirements.txt"}, deps: []string{"jinja2", "starlette", "uvicorn"},
		},
		"python-streamlit": {
			lang: "python", pm: "pip", framework: "streamlit", port: 8501,
			command:   []string{"streamlit", "run", "streamlit_app.py", "--server.port", "8501", "--server.address", "0.0.0.0"},
			manifests: []string{"requirements.txt"}, deps: []string{"altair", "pandas", "streamlit"},
		},
		"python-scripts": {
			lang: "python", version: VersionReq{">=3.13", false, "pyproject.toml"}, pm: "uv",
			command: []string{"report-worker"}, manifests: []string{"pyproject.toml", "uv.lock"},
			deps: []string{"boto3", "click", "structlog"},
		},
		"node-fastify": {
			portEnv: true,
			lang:    "node", version: VersionReq{">=22", false, "package.json"}, pm: "npm",
			framework: "fastify", port: 3000, command: []string{"node", "server.js"},
			manifests: []string{"package.json", "package-lock.json"}, deps: []string{"@fastify/autoload", "@fastify/sensible", "fastify"},
		},
		"node-koa": {
			portEnv: true,
			lang:    "node", version: VersionReq{"22", true, ".nvmrc"}, pm: "yarn",
			framework: "koa", port: 4000, command: []string{"node", "src/index.js"},
			manifests: []string{"package.json", "yarn.lock"}, deps: []string{"@koa/router", "koa", "koa-bodyparser"},
		},
		"node-hono": {
			lang: "node", pm: "pnpm", pmVersion: "9.15.0", framework: "hono", port: 8787,
			command: []string{"node", "dist/index.js"}, buildScript: true,
			manifests: []string{"package.json", "pnpm-lock.yaml"}, deps: []string{"@hono/node-server", "hono"},
		},
		"node-nuxt": {
			portEnv: true,
			lang:    "node", version: VersionReq{"24.11.0", true, ".nvmrc"}, pm: "npm",
			framework: "nuxt", port: 3000, command: []string{"node", ".output/server/index.mjs"}, buildScript: true,
			manifests: []string{"package.json", "package-lock.json"}, deps: []string{"nuxt", "vue", "vue-router"},
		},
		"node-remix": {
			lang: "node", version: VersionReq{">=20.0.0", false, "package.json"}, pm: "npm",
			framework: "remix", port: 3000, command: []string{"node_modules/.bin/remix-serve", "./build/server/index.js"}, buildScript: true,
			manifests: []string{"package.json", "package-lock.json"},
			deps:      []string{"@remix-run/node", "@remix-run/react", "@remix-run/serve", "isbot", "react", "react-dom"},
		},
		"node-astro-server": {
			portEnv: true,
			lang:    "node", pm: "npm", framework: "astro", port: 4321,
			command: []string{"node", "./dist/server/entry.mjs"}, buildScript: true,
			manifests: []string{"package.json", "package-lock.json"}, deps: []string{"@astrojs/check", "@astrojs/node", "astro", "typescript"},
		},
		"node-sveltekit": {
			portEnv: true,
			lang:    "node", pm: "npm", framework: "sveltekit", port: 3000, command: []string{"node", "build"}, buildScript: true,
			manifests: []string{"package.json", "package-lock.json"}, deps: []string{"postgres"},
		},
		"node-next-standalone": {
			portEnv: true,
			lang:    "node", version: VersionReq{"24", true, ".node-version"}, pm: "yarn", pmVersion: "4.5.3",
			framework: "next", port: 3000, command: []string{"node", "server.js"}, buildScript: true, output: ".next/standalone",
			manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, deps: []string{"next", "react", "react-dom"},
		},
		"static-html": {lang: "static", pm: "none", port: 8080, output: "."},
		"static-vite-react": {
			lang: "static", pm: "npm", framework: "react", port: 8080, buildScript: true, output: "dist",
			manifests: []string{"package.json", "package-lock.json"}, deps: []string{"react", "react-dom", "react-router-dom"},
		},
		"static-angular": {
			lang: "static", pm: "pnpm", pmVersion: "9.14.2", framework: "angular", port: 8080, buildScript: true,
			output: "dist/billing-web/browser", manifests: []string{"package.json", "pnpm-lock.yaml"},
			deps: []string{"@angular/common", "@angular/compiler", "@angular/core", "@angular/platform-browser", "@angular/router", "rxjs", "tslib", "zone.js"},
		},
		"bad-package-json": {
			lang: "node", pm: "npm", port: 3000, command: []string{"node", "server.js"},
			manifests: []string{"package.json", "package-lock.json"},
			warnings:  []string{"package.json: invalid JSON: line 6"},
		},
		"bad-pyproject": {
			lang: "python", pm: "uv", command: []string{"python", "main.py"},
			manifests: []string{"pyproject.toml", "uv.lock"},
			warnings:  []string{"pyproject.toml: invalid TOML: line 4"},
		},
		"bad-gomod": {
			lang: "go", pm: "go", port: 0, goMain: ".", manifests: []string{"go.mod"},
			warnings: []string{"go.mod: invalid go.mod: line 7"},
		},
		"ruby-rails": {
			lang: "ruby", version: VersionReq{"3.4.7", true, ".ruby-version"}, pm: "bundler", framework: "rails", port: 3000,
			command: []string{"./bin/rails", "server", "-b", "0.0.0.0"}, manifests: []string{"Gemfile", "Gemfile.lock"},
			deps: []string{"bootsnap", "importmap-rails", "pg", "propshaft", "puma", "rails", "stimulus-rails", "turbo-rails", "tzinfo-data"},
		},
		"ruby-sinatra": {
			lang: "ruby", version: VersionReq{"~> 3.3", false, "Gemfile"}, pm: "bundler", framework: "sinatra", port: 4567,
			command: []string{"bundle", "exec", "ruby", "app.rb", "-o", "0.0.0.0", "-p", "4567"}, manifests: []string{"Gemfile", "Gemfile.lock"},
			deps: []string{"puma", "rackup", "sinatra", "sinatra-contrib"},
		},
		"ruby-rack": {
			lang: "ruby", version: VersionReq{"3.3.9", true, "Gemfile.lock"}, pm: "bundler", port: 9292,
			command: []string{"bundle", "exec", "puma", "-b", "tcp://0.0.0.0:9292", "config.ru"}, manifests: []string{"Gemfile", "Gemfile.lock"},
			deps: []string{"oj", "puma", "rack"}, warnings: []string{"Gemfile.lock: PLATFORMS (arm64-darwin-24) has no Linux platform"},
		},
		"php-laravel": {
			lang: "php", version: VersionReq{"^8.2", false, "composer.json"}, pm: "composer", framework: "laravel", port: 8080,
			manifests: []string{"composer.json", "composer.lock"},
			deps:      []string{"ext-intl", "ext-pdo_mysql", "laravel/framework", "laravel/sanctum", "laravel/tinker", "php"},
			warnings:  []string{"chose php (it has a framework)"},
		},
		"php-symfony": {
			lang: "php", version: VersionReq{"8.3.0", true, "composer.json"}, pm: "composer", framework: "symfony", port: 8080,
			manifests: []string{"composer.json", "composer.lock"},
			deps: []string{"doctrine/doctrine-bundle", "doctrine/orm", "ext-ctype", "ext-iconv", "ext-pdo_pgsql", "php", "symfony/console",
				"symfony/dotenv", "symfony/flex", "symfony/framework-bundle", "symfony/runtime", "symfony/yaml"},
		},
		"php-plain": {
			lang: "php", version: VersionReq{"~8.4.0", false, "composer.json"}, pm: "composer", port: 8080,
			manifests: []string{"composer.json", "composer.lock"},
			deps:      []string{"ext-opcache", "ext-redis", "monolog/monolog", "php", "vlucas/phpdotenv"},
		},
		"php-root": {
			lang: "php", version: VersionReq{">=8.4", false, "composer.json"}, pm: "composer", port: 8080,
			manifests: []string{"composer.json", "composer.lock"}, deps: []string{"ext-posix", "php"},
		},
		"elixir-phoenix": {
			portEnv: true, // config/runtime.exs: port: String.to_integer(System.get_env("PORT") || "4000")
			lang:    "elixir", version: VersionReq{"~> 1.17", false, "mix.exs"}, pm: "mix", framework: "phoenix", port: 4000,
			command: []string{"/app/bin/storefront", "start"}, manifests: []string{"mix.exs", "mix.lock"},
			deps: []string{"bandit", "dns_cluster", "ecto_sql", "esbuild", "jason", "phoenix", "phoenix_ecto", "phoenix_html",
				"phoenix_live_reload", "phoenix_live_view", "postgrex", "tailwind", "telemetry_metrics", "telemetry_poller"},
		},
		"elixir-plain": {
			lang: "elixir", version: VersionReq{"~> 1.18.2", false, "mix.exs"}, pm: "mix", port: 8080,
			command: []string{"/app/bin/ledger_api", "start"}, manifests: []string{"mix.exs", "mix.lock"},
			deps: []string{"bandit", "credo", "jason", "plug"},
		},
		"empty": {},
		"rust-axum": {
			lang: "rust", version: VersionReq{">=1.85", false, "Cargo.toml"}, pm: "cargo", framework: "axum", port: 3000, binary: "orders-api",
			manifests: []string{"Cargo.toml", "Cargo.lock"},
			deps:      []string{"axum", "serde", "serde_json", "tokio", "tracing", "tracing-subscriber"},
		},
		"rust-workspace": {
			lang: "rust", version: VersionReq{">=1.88", false, "Cargo.toml"}, pm: "cargo", framework: "actix-web", port: 8081, binary: "ledger-api",
			mains: []string{"ledger-api", "ledger-worker"}, manifests: []string{"Cargo.toml", "Cargo.lock"},
			deps:     []string{"actix-web", "anyhow", "ledger-core", "serde", "tokio"},
			warnings: []string{"Cargo.toml: several binaries (ledger-api, ledger-worker); building ledger-api"},
		},
		"rust-cli": {
			lang: "rust", version: VersionReq{"1.85.0", true, "rust-toolchain.toml"}, pm: "cargo", binary: "sift",
			manifests: []string{"Cargo.toml", "Cargo.lock", "rust-toolchain.toml"}, deps: []string{"clap", "regex", "serde_json"},
		},
		"go-cgo": {
			lang: "go", version: VersionReq{"1.26.2", false, "go.mod"}, pm: "go", framework: "chi", port: 8090, goMain: ".", cgo: true,
			manifests: []string{"go.mod", "go.sum"},
		},
		"go-two-mains-ask": {
			lang: "go", version: VersionReq{"1.27", false, "go.mod"}, pm: "go", goMain: "./cmd/migrate",
			mains: []string{"./cmd/migrate", "./cmd/server"}, manifests: []string{"go.mod", "go.sum"},
			warnings: []string{"cmd/: several main packages (migrate, server); building ./cmd/migrate"},
		},
		"bun-hono": {
			lang: "bun", version: VersionReq{"1.4.0", true, ".bun-version"}, pm: "bun", framework: "hono", port: 3000,
			command: []string{"bun", "run", "src/index.ts"}, manifests: []string{"package.json", "bun.lock"}, deps: []string{"hono", "zod"},
		},
		"deno-plain": {
			lang: "deno", pm: "deno", port: 8080, command: []string{"deno", "run", "--allow-net", "--allow-env", "main.ts"},
			manifests: []string{"deno.json", "deno.lock"}, deps: []string{"@std/assert", "@std/http"},
		},
	}

	// The repository's own files (ownfiles_test.go has the table tests).
	tests["node-entrypoint"] = want{
		portEnv: true,
		lang:    "node", version: VersionReq{"22", true, ".nvmrc"}, pm: "npm",
		framework: "express", port: 8080, command: []string{"node", "server.js"},
		manifests: []string{"package.json", "package-lock.json", ".npmrc"}, deps: []string{"express", "pino"},
		warnings: []string{"Caddyfile: dockgen's image does not run Caddy"},
	}
	tests["go-entrypoint"] = want{lang: "go", version: VersionReq{"1.24", false, "go.mod"}, pm: "go", port: 8080, goMain: ".", manifests: []string{"go.mod", "go.sum"}}
	tests["static-own-nginx-conf"] = want{lang: "static", pm: "none", port: 80, output: ".",
		warnings: []string{"nginx.conf: listen 80", "user directive is ignored", "pid /var/run/nginx.pid"}}
	tests["static-root-server-block"] = want{lang: "static", pm: "npm", framework: "react", port: 80, buildScript: true, output: "build",
		manifests: []string{"package.json", "package-lock.json"}, deps: []string{"react", "react-dom", "react-scripts"}, warnings: []string{"nginx.conf: listen 80"}}
	tests["static-spa-server-block"] = want{lang: "static", pm: "npm", framework: "vue", port: 8080, buildScript: true, output: "dist",
		manifests: []string{"package.json", "package-lock.json"}, deps: []string{"vue", "vue-router"}}
	for name, w := range javaFixtures {
		tests[name] = w
	}
	for name, w := range frameworkFixtures {
		tests[name] = w
	}
	for name, w := range dotnetFixtures {
		tests[name] = w
	}
	for name, w := range goFixtures {
		tests[name] = w
	}
	for name, w := range rustFixtures {
		tests[name] = w
	}
	for name, w := range nodeFixtures {
		tests[name] = w
	}

	// Every fixture folder has a case, so a new fixture cannot go untested.
	entries, err := os.ReadDir(fixturesDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := tests[e.Name()]; e.IsDir() && !ok {
			t.Errorf("fixture %s has no test case", e.Name())
		}
	}
	for name, w := range tests {
		t.Run(name, func(t *testing.T) {
			fsys := guard(t, os.DirFS(filepath.Join(fixturesDir, name)))
			got := Detect(fsys)
			check(t, got, w)
			if again := Detect(fsys); !reflect.DeepEqual(got, again) {
				t.Errorf("detection is not deterministic:\n%+v\n%+v", got, again)
			}
		})
	}
}

// check asserts the user-visible facts, that every value set has evidence,
// and that warnings are as expected, one line each.
func check(t *testing.T, got Facts, w want) {
	t.Helper()
	eq := func(field string, g, w any) {
		t.Helper()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %#v, want %#v", field, g, w)
		}
	}
	eq("Language", got.Language, w.lang)
	eq("Version", got.Version, w.version)
	eq("PackageManager", got.PackageManager, w.pm)
	eq("PackageManagerVersion", got.PackageManagerVersion, w.pmVersion)
	eq("Framework", got.Framework, w.framework)
	eq("Port", got.Port, w.port)
	eq("PortEnv", got.PortEnv, w.portEnv)
	eq("Command", got.Command, w.command)
	eq("GoMain", got.GoMain, w.goMain)
	eq("Binary", got.Binary, w.binary)
	eq("Mains", got.Mains, w.mains)
	eq("CGO", got.CGO, w.cgo)
	eq("Manifests", got.Manifests, w.manifests)
	eq("BuildScript", got.BuildScript, w.buildScript)
	eq("OutputDir", got.OutputDir, w.output)
	eq("Dependencies", got.Dependencies, w.deps)
	checkEvidence(t, got)
	checkWarnings(t, got.Warnings, w.warnings)
}

func checkEvidence(t *testing.T, got Facts) {
	t.Helper()
	need := map[string]bool{
		"language":        got.Language != "",
		"version":         got.Version.Raw != "",
		"package_manager": got.PackageManager != "",
		"framework":       got.Framework != "",
		"port":            got.Port != 0,
		"command":         got.Command != nil,
		"entrypoint":      got.GoMain != "",
		"port_env":        got.PortEnv,
	}
	have := map[string]bool{}
	for _, e := range got.Evidence {
		have[e.Field] = true
		if e.Reason == "" {
			t.Errorf("evidence %+v has no reason", e)
		}
	}
	for _, field := range []string{"language", "version", "package_manager", "framework", "port", "command", "entrypoint", "port_env"} {
		if need[field] && !have[field] {
			t.Errorf("%s is set but has no evidence; evidence: %+v", field, got.Evidence)
		}
	}
	if got.Version.Raw != "" && got.Version.Source == "" {
		t.Errorf("version %q has no source", got.Version.Raw)
	}
}

func checkWarnings(t *testing.T, got, want []string) {
	t.Helper()
	for _, w := range got {
		if strings.Contains(w, "\n") || strings.TrimSpace(w) != w || w == "" {
			t.Errorf("warning is not one trimmed line: %q", w)
		}
	}
	if len(want) == 0 && len(got) > 0 {
		t.Errorf("unexpected warnings: %q", got)
	}
	for _, sub := range want {
		found := false
		for _, w := range got {
			found = found || strings.Contains(w, sub)
		}
		if !found {
			t.Errorf("no warning contains %q; warnings: %q", sub, got)
		}
	}
}

// forbidden are folders detection must never open or list.
var forbidden = []string{"node_modules", ".git", "vendor", ".venv", "venv", "__pycache__", "dist", "build", "target", ".next"}

// guardFS fails the test when a path inside a forbidden folder is opened or
// listed. It exposes only Open, so every fs helper goes through it.
type guardFS struct {
	t    *testing.T
	fsys fs.FS
	mu   sync.Mutex
	seen []string
}

func guard(t *testing.T, fsys fs.FS) *guardFS { return &guardFS{t: t, fsys: fsys} }

func (g *guardFS) Open(name string) (fs.File, error) {
	g.mu.Lock()
	g.seen = append(g.seen, name)
	g.mu.Unlock()
	for _, part := range strings.Split(name, "/") {
		for _, f := range forbidden {
			if part == f {
				g.t.Errorf("detection opened %q inside %s/", name, f)
			}
		}
	}
	return g.fsys.Open(name)
}

func TestDetectNeverReadsDependencyFolders(t *testing.T) {
	m := fstest.MapFS{
		"package.json":      {Data: []byte(`{"scripts":{"start":"node server.js"},"dependencies":{"express":"^4"}}`)},
		"package-lock.json": {Data: []byte(`{"lockfileVersion":3}`)},
		"server.js":         {Data: []byte(`require("express")().listen(3000)`)},
		"requirements.txt":  {Data: []byte("mkdocs\n")},
		"go.mod":            {Data: []byte("module example.com/tool\n\ngo 1.22\n")},
		"tools/gen.go":      {Data: []byte("package tools\n")},
		"build/main.go":     {Data: []byte("package main\n\nfunc main() {}\n")},
		"dist/main.go":      {Data: []byte("package main\n\nfunc main() {}\n")},
	}
	for i := range 2000 {
		m[fmt.Sprintf("node_modules/pkg%d/package.json", i)] = &fstest.MapFile{Data: []byte(`{"main":"index.js"}`)}
		m[fmt.Sprintf("node_modules/pkg%d/index.js", i)] = &fstest.MapFile{Data: []byte(`module.exports = 1`)}
	}
	for _, d := range []string{".git", "vendor/example.com/x", ".venv/lib", "venv", "__pycache__", "target", ".next"} {
		m[d+"/package.json"] = &fstest.MapFile{Data: []byte(`{}`)}
		m[d+"/main.go"] = &fstest.MapFile{Data: []byte("package main\n\nfunc main() {}\n")}
		m[d+"/wsgi.py"] = &fstest.MapFile{Data: []byte("application = None\n")}
		m[d+"/pyproject.toml"] = &fstest.MapFile{Data: []byte("[project]\n")}
	}
	g := guard(t, m)
	got := Detect(g)
	// Known names only: manifests, entry files, version files, the
	// repository's own container files (entrypoint scripts, Caddyfiles),
	// Procfile; the fixture holds over 4,000 files in node_modules alone.
	if len(g.seen) > 200 {
		t.Errorf("detection opened %d paths; it should read only known files", len(g.seen))
	}
	// No Go main package outside the skipped folders: node wins by its start entry.
	if got.Language != "node" || got.GoMain != "" {
		t.Errorf("got language %q, GoMain %q; want node and no Go main", got.Language, got.GoMain)
	}
}

func TestDetectMalformedManifests(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		lang  string
		warn  string
	}{
		{"package.json syntax", fstest.MapFS{"package.json": {Data: []byte(`{"name": "x",}`)}}, "node", "package.json: invalid JSON: line 1"},
		{"package.json array", fstest.MapFS{"package.json": {Data: []byte(`[1, 2]`)}}, "node", "package.json: invalid JSON: the top level is array"},
		{"package.json empty", fstest.MapFS{"package.json": {Data: nil}}, "node", "package.json: invalid JSON"},
		{"package.json wrong field type", fstest.MapFS{"package.json": {Data: []byte(`{"engines": ["node >= 20"], "scripts": {"start": "node a.js"}}`)}}, "node", `package.json: "engines" ignored`},
		{"pyproject", fstest.MapFS{"pyproject.toml": {Data: []byte("[project\nname = 1\n")}}, "python", "pyproject.toml: invalid TOML: line 1"},
		{"Pipfile", fstest.MapFS{"Pipfile": {Data: []byte("[packages]\nflask = \n")}}, "python", "Pipfile: invalid TOML: line 2"},
		{"go.mod", fstest.MapFS{"go.mod": {Data: []byte("module\n")}}, "go", "go.mod: invalid go.mod: line 1"},
		{"go.mod unknown directive", fstest.MapFS{"go.mod": {Data: []byte("module x\n\ngo 1.22\nfrobnicate y\n")}}, "go", "go.mod: invalid go.mod: line 4"},
		{"binary go file", fstest.MapFS{"go.mod": {Data: []byte("module x\n\ngo 1.22\n")}, "main.go": {Data: []byte{0, 1, 2, 0xff}}}, "go", "no main package"},
		{"oversized package.json", fstest.MapFS{"package.json": {Data: []byte(`{"x":"` + strings.Repeat("a", maxReadSize) + `"}`)}}, "node", "package.json: not read: larger than 256 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files) // must not panic
			if got.Language != tt.lang {
				t.Errorf("Language = %q, want %q (detection continues past a bad manifest)", got.Language, tt.lang)
			}
			checkWarnings(t, got.Warnings, []string{tt.warn})
		})
	}
}

func TestLanguagePrecedence(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		lang  string
		warn  string // substring of the ambiguity warning, "" for none
	}{
		{
			name: "go service with frontend package.json: both start, go wins",
			files: fstest.MapFS{
				"go.mod":       {Data: []byte("module example.com/web\n\ngo 1.23\n")},
				"main.go":      {Data: []byte("package main\n\nfunc main() {}\n")},
				"package.json": {Data: []byte(`{"scripts":{"start":"vite"}}`)},
			},
			lang: "go", warn: "go.mod: several languages found: node (package.json), go (go.mod); chose go (it has a start entry)",
		},
		{
			name: "node app with docs requirements: only node starts",
			files: fstest.MapFS{
				"package.json":     {Data: []byte(`{"scripts":{"start":"node server.js"}}`)},
				"requirements.txt": {Data: []byte("mkdocs-material\n")},
			},
			lang: "node", warn: "chose node (it has a start entry)",
		},
		{
			name: "npm init main that does not exist is no start entry",
			files: fstest.MapFS{
				"manage.py":      {Data: []byte("import os\n")},
				"mysite/wsgi.py": {Data: []byte("application = None\n")},
				"package.json":   {Data: []byte(`{"main":"index.js","scripts":{"test":"exit 1"}}`)},
			},
			lang: "python", warn: "chose python (it has a start entry)",
		},
		{
			name: "no start entry anywhere: a framework decides",
			files: fstest.MapFS{
				"package.json":     {Data: []byte(`{"dependencies":{"express":"^4"}}`)},
				"requirements.txt": {Data: []byte("requests\n")},
			},
			lang: "node", warn: "chose node (it has a framework)",
		},
		{
			name: "nothing else decides: go > python > node",
			files: fstest.MapFS{
				"package.json":     {Data: []byte(`{}`)},
				"requirements.txt": {Data: []byte("requests\n")},
			},
			lang: "python", warn: "chose python (by precedence go > python > node)",
		},
		{
			name: "warnings of the language not chosen are kept",
			files: fstest.MapFS{
				"package.json": {Data: []byte(`{`)},
				"go.mod":       {Data: []byte("module example.com/web\n\ngo 1.23\n")},
				"main.go":      {Data: []byte("package main\n\nfunc main() {}\n")},
			},
			lang: "go", warn: "package.json: invalid JSON",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != tt.lang {
				t.Errorf("Language = %q, want %q", got.Language, tt.lang)
			}
			checkWarnings(t, got.Warnings, []string{tt.warn})
		})
	}
}

func TestDetectEmpty(t *testing.T) {
	if got := Detect(fstest.MapFS{}); !reflect.DeepEqual(got, Facts{}) {
		t.Errorf("Detect(empty) = %+v, want the zero Facts", got)
	}
}

// BenchmarkDetect measures detection of the Express fixture from disk.
func BenchmarkDetect(b *testing.B) {
	fsys := os.DirFS(filepath.Join(fixturesDir, "node-express-npm"))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Detect(fsys)
	}
}

// BenchmarkDetectStaticVite measures detection of a Vite site from disk,
// which also reads the front-end build's Node.js version files.
func BenchmarkDetectStaticVite(b *testing.B) {
	fsys := os.DirFS(filepath.Join(fixturesDir, "static-vite-react"))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Detect(fsys)
	}
}
