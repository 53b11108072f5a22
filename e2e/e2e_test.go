//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// e2eCase is one stack: a sample app in testdata/e2e/<name> and how to
// generate, build and run it.
type e2eCase struct {
	name string
	// base, when set, is the sample app copied first; the case's own
	// folder is then copied over it (files a repository adds to an app).
	base           string
	runtimeVersion string   // --runtime-version
	initArgs       []string // more `dockgen init` flags
	standin        string   // the stand-in base image(s) its FROM lines need, space-separated
	port           int      // the port the app listens on by default
	sourceFile     string   // a source file the cache check edits
	comment        string   // line-comment marker of that file's language ("": a /* */ block comment, for CSS)
	compiled       bool     // the final image must hold no toolchain
	// noUIDEndpoint: the server has no /uid (nginx serves files only); the
	// non-root check is then the image config's User and /proc alone.
	noUIDEndpoint bool
	// fixedPort: the server cannot be moved with PORT (nginx.conf has the
	// port), so a taken port fails the case instead.
	fixedPort bool
	// cachedStep, when set, replaces the dependency-install check of the
	// rebuild: a stack with no dependency step (a static site) has no RUN to
	// reuse, so the step before "COPY . <dest>" whose instruction starts with
	// this (the nginx.conf COPY) must come from the cache instead.
	cachedStep string
	// forbidden: file names that must not be anywhere in the final image.
	forbidden []string
	// wantBody: GET / must return a body containing this.
	wantBody string
	// deepLinks: paths that are no file of the site, each of which must
	// answer 200 with wantBody too: a single-page app's routes, which nginx
	// answers with index.html.
	deepLinks []string
	// wantPaths: more GETs that must answer 200 with a body containing
	// the value (a file the program reads from disk at run time, a route
	// only the repository's own server config has).
	wantPaths map[string]string
	// private: paths in the served folder that must answer 404 (the
	// PHP image serves the repository root, Composer's files with it).
	private []string
	// chownStdio: hand the image's user its stdout and stderr, as runc does
	// (it chowns the container's stdio to the container user before exec).
	// buildah's chroot isolation does not: the app gets pipes owned by root
	// with mode 0600, which nginx (error_log /dev/stderr, access_log
	// /dev/stdout in the generated nginx.conf) cannot open as uid 101. The
	// app is then started as root by a shell that chowns fds 1 and 2 to the
	// image's user and execs the image's ENTRYPOINT + CMD under that user with
	// setpriv; the /proc check below still sees only the user's processes.
	chownStdio bool
}

