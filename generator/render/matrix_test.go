package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/render/companiontest"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/dockgen/dockgen/templates"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// matrix is render.Matrix as of the tests' fixed day, with a floor on its size.
func matrix(t testing.TB) []render.Case {
	out := render.Matrix(catalog.Default(), today)
	if len(out) < 100 {
		t.Fatalf("matrix has only %d combinations", len(out))
	}
	return out
}

// TestEveryCombinationIsLintClean renders every supported combination and
// requires zero findings from BuildKit's parser and lint rules, plus the
// house style a user would check by eye.
func TestEveryCombinationIsLintClean(t *testing.T) {
	cat := catalog.Default()
	n := 0
	// Lint sees only the text: a Dockerfile rendered before (frameworks
	// that differ only in the command, say) is linted once.
	linted := map[string]bool{}
	for _, c := range matrix(t) {
		s, _, err := spec.Build(c.Facts, c.Answers, cat, today)
		if err != nil {
			t.Errorf("%s: build spec: %v", c, err)
			continue
		}
		files, err := render.Render(templates.FS, s)
		if err != nil {
			t.Errorf("%s: render: %v", c, err)
			continue
		}
		df := string(files[0].Data)
		ignore := slices.ContainsFunc(files, func(f render.File) bool { return f.Name == ".dockerignore" })
		key := fmt.Sprint(ignore, "\x00", df)
		if linted[key] {
			checkHouseStyle(t, c.String(), s, df)
			n++
			continue
		}
		linted[key] = true
		findings, err := lint.Dockerfile(context.Background(), "Dockerfile", files[0].Data)
		if err != nil {
			t.Fatalf("%s: lint: %v", c, err)
		}
		for _, f := range findings {
			t.Errorf("%s: %s\n%s", c, f.Format("Dockerfile"), df)
		}
		// dockgen's own rules too: official, pinned, supported base; a
		// non-root final stage; a .dockerignore rendered beside it.
		// A vendor stack (.NET, Bun, Deno) is flagged NonOfficialBase, and only that.
		vendor := false
		if stack, ok := cat.Stack(s.Language); ok {
			vendor = stack.Vendor
		}
		nonOfficial := 0
		for _, f := range lint.Own(files[0].Data, lint.Options{Catalog: cat, Now: today, Dockerignore: ignore}) {
			if vendor && f.Rule == lint.NonOfficialBase.Name {
				nonOfficial++
				continue
			}
			t.Errorf("%s: %s\n%s", c, f.Format("Dockerfile"), df)
		}
		if vendor && nonOfficial == 0 {
			t.Errorf("%s: a vendor base, and no NonOfficialBase finding\n%s", c, df)
		}
		checkHouseStyle(t, c.String(), s, df)
		checkOwnFiles(t, c.String(), s, files)
		companions.add(c.String(), s, files)
		n++
	}
	t.Logf("%d combinations rendered, all lint-clean", n)
	companions.check(t)
}

// companionFiles collects, without duplicates, every companion file the
// matrix renders (nginx.conf, the Apache step of a php Dockerfile, a
// compose.yaml per stack shape), for the programs that read them.
type companionFiles struct {
	seen                   map[string]bool
	nginx, apache, compose []companion
}

type companion struct {
	name string
	data []byte
	env  map[string]string
	// server: the nginx.conf includes the repository's server block.
	server bool
}

// repoServerBlock stands in for a repository's own server block, which
// dockgen's nginx.conf includes.
var repoServerBlock = []byte("server {\n    listen 8080;\n    root /usr/share/nginx/html;\n    location / {\n        try_files $uri /index.html;\n    }\n}\n")

var companions = companionFiles{seen: map[string]bool{}}

