package detect

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// staticPort is where the static stack's nginx listens: unprivileged, so
// it runs as the image's user nginx.
const staticPort = 8080

// detectStatic detects a plain HTML site: index.html at the root or in
// public/, and no package.json (a package.json makes it a Node.js
// repository, which nodeStaticSite may still turn into a static one).
func detectStatic(fsys fs.FS) (Facts, bool) {
	if exists(fsys, "package.json") {
		return Facts{}, false
	}
	dir := ""
	switch {
	case exists(fsys, "index.html"):
		dir = "."
	case exists(fsys, "public/index.html"):
		dir = "public"
	default:
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "static"
	index := path.Join(dir, "index.html")
	r.evidence("language", index, index+" exists and no package.json: a plain HTML site")
	r.f.PackageManager = "none"
	r.evidence("package_manager", index, "nothing to build")
	r.f.OutputDir = dir
	r.evidence("output", index, "nginx serves "+dir)
	r.f.Port = staticPort
	r.evidence("port", index, "nginx listens on 8080 as the unprivileged user nginx")
	nginxOwnConfig(fsys, r)
	return r.f, true
}

// staticBuilders are the single-page-app bundlers, in precedence order,
// with the folder their build writes by default ("" for Angular: it is read
// from angular.json). withUI is true for general-purpose bundlers (webpack,
// Parcel), which build a site only beside a UI library: without one they
// may as well bundle a server.
// ui is the UI library a bundler builds only (Create React App: React),
// for a package.json that does not list it.
var staticBuilders = []struct {
	dep, tool, out, ui string
	withUI             bool
}{
	{"@angular/core", "angular", "", "angular", false}, // the Angular CLI
	{"react-scripts", "cra", "build", "react", false},
	{"@vue/cli-service", "vue-cli", "dist", "vue", false},
	{"vite", "vite", "dist", "", false},
	{"parcel", "parcel", "dist", "", true},
	{"webpack", "webpack", "dist", "", true},
}

// uiLibraries are the UI libraries a front end is written with, in
// precedence order (Preact before React: a Preact app often aliases
// react), each with the package that names it. They are the framework of a
// single-page app; the bundler is its build tool.
var uiLibraries = []struct{ dep, name string }{
	{"@angular/core", "angular"},
	{"vue", "vue"},
	{"svelte", "svelte"},
	{"solid-js", "solid"},
	{"preact", "preact"},
	{"lit", "lit"},
	{"react", "react"},
	{"react-dom", "react"},
}

// metaBuildTools are the build tools of the site frameworks nodeStaticSite
// turns static: their own CLI, or Vite under SvelteKit.
var metaBuildTools = map[string]string{"astro": "astro", "sveltekit": "vite", "next": "next"}

// viteOutDir finds build.outDir in a vite.config.*.
var viteOutDir = regexp.MustCompile(`\boutDir\s*:\s*["'\x60]([A-Za-z0-9._/-]+)["'\x60]`)

// nodeStaticSite turns a Node.js repository into a static one when its
// build writes a site for a web server rather than a server: Astro
// without @astrojs/node, SvelteKit with adapter-static, Next.js with
// output: 'export', or a single-page app (a Vite, Create React App,
// Angular CLI or Vue CLI build, or webpack or Parcel beside a UI library)
// without a server framework. It needs a build script. It sets language,
// framework (the site framework, or the UI library of a single-page app),
// build tool, output folder and port, and reports true.
func nodeStaticSite(fsys fs.FS, r *recorder, pkg packageJSON) bool {
	if !r.f.BuildScript {
		return false
	}
	has := func(dep string) bool { return contains(pkg.Dependencies, dep) || contains(pkg.DevDeps, dep) }
	name, tool, out, file, reason := "", "", "", "package.json", ""
	switch r.f.Framework {
	case "astro":
		if has("@astrojs/node") {
			return false
		}
		name, out, reason = "astro", "dist", "astro without @astrojs/node builds a static site"
	case "sveltekit":
		if !has("@sveltejs/adapter-static") || has("@sveltejs/adapter-node") {
			return false
		}
		name, out, reason = "sveltekit", "build", "@sveltejs/adapter-static builds a static site"
	case "next":
		for _, f := range nextConfigs {
			if src, ok := readSource(fsys, f); ok && nextExport.Match(src) {
				name, out, file, reason = "next", "out", f, "output: 'export' builds a static site"
				break
			}
		}
		if name == "" {
			return false
		}
	case "":
		ui, uiDep := "", ""
		for _, l := range uiLibraries {
			if has(l.dep) {
				ui, uiDep = l.name, l.dep
				break
			}
		}
		for _, b := range staticBuilders {
			if !has(b.dep) || b.withUI && ui == "" {
				continue
			}
			tool, out, reason = b.tool, b.out, "builds with "+b.dep+" and has no server framework"
			if ui == "" && b.ui != "" {
				ui, uiDep = b.ui, b.dep
			}
			break
		}
		if tool == "" {
			return false
		}
		r.f.Language = "static"
		r.f.Evidence = nil // the language evidence is said again, with the reason
		r.evidence("language", "package.json", reason)
		if ui != "" {
			r.f.Framework = ui
			why := "depends on " + uiDep + ": a single-page app written with " + ui
			if !slices.ContainsFunc(uiLibraries, func(l struct{ dep, name string }) bool { return l.dep == uiDep }) {
				why = uiDep + " builds " + ui + " apps only"
			}
			r.evidence("framework", "package.json", why)
		}
		r.f.BuildTool = tool
		r.evidence("build_tool", "package.json", reason)
	default:
		return false
	}
	if name != "" {
		r.f.Language = "static"
		r.f.Evidence = nil // the language evidence is said again, with the reason
		r.evidence("language", "package.json", reason)
		r.f.Framework = name
		r.evidence("framework", "package.json", reason)
		r.f.BuildTool = metaBuildTools[name]
		r.evidence("build_tool", "package.json", name+" builds with "+r.f.BuildTool)
	}
	switch r.f.BuildTool {
	case "angular":
		out, file = angularOutput(fsys, r)
	case "vite":
		if name != "" {
			break // SvelteKit's adapter-static writes build/, whatever Vite's outDir says
		}
		for _, f := range []string{"vite.config.ts", "vite.config.js", "vite.config.mts", "vite.config.mjs"} {
			if src, ok := readSource(fsys, f); ok {
				if m := viteOutDir.FindSubmatch(src); m != nil && fs.ValidPath(string(m[1])) {
					out, file = string(m[1]), f
				}
				break
			}
		}
	}
	r.f.OutputDir = out
	r.evidence("output", file, "the build writes the site to "+out)
	r.f.Port = staticPort
	r.evidence("port", "package.json", "nginx listens on 8080 as the unprivileged user nginx")
	nginxOwnConfig(fsys, r)
	return true
}

// angularJSON is the part of angular.json that names the build output.
type angularJSON struct {
	DefaultProject string `json:"defaultProject"`
	Projects       map[string]struct {
		ProjectType string `json:"projectType"`
		Architect   struct {
			Build struct {
				Builder string `json:"builder"`
				Options struct {
					OutputPath json.RawMessage `json:"outputPath"`
				} `json:"options"`
			} `json:"build"`
		} `json:"architect"`
	} `json:"projects"`
}

// angularOutput reads the application's build output folder from
// angular.json: outputPath ("dist/web", or {base, browser}), plus
// browser/ for the application builder of Angular 17+. It falls back to
// dist/<project>/browser.
func angularOutput(fsys fs.FS, r *recorder) (out, file string) {
	data, ok, w := readManifest(fsys, "angular.json")
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		r.warn("package.json: an Angular app without angular.json; serving dist/app/browser")
		return "dist/app/browser", "package.json"
	}
	var aj angularJSON
	if err := json.Unmarshal(data, &aj); err != nil {
		r.warn("angular.json: invalid JSON: %s", jsonReason(data, err))
		return "dist/app/browser", "angular.json"
	}
	names := sortedKeys(aj.Projects)
	project := aj.DefaultProject
	if _, ok := aj.Projects[project]; !ok {
		project = ""
		for _, n := range names {
			if aj.Projects[n].ProjectType == "application" {
				project = n
				break
			}
		}
	}
	if project == "" {
		r.warn("angular.json: no application project; serving dist/app/browser")
		return "dist/app/browser", "angular.json"
	}
	build := aj.Projects[project].Architect.Build
	application := strings.HasSuffix(build.Builder, ":application")
	base, browser := "dist/"+project, "browser"
	var asString string
	var asObject struct{ Base, Browser *string }
	switch {
	case json.Unmarshal(build.Options.OutputPath, &asString) == nil && asString != "":
		base = asString
	case json.Unmarshal(build.Options.OutputPath, &asObject) == nil && asObject.Base != nil:
		base = *asObject.Base
		if asObject.Browser != nil {
			browser = *asObject.Browser
		}
	}
	out = strings.TrimSuffix(strings.TrimPrefix(base, "./"), "/")
	if application && browser != "" {
		out += "/" + browser
	}
	if !fs.ValidPath(out) || slices.Contains(strings.Split(out, "/"), "..") {
		r.warn("angular.json: outputPath %s is not a folder in the repository; serving dist/%s/browser", quote(out), project)
		out = "dist/" + project + "/browser"
	}
	return out, "angular.json"
}