var cases = []e2eCase{
	{name: "python-pip", runtimeVersion: "3.13", initArgs: []string{"--port", "8000"}, standin: "python", port: 8000, sourceFile: "app.py", comment: "#"},
	{name: "node-npm", runtimeVersion: "22", initArgs: []string{"--port", "3000"}, standin: "node", port: 3000, sourceFile: "server.js", comment: "//"},
	{name: "go", runtimeVersion: "1.26", standin: "golang", port: 8080, sourceFile: "main.go", comment: "//", compiled: true},
	// gin with templates/ (LoadHTMLGlob) and static/ (Static) read from disk
	// at run time: GET / is the page rendered from the template, and the
	// static file is served, so both folders are in the scratch image.
	{name: "go-gin-templates", runtimeVersion: "1.26", standin: "golang", port: 8080, sourceFile: "main.go", comment: "//", compiled: true,
		wantBody: "<h1>dockgen e2e gin templates</h1>", wantPaths: map[string]string{"/static/style.css": "font-family"}},
	// A lone main.go, no go.mod: the build stage runs go mod init and go mod
	// tidy after COPY . . (chi comes from the module proxy then), so there is
	// no dependency layer before the source; the modules live in the
	// /go/pkg/mod cache mount. The cache check is layer order only, as for
	// rust: WORKDIR /src cached, COPY . . rebuilt.
	{name: "go-nomod", runtimeVersion: "1.26", standin: "golang", port: 8080, sourceFile: "main.go", comment: "//", compiled: true,
		cachedStep: "WORKDIR ", wantBody: `"stack":"go-nomod"`},
	// A plain HTML site on nginx: no dependency step, no build stage, no /uid.
	{name: "static-html", runtimeVersion: "1.30", initArgs: []string{"--variant", "debian"}, standin: "nginx", port: 8080, sourceFile: "style.css",
		noUIDEndpoint: true, fixedPort: true, cachedStep: "COPY nginx.conf ", forbidden: []string{"node"},
		wantBody: "dockgen e2e static-html", chownStdio: true},
	// A std-only crate: no registry crate to fetch. The template copies the
	// whole source before `cargo build` (cargo cannot build from the manifests
	// alone; see templates/rust/Dockerfile.tmpl), so there is no RUN before
	// "COPY . ." to reuse: what a source edit keeps is the stage's layers
	// before it (WORKDIR /app), and the crates and compiled dependencies live
	// in cache mounts, not layers. The cache check is therefore only about
	// layer order (WORKDIR cached, COPY . rebuilt), not a dependency install.
	{name: "rust", runtimeVersion: "1.98", standin: "rust", port: 8080, sourceFile: "src/main.rs", comment: "//", compiled: true,
		cachedStep: "WORKDIR ", forbidden: []string{"rustc", "cargo"}},
	// Plain PHP with Composer (no packages: packagist is not reachable; the
	// app's own class comes through Composer's autoloader) on Apache with
	// mod_php. The Dockerfile's sed fixes the port at 8080, and Apache opens
	// its logs (/dev/stderr, /dev/stdout) as www-data: chownStdio. GET / must
	// show php.ini-production's zend.assertions (-1; 1 without a php.ini),
	// i.e. that the Dockerfile's cp of php.ini-production reaches mod_php.
	{name: "php", runtimeVersion: "8.4", standin: "php-apache", port: 8080, sourceFile: "index.php", comment: "//",
		fixedPort: true, wantBody: `"zend_assertions":"-1"`, chownStdio: true,
		private: []string{"/composer.json", "/composer.lock", "/vendor/autoload.php", "/vendor/composer/installed.json", "/.dockgen.yaml", "/.htaccess"}},
	// Ruby with Bundler: a Gemfile with no gems (rubygems.org is not reachable
	// here) and its Gemfile.lock, so the generated `bundle install` runs in
	// deployment mode offline; app.rb requires bundler/setup, so the final
	// stage must be able to load the bundle the build stage installed. dockgen
	// detects no start command for a plain app.rb (it would write rackup):
	// --cmd and --port are needed.
	{name: "ruby", runtimeVersion: "3.3", initArgs: []string{"--cmd", "ruby app.rb", "--port", "8080"}, standin: "ruby", port: 8080, sourceFile: "app.rb", comment: "#"},
	// Single-page apps made by their scaffolders (create-vite 9.3.0's react
	// template; @angular/cli 21.2.29's `ng new --defaults`), built in the
	// node stand-in and served by nginx with the generated nginx.conf. The
	// build's Node.js is the stand-in's line (--node-version 22: neither
	// scaffolder writes a version file, and the default line has no
	// stand-in); nginx is the trixie stand-in (--variant debian). The
	// cache check is the default one: `RUN npm ci` before `COPY . .`.
	{name: "static-vite-react", runtimeVersion: "1.30", initArgs: []string{"--variant", "debian", "--node-version", "22"}, standin: "node nginx", port: 8080,
		sourceFile: "src/App.jsx", comment: "//", noUIDEndpoint: true, fixedPort: true, forbidden: []string{"node"},
		wantBody: "<title>vite-react</title>", deepLinks: []string{"/some/route", "/settings/profile?tab=2"}, chownStdio: true},
	{name: "static-angular", runtimeVersion: "1.30", initArgs: []string{"--variant", "debian", "--node-version", "22"}, standin: "node nginx", port: 8080,
		sourceFile: "src/main.ts", comment: "//", noUIDEndpoint: true, fixedPort: true, forbidden: []string{"node"},
		wantBody: "<title>AngularApp</title>", deepLinks: []string{"/some/route"}, chownStdio: true},
	// The Vite React app with the files a repository adds for its image: its
	// own nginx server block (nginx/default.conf) and a docker-entrypoint.sh
	// that writes a file at start. /healthz exists only in that server block,
	// and /runtime-config.txt only once the entrypoint ran, as nginx's user.
	{name: "static-vite-own-nginx", base: "static-vite-react", runtimeVersion: "1.30", initArgs: []string{"--variant", "debian", "--node-version", "22"}, standin: "node nginx", port: 8080,
		sourceFile: "src/App.jsx", comment: "//", noUIDEndpoint: true, fixedPort: true, forbidden: []string{"node"},
		wantBody: "<title>vite-react</title>", deepLinks: []string{"/some/route"}, chownStdio: true,
		wantPaths: map[string]string{"/healthz": "own server block", "/runtime-config.txt": "written by docker-entrypoint.sh as uid 101"}},
	// Apps made by the ecosystems' scaffolders (see e2e/README.md for the
	// commands and the hand edits): no /uid, so the non-root check is the
	// image's User and /proc. dockgen init gets no --cmd or --port: the
	// start command, port and PORT come from detection.
	// create-next-app (npm) with output: "standalone".
	{name: "node-next-npm", runtimeVersion: "22", standin: "node", port: 3000, sourceFile: "app/page.tsx", comment: "//", noUIDEndpoint: true},
	// create-next-app (pnpm 10), standalone, no packageManager: pnpm's
	// major comes from pnpm-lock.yaml's lockfileVersion.
	{name: "node-next-pnpm", runtimeVersion: "22", standin: "node", port: 3000, sourceFile: "app/page.tsx", comment: "//", noUIDEndpoint: true},
	// @nestjs/cli new (npm): start:prod runs the build output.
	{name: "node-nest-npm", runtimeVersion: "22", standin: "node", port: 3000, sourceFile: "src/app.service.ts", comment: "//", noUIDEndpoint: true},
	// express-generator --no-view: bin/www reads process.env.PORT || '3000'.
	{name: "node-express-gen", runtimeVersion: "22", standin: "node", port: 3000, sourceFile: "app.js", comment: "//", noUIDEndpoint: true},
	// The express-generator app with its port moved into a config module
	// (config/index.js: process.env.PORT || 8081; bin/www listens on
	// config.port): dockgen must follow the require to find 8081, set
	// ENV PORT and EXPOSE it. Hand edits, said in e2e/README.md.
	{name: "node-express-config", runtimeVersion: "22", standin: "node", port: 8081, sourceFile: "app.js", comment: "//", noUIDEndpoint: true},
	// Hand-written (10 lines): Express with no package.json; the image runs
	// npm install express@5 (the real package) before the source.
	{name: "node-no-manifest", runtimeVersion: "22", standin: "node", port: 8080, sourceFile: "server.js", comment: "//", noUIDEndpoint: true,
		wantBody: "dockgen e2e node-no-manifest"},
	// Next.js under Bun, scaffolded by create-next-app 16.4.3 and locked by
	// bun install (Bun 1.4.5, bun.lock lockfileVersion 2); only its Google
	// font import is removed (fonts.googleapis.com is not reachable).
	// Nothing is passed but --yes: the framework, the build (next build run
	// by bun) and Bun's version (packageManager bun@1.4.5, so the image is
	// oven/bun:1.4.5-slim) are all detected. next start has no /uid route.
	{name: "bun-next", standin: "bun", port: 3000, sourceFile: "app/page.tsx", comment: "//",
		noUIDEndpoint: true, wantBody: "Create Next App", forbidden: []string{"node"}},
	// Next.js under Deno: the same create-next-app 16.4.3 scaffold, made a
	// Deno project (deno.json {}, bun's packageManager and fields removed)
	// and locked by Deno 2.9.5's deno install (deno.lock). Only --yes:
	// dockgen finds Next.js in package.json, builds with deno task build and
	// runs next start with deno. No node anywhere.
	{name: "deno-next", standin: "deno", port: 3000, sourceFile: "app/page.tsx", comment: "//",
		noUIDEndpoint: true, wantBody: "Create Next App", forbidden: []string{"node"}},
}