func (c *companionFiles) add(name string, s spec.Spec, files []render.File) {
	once := func(kind string, data []byte) bool {
		key := kind + "\x00" + string(data)
		if c.seen[key] {
			return false
		}
		c.seen[key] = true
		return true
	}
	for _, f := range files {
		switch f.Name {
		case s.NginxFile:
			if once("nginx", f.Data) {
				c.nginx = append(c.nginx, companion{name: name, data: f.Data, server: s.NginxConfigKind == "server"})
			}
		case "Dockerfile":
			step, err := companiontest.ApacheStep(f.Data)
			if err != nil {
				panic(err) // the lint above parsed it already
			}
			if step != "" && once("apache", []byte(step)) {
				env := map[string]string{"APACHE_DOCUMENT_ROOT": "/var/www/html"}
				if s.DocRoot != "" {
					env["APACHE_DOCUMENT_ROOT"] += "/" + s.DocRoot
				}
				c.apache = append(c.apache, companion{name: name, data: []byte(step), env: env})
			}
		}
	}
	// A folder named with digits only is a service name YAML must not
	// read as a number.
	for _, dir := range []string{"/src/my-app", "/src/2024"} {
		cf, err := render.Set{{Name: render.BuiltinLayer, FS: templates.FS}}.RenderCompose(render.NewCompose(render.NewModel(s), dir))
		if err == nil && once("compose", cf.Data) {
			c.compose = append(c.compose, companion{name: name, data: cf.Data})
		}
	}
}

// check runs each companion through its program: nginx -t, apache2ctl -t,
// compose-spec's loader. The matrix must reach each kind.
func (c *companionFiles) check(t *testing.T) {
	if len(c.nginx) == 0 || len(c.apache) == 0 || len(c.compose) == 0 {
		t.Fatalf("the matrix rendered %d nginx.conf, %d Apache steps, %d compose.yaml: want some of each", len(c.nginx), len(c.apache), len(c.compose))
	}
	t.Run("nginx", func(t *testing.T) {
		for _, f := range c.nginx {
			var extra map[string][]byte
			if f.server {
				extra = map[string][]byte{"conf.d/default.conf": repoServerBlock}
			}
			companiontest.Nginx(t, f.data, extra)
		}
		t.Logf("%d distinct nginx.conf checked with nginx -t", len(c.nginx))
	})
	t.Run("apache", func(t *testing.T) {
		for _, f := range c.apache {
			companiontest.Apache(t, string(f.data), f.env)
		}
		t.Logf("%d distinct Apache steps checked with apache2ctl -t", len(c.apache))
	})
	t.Run("compose", func(t *testing.T) {
		dir := t.TempDir()
		for _, f := range c.compose {
			companiontest.Compose(t, dir, f.data)
		}
		t.Logf("%d distinct compose.yaml checked with compose-spec's loader", len(c.compose))
	})
}

func checkHouseStyle(t *testing.T, name string, s spec.Spec, df string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(df), "\n")
	if lines[0] != "# syntax=docker/dockerfile:1" {
		t.Errorf("%s: first line is %q, want the syntax line", name, lines[0])
	}
	var froms []string
	lastUser := ""
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "FROM "):
			froms = append(froms, strings.Fields(l)[1])
			lastUser = ""
		case strings.HasPrefix(l, "USER "):
			lastUser = strings.TrimPrefix(l, "USER ")
		case strings.HasPrefix(l, "CMD "), strings.HasPrefix(l, "ENTRYPOINT "):
			if !strings.Contains(l, "[") {
				t.Errorf("%s: %q is not in exec form", name, l)
			}
		}
	}
	for _, ref := range froms {
		if ref == "scratch" {
			continue
		}
		_, tag, ok := strings.Cut(ref, ":")
		// A tag names a version or a Debian release; never latest or a
		// floating alias whose meaning changes between lines.
		floating := map[string]bool{"latest": true, "slim": true, "alpine": true, "lts": true, "current": true, "stable": true}
		if !ok || floating[tag] || !strings.ContainsAny(tag, "0123456789") && !strings.HasPrefix(tag, "trixie") && !strings.HasPrefix(tag, "bookworm") {
			t.Errorf("%s: FROM %s has no explicit versioned tag", name, ref)
		}
	}
	if lastUser == "" || lastUser == "root" || strings.HasPrefix(lastUser, "0") {
		t.Errorf("%s: the final stage runs as root (USER %q)", name, lastUser)
	}
	if s.Port != 0 && !strings.Contains(df, fmt.Sprintf("\nEXPOSE %d\n", s.Port)) {
		t.Errorf("%s: no EXPOSE %d", name, s.Port)
	}
	// Manifests are copied and installed before the source.
	copyManifests := manifestsCopied(s.Manifests, df)
	copySource := strings.Index(df, "COPY . .")
	// Cargo cannot resolve a package from its manifests alone (it needs
	// the targets): Rust copies the source whole and keeps crates and
	// compiled dependencies in cache mounts instead.
	cargo := s.Language == "rust" && strings.Contains(df, "--mount=type=cache,target=/app/target")
	// A stack without manifests (plain HTML, plain PHP, other) has no
	// install step to put first.
	if copyManifests < 0 && !cargo && len(s.Manifests) > 0 && !(s.Language == "python" && s.PackageManager == "pip" && !contains(s.Manifests, "requirements.txt")) && !(s.Language == "static" && s.PackageManager == "none") && !(s.Language == "php" && s.PackageManager == "none") {
		t.Errorf("%s: the manifests %v are not copied on their own", name, s.Manifests)
	}
	if copyManifests >= 0 && copySource >= 0 && copyManifests > copySource {
		t.Errorf("%s: the source is copied before the manifests", name)
	}
	// A static site's final stage is nginx with the built files only: no
	// Node.js and no package manager.
	if s.Language == "static" {
		final := df[strings.LastIndex(df, "\nFROM "):]
		if !strings.HasPrefix(final, "\nFROM nginx:") {
			t.Errorf("%s: the final stage is not nginx", name)
		}
		for _, tool := range []string{"npm", "yarn", "pnpm", "corepack", "node_modules", "RUN "} {
			if strings.Contains(final, tool) {
				t.Errorf("%s: the final stage runs or copies the Node.js toolchain (%s)", name, tool)
			}
		}
	}
	if s.BuildImage != "" && s.Language == "go" && strings.Contains(df[strings.LastIndex(df, "FROM "):], "go build") {
		t.Errorf("%s: the final stage runs the toolchain", name)
	}
	// Stacks that build with a toolchain image leave it behind: the final
	// stage is another image and installs nothing with the build tools.
	if tool, ok := map[string]string{"ruby": "bundle install", "php": "composer install", "elixir": "mix "}[s.Language]; ok && s.PackageManager != "none" {
		final := df[strings.LastIndex(df, "\nFROM "):]
		if s.BuildImage == "" || s.BuildImage == s.BaseImage || !strings.Contains(df, " AS build\n") {
			t.Errorf("%s: %s builds in no separate stage (build %q, final %q)", name, s.Language, s.BuildImage, s.BaseImage)
		}
		if strings.Contains(final, tool) || strings.Contains(final, "build-essential") {
			t.Errorf("%s: the final stage runs the toolchain (%s)", name, tool)
		}
	}
	// Compiled stacks: the final stage is another image than the
	// toolchain's and neither runs nor copies the toolchain.
	if toolchain, ok := map[string][]string{
		"go":     {"go build", "go mod", "/usr/local/go"},
		"rust":   {"cargo ", "rustup", "rustc", "/usr/local/cargo", "/usr/local/rustup"},
		"java":   {"mvn", "gradle ", "gradlew", "javac", "-jdk-", "/root/.m2", "/root/.gradle"},
		"dotnet": {"dotnet restore", "dotnet publish", "dotnet build", "/dotnet/sdk:", ".nuget"},
	}[s.Language]; ok {
		final := df[strings.LastIndex(df, "\nFROM "):]
		if s.BuildImage == "" || len(froms) < 2 || froms[len(froms)-1] == s.BuildImage {
			t.Errorf("%s: not a multi-stage build with a final stage of its own (FROMs %v)", name, froms)
		}
		for _, word := range toolchain {
			if strings.Contains(final, word) {
				t.Errorf("%s: the final stage mentions the toolchain (%q):\n%s", name, word, final)
			}
		}
	}
}