// Planted secrets: the generated .dockerignore must keep them out.
var plantedSecrets = map[string]string{
	".env":   "DOCKGEN_E2E_SECRET=planted-by-the-e2e-suite\n",
	"id_rsa": "-----BEGIN FAKE KEY planted-by-the-e2e-suite-----\n",
}

// reportRow is one line of the report table.
type reportRow struct {
	Case, Mode, StandIn, Build, Rebuild, Size, CacheReuse, Result string
	// Why is the first failure of the case, one line: printed under the
	// table, so that a CI log cut to its tail still says what went wrong.
	Why string
}

// caseT is a case's *testing.T that also records the first failure in the
// case's report row.
type caseT struct {
	*testing.T
	row *reportRow
}

func (t *caseT) record(msg string) {
	if t.row.Why == "" {
		first, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
		if len(first) > 300 {
			first = first[:297] + "..."
		}
		t.row.Why = first
	}
}

func (t *caseT) Errorf(format string, args ...any) {
	t.Helper()
	t.record(fmt.Sprintf(format, args...))
	t.T.Errorf(format, args...)
}

func (t *caseT) Fatalf(format string, args ...any) {
	t.Helper()
	t.record(fmt.Sprintf(format, args...))
	t.T.Fatalf(format, args...)
}

func (t *caseT) Fatal(args ...any) {
	t.Helper()
	t.record(fmt.Sprint(args...))
	t.T.Fatal(args...)
}

// TestGeneratedDockerfiles generates a Dockerfile for each sample app with
// dockgen, builds it with buildah on a stand-in base image, runs it and checks
// that it serves HTTP 200 as a non-root user, that planted secrets stay out of
// the image, that a source edit reuses the dependency layer, and that a
// compiled stack ships no toolchain.
//
// DOCKGEN_E2E_DOCKERFILE_FROM=testdata uses the house-style Dockerfiles in
// testdata/e2e/dockerfiles instead of the CLI (for when the CLI is broken);
// the default, "cli", runs the real `dockgen init`.
func TestGeneratedDockerfiles(t *testing.T) {
	suiteStart := time.Now()
	ctx := context.Background()
	preflight(t)

	cache := cacheDir(t)
	lockCache(t, cache)
	b := newBuildah(cache)
	t.Logf("cache folder: %s (buildah storage: %s, driver %s)", cache, b.root, b.driver)
	si, err := newStandins(cache, b, t.Logf)
	if err != nil {
		t.Fatal(err)
	}

	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mode := os.Getenv("DOCKGEN_E2E_DOCKERFILE_FROM")
	if mode == "" {
		mode = "cli"
	}
	var dockgen string
	switch mode {
	case "cli":
		dockgen = filepath.Join(t.TempDir(), "dockgen")
		if _, err := runCmd(ctx, cmdSpec{Name: "go", Args: []string{"build", "-o", dockgen, "./cmd/dockgen"}, Dir: repo, Timeout: 10 * time.Minute}); err != nil {
			t.Fatalf("build the dockgen CLI (set DOCKGEN_E2E_DOCKERFILE_FROM=testdata to test the house-style sample Dockerfiles instead): %v", err)
		}
	case "testdata":
		t.Logf("DOCKGEN_E2E_DOCKERFILE_FROM=testdata: using testdata/e2e/dockerfiles, NOT the dockgen CLI")
	default:
		t.Fatalf("DOCKGEN_E2E_DOCKERFILE_FROM=%q: want cli or testdata", mode)
	}

	var rows []reportRow
	for _, c := range cases {
		row := reportRow{Case: c.name, Mode: mode, StandIn: "-", Build: "-", Rebuild: "-", Size: "-", CacheReuse: "-", Result: "not run"}
		t.Run(c.name, func(t *testing.T) {
			row.Result = "FAIL"
			defer func() {
				switch {
				case t.Skipped():
					row.Result = "SKIP"
				case !t.Failed():
					row.Result = "PASS"
				}
			}()
			runCase(&caseT{T: t, row: &row}, ctx, c, &row, b, si, repo, mode, dockgen)
		})
		rows = append(rows, row)
	}

	standinTime := time.Duration(0)
	for _, d := range si.built {
		standinTime += d
	}
	report := formatReport(rows)
	report += fmt.Sprintf("\ntotal %s; stand-ins built this run: %d (%s); cache folder %s\n",
		time.Since(suiteStart).Round(time.Second), len(si.built), standinTime.Round(time.Second), cache)
	t.Logf("report:\n%s", report)
	os.WriteFile(filepath.Join(cache, "last-report.md"), []byte(report), 0o644)
	if p := os.Getenv("DOCKGEN_E2E_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(report), 0o644); err != nil {
			t.Errorf("write report: %v", err)
		}
	}
}