// nestedManifestsCopied is where the last manifest is copied when some
// sit in folders (a .NET project, a Gradle subproject): the root ones in
// one COPY to ./, each other one to its own folder; -1 when one is not.
// manifestsCopied returns the offset of the last COPY that puts one of the
// manifests in place, -1 when any is missing or lands elsewhere than its
// own path (requirements/base.txt flat in ./ breaks `-r requirements/base.txt`).
func manifestsCopied(manifests []string, df string) int {
	if len(manifests) == 0 {
		return -1
	}
	dest := map[string]string{} // source -> destination folder
	at := map[string]int{}
	offset := 0
	for _, line := range strings.SplitAfter(df, "\n") {
		f := strings.Fields(line)
		if rest, ok := strings.CutPrefix(line, "COPY ["); ok {
			// The JSON form, for paths with a space.
			var args []string
			if err := json.Unmarshal([]byte("["+strings.TrimSpace(rest)), &args); err == nil {
				f = append([]string{"COPY"}, args...)
			}
		}
		if len(f) >= 3 && f[0] == "COPY" && !strings.HasPrefix(f[1], "--") {
			for _, src := range f[1 : len(f)-1] {
				if _, seen := dest[src]; !seen {
					dest[src], at[src] = f[len(f)-1], offset
				}
			}
		}
		offset += len(line)
	}
	last := -1
	for _, m := range manifests {
		want := "./"
		if d := path.Dir(m); d != "." {
			want = d + "/"
		}
		if dest[m] != want {
			return -1
		}
		last = max(last, at[m])
	}
	return last
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkOwnFiles: the repository's own files (its entrypoint script, its
// nginx configuration) and dockgen's nginx.conf are copied by the
// Dockerfile and kept by the .dockerignore, and the script is the
// ENTRYPOINT with the start command as CMD.
func checkOwnFiles(t *testing.T, name string, s spec.Spec, files []render.File) {
	t.Helper()
	var df, ignore []byte
	for _, f := range files {
		switch f.Name {
		case "Dockerfile":
			df = f.Data
		case ".dockerignore":
			ignore = f.Data
		}
	}
	patterns, err := ignorefile.ReadAll(bytes.NewReader(ignore))
	if err != nil {
		t.Fatalf("%s: .dockerignore: %v", name, err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatalf("%s: .dockerignore: %v", name, err)
	}
	copied := map[string]string{}
	if s.Entrypoint != "" {
		copied[s.Entrypoint] = "COPY --chmod=0755 " + s.Entrypoint + " /usr/local/bin/"
		exec, _ := render.ExecForm([]string{render.Model{Spec: s}.EntrypointPath()})
		if !strings.Contains(string(df), "\nENTRYPOINT "+exec+"\nCMD ") {
			t.Errorf("%s: the entrypoint script %s is not the ENTRYPOINT followed by CMD:\n%s", name, s.Entrypoint, df)
		}
	}
	if s.NginxConfig != "" {
		copied[s.NginxConfig] = "COPY " + s.NginxConfig + " /etc/nginx/"
	}
	if s.NginxFile != "" {
		copied[s.NginxFile] = "COPY " + s.NginxFile + " /etc/nginx/nginx.conf"
		if s.NginxFile == s.NginxConfig {
			t.Errorf("%s: dockgen writes %s, the repository's own file", name, s.NginxFile)
		}
	}
	for file, copy := range copied {
		if !strings.Contains(string(df), copy) {
			t.Errorf("%s: the Dockerfile does not %s...:\n%s", name, copy, df)
		}
		if ok, _ := pm.MatchesOrParentMatches(file); ok {
			t.Errorf("%s: the .dockerignore leaves out %s, which the Dockerfile copies", name, file)
		}
	}
}