func runCase(t *caseT, ctx context.Context, c e2eCase, row *reportRow, b *buildah, si *standins, repo, mode, dockgen string) {
	// Stand-in base image(s): built now, or cached from an earlier run.
	before := map[string]bool{}
	for name := range si.built {
		before[name] = true
	}
	for _, name := range strings.Fields(c.standin) {
		if err := si.ensure(ctx, name); err != nil {
			t.Fatal(err)
		}
	}
	var builtNow []string
	var builtTime time.Duration
	for name, d := range si.built {
		if !before[name] {
			builtNow = append(builtNow, name)
			builtTime += d
		}
	}
	row.StandIn = "cached"
	if len(builtNow) > 0 {
		sort.Strings(builtNow)
		row.StandIn = fmt.Sprintf("built %s (%s)", builtTime.Round(time.Second), strings.Join(builtNow, "+"))
	}

	// 1. Generate the Dockerfile into a copy of the sample app, with secrets
	// planted in the build context.
	work := t.TempDir()
	app := filepath.Join(work, "app")
	if c.base == "" {
		if err := os.CopyFS(app, os.DirFS(filepath.Join(repo, "testdata", "e2e", c.name))); err != nil {
			t.Fatal(err)
		}
	} else {
		if err := os.CopyFS(app, os.DirFS(filepath.Join(repo, "testdata", "e2e", c.base))); err != nil {
			t.Fatal(err)
		}
		if err := copyOver(app, filepath.Join(repo, "testdata", "e2e", c.name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := normalizeModes(app); err != nil {
		t.Fatal(err)
	}
	for name, content := range plantedSecrets {
		if err := os.WriteFile(filepath.Join(app, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	switch mode {
	case "cli":
		args := []string{"init", "--yes"}
		if c.runtimeVersion != "" { // "": the version detection finds
			args = append(args, "--runtime-version", c.runtimeVersion)
		}
		args = append(args, c.initArgs...)
		args = append(args, app)
		out, err := runCmd(ctx, cmdSpec{Name: dockgen, Args: args, Dir: work, Timeout: 2 * time.Minute})
		if err != nil {
			t.Fatalf("dockgen init: %v", err)
		}
		t.Logf("dockgen %s\n%s", strings.Join(args, " "), tail(out, 30))
	case "testdata":
		dir := filepath.Join(repo, "testdata", "e2e", "dockerfiles")
		if _, err := os.Stat(filepath.Join(dir, c.name+".Dockerfile")); err != nil {
			t.Skipf("no house-style %s.Dockerfile in testdata/e2e/dockerfiles: cli mode only", c.name)
		}
		if err := copyFile(filepath.Join(dir, c.name+".Dockerfile"), filepath.Join(app, "Dockerfile"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := copyFile(filepath.Join(dir, "common.dockerignore"), filepath.Join(app, ".dockerignore"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dockerfile, err := os.ReadFile(filepath.Join(app, "Dockerfile"))
	if err != nil {
		t.Fatalf("no Dockerfile was generated: %v", err)
	}
	t.Logf("Dockerfile:\n%s", dockerfile)

	// 2. Build, with --layers so that the rebuild below can reuse layers.
	tag := "localhost/dockgen-e2e-" + c.name + ":latest"
	t.Cleanup(func() {
		// Only this case's image and its cached layers; never the stand-ins.
		b.run(context.Background(), 2*time.Minute, "rmi", "-f", tag)
		b.run(context.Background(), 2*time.Minute, "rmi", "--prune")
	})
	buildLog := filepath.Join(work, "build1.log")
	start := time.Now()
	if _, err := buildWithLog(ctx, b, buildLog, app, tag); err != nil {
		t.Fatalf("build: %v", err)
	}
	row.Build = time.Since(start).Round(100 * time.Millisecond).String()
	row.Size = b.imageSize(ctx, tag)
	t.Logf("built %s in %s, size %s", tag, row.Build, row.Size)

	info, ok, err := b.inspectImage(ctx, tag)
	if err != nil || !ok {
		t.Fatalf("inspect %s: ok=%v err=%v", tag, ok, err)
	}
	cfg := info.OCIv1.Config

	// 4a. The image config's user is not root.
	if isRootUser(cfg.User) {
		t.Errorf("image config User is %q: want a non-root user", cfg.User)
	}

	// A working container of the image: its filesystem is checked mounted,
	// and the app runs in it.
	ctr := "dockgen-e2e-" + c.name + "-ctr"
	b.run(ctx, time.Minute, "rm", ctr) // a leftover from an interrupted run
	if _, err := b.run(ctx, 2*time.Minute, "from", "--pull=never", "--name", ctr, tag); err != nil {
		t.Fatalf("buildah from: %v", err)
	}
	t.Cleanup(func() { b.run(context.Background(), 2*time.Minute, "rm", ctr) })

	// 5 and 7. Filesystem checks on the mounted container.
	checkFilesystem(t, ctx, b, ctr, c)

	// 3 and 4b. Run the image's own entrypoint + cmd, GET / from the host,
	// and check the uid of the running process.
	runAndProbe(t, ctx, b, ctr, c, cfg.User, cfg.Entrypoint, cfg.Cmd, cfg.ExposedPorts)

	// 6. Edit a source file and rebuild: the dependency step must come from
	// the layer cache, the COPY of the sources must not.
	src := filepath.Join(app, c.sourceFile)
	f, err := os.OpenFile(src, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if c.comment == "" {
		// CSS: a block comment.
		fmt.Fprintf(f, "\n/* edited by the e2e suite at %s */\n", time.Now().Format(time.RFC3339Nano))
	} else {
		fmt.Fprintf(f, "\n%s edited by the e2e suite at %s\n", c.comment, time.Now().Format(time.RFC3339Nano))
	}
	f.Close()
	start = time.Now()
	out, err := buildWithLog(ctx, b, filepath.Join(work, "build2.log"), app, tag)
	if err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	row.Rebuild = time.Since(start).Round(100 * time.Millisecond).String()
	reuse, err := checkCacheReuse(parseSteps(out), c.cachedStep)
	if err != nil {
		row.CacheReuse = "NO"
		t.Errorf("cache reuse after a source edit: %v\n--- rebuild output (tail) ---\n%s", err, tail(out, 60))
	} else {
		row.CacheReuse = "yes: " + reuse
		t.Logf("rebuild in %s: %s", row.Rebuild, reuse)
	}
}

// normalizeModes gives the sample app the modes a checkout has under the
// usual umask 022 (directories 0755, files 0644, or 0755 when executable),
// whatever the umask of the process that cloned the repository or runs the
// suite: COPY keeps the context's modes, and the image's non-root user must be
// able to read the files. (Under umask 077 every case would fail with
// "Permission denied" for reasons that are the checkout's, not the
// Dockerfile's.)
func normalizeModes(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if d.IsDir() || info.Mode()&0o100 != 0 {
			mode = 0o755
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return nil
		}
		return os.Chmod(p, mode)
	})
}

func buildWithLog(ctx context.Context, b *buildah, logPath, dir, tag string) (string, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return b.bud(ctx, f, dir, filepath.Join(dir, "Dockerfile"), tag)
}

// checkCacheReuse reads the rebuild's steps: the first step that copies the
// whole build context ("COPY . <dest>") must have run again, and every RUN
// step before it (the dependency install) must have come from the cache.
// With cachedStep set (a stack with no dependency install), the steps before
// it whose instruction starts with cachedStep must have come from the cache
// instead.
func checkCacheReuse(steps []buildStep, cachedStep string) (string, error) {
	if len(steps) == 0 {
		return "", fmt.Errorf("no STEP lines in buildah's output")
	}
	copyAll := -1
	for i, s := range steps {
		if copiesWholeContext(s.Instruction) {
			copyAll = i
			break
		}
	}
	if copyAll < 0 {
		return "", fmt.Errorf("no step copies the whole build context (COPY . <dest>)")
	}
	if steps[copyAll].Cached {
		return "", fmt.Errorf("step %d %q came from the cache although a source file changed", steps[copyAll].N, steps[copyAll].Instruction)
	}
	var runs []buildStep
	for _, s := range steps[:copyAll] {
		if cachedStep == "" && strings.HasPrefix(strings.ToUpper(s.Instruction), "RUN ") ||
			cachedStep != "" && strings.HasPrefix(s.Instruction, cachedStep) {
			runs = append(runs, s)
		}
	}
	if len(runs) == 0 {
		if cachedStep != "" {
			return "", fmt.Errorf("no step %q... before %q", cachedStep, steps[copyAll].Instruction)
		}
		return "", fmt.Errorf("no RUN step (dependency install) before %q", steps[copyAll].Instruction)
	}
	for _, r := range runs {
		if !r.Cached {
			return "", fmt.Errorf("step %s %d %q ran again after a source edit: want it from the cache", r.Stage, r.N, r.Instruction)
		}
	}
	cached := 0
	for _, s := range steps {
		if s.Cached {
			cached++
		}
	}
	reused := runs[0]
	if cachedStep == "" {
		reused = dependencyStep(steps[:copyAll], runs)
	}
	return fmt.Sprintf("%d/%d steps cached; %q cached, COPY . rebuilt", cached, len(steps), shorten(reused.Instruction, 48)), nil
}

// dependencyStep names the dependency install for the report: the first RUN
// after the first COPY of some files (the manifests) from the context, else
// the last RUN before the sources are copied.
func dependencyStep(before, runs []buildStep) buildStep {
	seenCopy := false
	for _, s := range before {
		f := strings.Fields(strings.ToUpper(s.Instruction))
		if len(f) > 1 && f[0] == "COPY" && !strings.HasPrefix(f[1], "--FROM") {
			seenCopy = true
		}
		if seenCopy && f[0] == "RUN" {
			return s
		}
	}
	return runs[len(runs)-1]
}

// copiesWholeContext reports whether a Dockerfile instruction copies the whole
// build context: COPY (or ADD) with "." or "./" as its only source.
func copiesWholeContext(instr string) bool {
	f := strings.Fields(instr)
	if len(f) < 3 || (!strings.EqualFold(f[0], "COPY") && !strings.EqualFold(f[0], "ADD")) {
		return false
	}
	var args []string
	for _, a := range f[1:] {
		if strings.HasPrefix(a, "--") {
			if strings.HasPrefix(a, "--from") {
				return false
			}
			continue
		}
		args = append(args, a)
	}
	return len(args) == 2 && (args[0] == "." || args[0] == "./")
}

// checkFilesystem mounts the container and walks its filesystem: no planted
// secret anywhere, and for compiled stacks no Go toolchain.
func checkFilesystem(t *caseT, ctx context.Context, b *buildah, ctr string, c e2eCase) {
	out, err := b.run(ctx, 2*time.Minute, "mount", ctr)
	if err != nil {
		t.Fatalf("buildah mount: %v", err)
	}
	root := strings.TrimSpace(out)
	defer b.run(context.Background(), time.Minute, "umount", ctr)
	if root == "" {
		t.Fatal("buildah mount printed no path")
	}
	found := scanTree(root, c.compiled, c.forbidden...)
	for _, f := range found {
		t.Errorf("found in the image: %s", f)
	}
	if len(found) == 0 {
		t.Logf("filesystem: no planted secret (%d names checked)%s%s", len(plantedSecrets), map[bool]string{true: ", no Go toolchain", false: ""}[c.compiled], map[bool]string{true: ", none of " + strings.Join(c.forbidden, ", "), false: ""}[len(c.forbidden) > 0])
	}
}

// scanTree walks an image's filesystem mounted at root and lists what must
// not be there: a planted secret anywhere, for a compiled stack the Go
// toolchain (/usr/local/go, or a go or gofmt binary anywhere), and any
// non-directory named in forbidden (e.g. node in a static site's image).
func scanTree(root string, compiled bool, forbidden ...string) []string {
	var found []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		name := d.Name()
		if _, secret := plantedSecrets[name]; secret {
			found = append(found, "secret /"+rel)
		}
		// A regular file: a program named so. A symlink is not one (deno's
		// node_modules links @types/node into its store); the file a link
		// to a program points at is found where it is.
		if d.Type().IsRegular() && slices.Contains(forbidden, name) {
			found = append(found, "forbidden file /"+rel)
		}
		if compiled {
			if rel == "usr/local/go" {
				found = append(found, "toolchain dir /"+rel)
			}
			if !d.IsDir() && (name == "go" || name == "gofmt") {
				found = append(found, "toolchain binary /"+rel)
			}
		}
		return nil
	})
	return found
}

// runAndProbe runs the image's entrypoint and cmd with `buildah run` on the
// host network, waits for HTTP 200 on its port, and checks the uid the app
// reports and the uid /proc shows for its process.
func runAndProbe(t *caseT, ctx context.Context, b *buildah, ctr string, c e2eCase, imageUser string, entrypoint, cmd []string, exposed map[string]struct{}) {
	argv := append(append([]string{}, entrypoint...), cmd...)
	if len(argv) == 0 {
		t.Fatal("the image has neither ENTRYPOINT nor CMD")
	}
	runUser := ""
	if c.chownStdio {
		// See e2eCase.chownStdio: what runc does before exec, done by a shell.
		u, g, _ := strings.Cut(imageUser, ":")
		runUser = "0:0"
		argv = append([]string{"/bin/sh", "-c", `u=$0; g=$1; shift; [ -n "$g" ] || g=$(id -g "$u"); ` +
			`chown "$u:$g" /proc/self/fd/1 /proc/self/fd/2 && exec setpriv --reuid="$u" --regid="$g" --init-groups -- "$@"`, u, g}, argv...)
	}
	port, err := probePort(c.port, exposed)
	if err != nil {
		t.Fatal(err)
	}
	var env []string
	if c.fixedPort {
		// The previous case's app may still be letting go of the port.
		for wait := time.Now().Add(30 * time.Second); !portFree(port) && time.Now().Before(wait); {
			time.Sleep(500 * time.Millisecond)
		}
		if !portFree(port) {
			t.Fatalf("port %d is in use on this machine, and this image's server cannot be moved with PORT", port)
		}
	}
	if !portFree(port) {
		// Someone else on this machine uses the port: move the app.
		free, err := freePort()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("port %d is in use on this machine: running with PORT=%d", port, free)
		port = free
		env = append(env, "PORT="+strconv.Itoa(port))
	}
	p, err := b.startRun(ctr, runUser, env, argv)
	if err != nil {
		t.Fatalf("buildah run: %v", err)
	}
	defer p.stop()
	t.Logf("running %q in %s, port %d", argv, ctr, port)

	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	client := &http.Client{Timeout: 3 * time.Second}
	// Up to 90s for the app to listen; once it answers, a status other than
	// 200 that lasts 10s is its answer (a 403 from unreadable files, say).
	deadline := time.Now().Add(90 * time.Second)
	var lastErr error
	var answeredAt time.Time
	for {
		if p.exited() {
			t.Fatalf("the app exited before serving (%v):\n%s", p.err, tail(p.out.String(), 40))
		}
		resp, err := client.Get(base + "/")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
			err = fmt.Errorf("GET /: status %d", resp.StatusCode)
			if answeredAt.IsZero() {
				answeredAt = time.Now()
			}
			if time.Since(answeredAt) > 10*time.Second {
				t.Fatalf("%s answers, but not with 200: %v\n--- app output ---\n%s", base, err, tail(p.out.String(), 40))
			}
		}
		lastErr = err
		if time.Now().After(deadline) {
			t.Fatalf("no HTTP 200 on %s within 90s: %v\n--- app output ---\n%s", base, lastErr, tail(p.out.String(), 40))
		}
		time.Sleep(300 * time.Millisecond)
	}
	t.Logf("GET %s/ -> 200", base)
	for _, path := range c.private {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
			t.Errorf("GET %s: status %d, want 404 (or 403): it must not be served", path, resp.StatusCode)
		}
	}
	if len(c.private) > 0 {
		t.Logf("not served (404/403): %s", strings.Join(c.private, " "))
	}
	if c.wantBody != "" {
		body := getBody(t, client, base+"/")
		if !strings.Contains(body, c.wantBody) {
			t.Errorf("GET / did not return the expected body (the site's index.html, the PHP app's production php.ini): no %q in it:\n%s", c.wantBody, tail(body, 20))
		}
		for _, link := range c.deepLinks {
			resp, err := client.Get(base + link)
			if err != nil {
				t.Fatalf("GET %s: %v", link, err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("GET %s (a route of the single-page app): status %d, want 200 with index.html", link, resp.StatusCode)
			} else if body := string(b); !strings.Contains(body, c.wantBody) {
				t.Errorf("GET %s (a route of the single-page app) did not return index.html: no %q in it:\n%s", link, c.wantBody, tail(body, 20))
			}
		}
		if len(c.deepLinks) > 0 {
			t.Logf("SPA fallback: %s -> 200 with index.html", strings.Join(c.deepLinks, " "))
		}
	}
	for _, path := range slices.Sorted(maps.Keys(c.wantPaths)) {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), c.wantPaths[path]) {
			t.Errorf("GET %s: status %d, body %q; want 200 with %q", path, resp.StatusCode, tail(string(b), 5), c.wantPaths[path])
		} else {
			t.Logf("GET %s -> 200, %q in it", path, c.wantPaths[path])
		}
	}

	// The uid the app itself reports (nginx serves files only: no /uid).
	var who struct{ UID, GID, PID int }
	whoami := "no /uid endpoint"
	if !c.noUIDEndpoint {
		resp, err := client.Get(base + "/uid")
		if err != nil {
			t.Fatalf("GET /uid: %v", err)
		}
		err = json.NewDecoder(resp.Body).Decode(&who)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("GET /uid: %v", err)
		}
		if who.UID == 0 {
			t.Errorf("the app reports uid 0: want non-root")
		}
		whoami = fmt.Sprintf("app reports uid %d gid %d", who.UID, who.GID)
	}

	// The uid of every process buildah run started, from /proc (the chroot
	// helper, which is buildah itself, is root by design and skipped).
	self, _ := exec.LookPath("buildah")
	self, _ = filepath.EvalSymlinks(self)
	var apps []string
	for _, pid := range p.descendants() {
		if isBuildahHelper(pid, self) {
			continue
		}
		r, e, ok := procUIDs(pid)
		if !ok {
			continue
		}
		apps = append(apps, fmt.Sprintf("pid %d %s uid %d/%d", pid, filepath.Base(procExe(pid)), r, e))
		if r == 0 || e == 0 {
			t.Errorf("process %d (%s) runs as uid %d/%d: want non-root", pid, procExe(pid), r, e)
		}
	}
	if len(apps) == 0 {
		t.Errorf("found no app process under buildah run in /proc")
	}
	t.Logf("%s; /proc: %s", whoami, strings.Join(apps, "; "))
}

// probePort picks the port to GET: the app's own port, which the image
// must expose when it exposes any. An image may expose more than its app's
// port: the nginx base image's EXPOSE 80 stays
// in the config of an image that serves on 8080.
func probePort(appPort int, exposed map[string]struct{}) (int, error) {
	var ports []int
	for p := range exposed {
		if n, err := strconv.Atoi(strings.TrimSuffix(p, "/tcp")); err == nil {
			ports = append(ports, n)
		}
	}
	sort.Ints(ports)
	// The app's port must be among them: dockgen's EXPOSE is what the case
	// checks (node-express-config's 8081 comes from a config module), so
	// another exposed port is a failure, not a port to probe instead.
	if len(ports) == 0 || slices.Contains(ports, appPort) {
		return appPort, nil
	}
	return 0, fmt.Errorf("the image exposes ports %v, not the app's port %d", ports, appPort)
}

// copyOver copies the files under src into dst, replacing files that are
// there (os.CopyFS refuses to).
func copyOver(dst, src string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		st, err := d.Info()
		if err != nil {
			return err
		}
		return copyFile(p, target, st.Mode().Perm())
	})
}

func getBody(t *caseT, client *http.Client, url string) string {
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return string(b)
}

func isRootUser(u string) bool {
	user, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return user == "" || user == "root" || user == "0"
}

func portFree(port int) bool {
	l, err := net.Listen("tcp", fmt.Sprintf(":%d", port))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// preflight fails the suite early when the machine cannot run it.
func preflight(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("the e2e suite needs root (buildah with chroot isolation and vfs storage, debootstrap)")
	}
	for _, tool := range []string{"buildah", "debootstrap", "npm", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: run `bash e2e/setup.sh` first", tool)
		}
	}
}

// cacheDir is $DOCKGEN_E2E_CACHE, or ~/.cache/dockgen-e2e.
func cacheDir(t *testing.T) string {
	dir := os.Getenv("DOCKGEN_E2E_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(base, "dockgen-e2e")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// lockCache holds an exclusive lock on the cache folder for the whole run, so
// two runs on one machine do not build the same stand-in at once.
func lockCache(t *testing.T, cache string) {
	f, err := os.OpenFile(filepath.Join(cache, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Logf("cache folder %s is locked by another run: waiting", cache)
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { f.Close() })
}

func formatReport(rows []reportRow) string {
	header := reportRow{"case", "dockerfile", "stand-in", "build", "rebuild", "image size", "cache reuse after source edit", "result", ""}
	all := append([]reportRow{header}, rows...)
	cols := func(r reportRow) []string {
		return []string{r.Case, r.Mode, r.StandIn, r.Build, r.Rebuild, r.Size, r.CacheReuse, r.Result}
	}
	var sb strings.Builder
	for i, r := range all {
		sb.WriteString("| " + strings.Join(cols(r), " | ") + " |\n")
		if i == 0 {
			sb.WriteString("|" + strings.Repeat(" --- |", len(cols(r))) + "\n")
		}
	}
	// Under the table, each failed case's first failure.
	for _, r := range rows {
		if r.Why != "" {
			sb.WriteString("\n" + r.Case + ": " + r.Why)
		}
	}
	return sb.String()
}

// shorten squeezes an instruction for the report: flags such as --mount=...
// dropped, whitespace collapsed, at most n bytes.
func shorten(s string, n int) string {
	var words []string
	for _, w := range strings.Fields(s) {
		if !strings.HasPrefix(w, "--") {
			words = append(words, w)
		}
	}
	s = strings.Join(words, " ")
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}
