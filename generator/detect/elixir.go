package detect

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

var (
	// mixApp is `app: :my_app` in mix.exs's project/0.
	mixApp = regexp.MustCompile(`\bapp:\s*:([A-Za-z_][A-Za-z0-9_]*)`)
	// mixElixir is `elixir: "~> 1.17"`.
	mixElixir = regexp.MustCompile(`\belixir:\s*"([^"]+)"`)
	// mixReleases finds the names in `releases: [name: [...], other: ...]`.
	mixReleases = regexp.MustCompile(`\breleases:\s*\[\s*([a-z_][a-z0-9_]*):`)
	// mixDep is a dependency tuple `{:phoenix, "~> 1.8"}`.
	mixDep = regexp.MustCompile(`\{\s*:([a-z_][a-z0-9_]*)\s*,`)
	// mixAssetsDeploy is the assets.deploy alias Phoenix generates.
	mixAssetsDeploy = regexp.MustCompile(`"assets\.deploy"\s*:`)
	// exPort is a literal `port: 4001` in an application's children.
	exPort = regexp.MustCompile(`\bport:\s*(\d{2,5})\b`)
	// releaseName is what a release's folder and bin/ script are named.
	releaseName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// detectElixir detects a Mix project; ok is false without mix.exs.
func detectElixir(fsys fs.FS) (Facts, bool) {
	if !exists(fsys, "mix.exs") {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "elixir"
	r.evidence("language", "mix.exs", "mix.exs exists")
	r.f.PackageManager = "mix"
	r.evidence("package_manager", "mix.exs", "Mix project")
	r.manifests(fsys, "mix.exs", "mix.lock")
	if !exists(fsys, "mix.lock") {
		r.warn("mix.exs: no mix.lock; commit one so builds fetch the same dependencies every time")
	}
	data, ok, w := readManifest(fsys, "mix.exs")
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return r.f, true
	}
	// mix.exs is Elixir code: these are the conventional forms of its
	// keys, read with patterns, never evaluated.
	src := string(stripLineComments(data, "#"))
	if m := mixElixir.FindStringSubmatch(src); m != nil {
		r.f.Version = VersionReq{Raw: m[1], Pinned: false, Source: "mix.exs"}
		r.evidence("version", "mix.exs", "elixir: "+quote(m[1]))
	}
	deps := map[string]bool{}
	for _, m := range mixDep.FindAllStringSubmatch(src, -1) {
		deps[m[1]] = true
	}
	r.f.Dependencies = sortedSet(deps)

	app := ""
	if m := mixApp.FindStringSubmatch(src); m != nil {
		app = m[1]
	}
	release, from := app, "app: :"+app
	if m := mixReleases.FindStringSubmatch(src); m != nil {
		release, from = m[1], "releases: ["+m[1]+": ...]"
	}
	if strings.Contains(src, "apps_path:") && mixReleases.FindStringSubmatch(src) == nil {
		r.warn("mix.exs: an umbrella project without releases: name one in releases: so mix release knows what to build")
	}
	switch {
	case release == "":
		r.warn("mix.exs: no app: name found; the release is assumed to be named app")
	case !releaseName.MatchString(release):
		r.warn("mix.exs: release name %q is not a lowercase Elixir atom; pass --cmd", release)
	default:
		r.f.App = release
		r.evidence("app", "mix.exs", from)
		r.f.Command = []string{"/app/bin/" + release, "start"}
		r.evidence("command", "mix.exs", fmt.Sprintf("the release's start script (%s)", from))
	}
	for _, c := range []string{"config/config.exs", "config/prod.exs"} {
		if exists(fsys, c) {
			r.f.ConfigFiles = append(r.f.ConfigFiles, c)
		}
	}

	if deps["phoenix"] {
		r.f.Framework = "phoenix"
		r.evidence("framework", "mix.exs", "depends on phoenix")
		r.f.Port = 4000
		r.evidence("port", "mix.exs", "Phoenix's default port 4000")
		phoenixPort(fsys, r)
		if mixAssetsDeploy.MatchString(src) {
			r.f.Assets = true
			r.evidence("assets", "mix.exs", "an assets.deploy alias: mix assets.deploy")
			if exists(fsys, "assets/package.json") {
				r.warn("assets/package.json: npm packages for the assets are not installed in the image (no Node.js in the elixir image); vendor them or add a node stage in a team template")
			}
		}
		return r.f, true
	}
	elixirPort(fsys, r, app)
	return r.f, true
}

// exEnvPort is the endpoint's port read from PORT, with its fallback:
// `System.get_env("PORT") || "4000"` or `System.get_env("PORT", "4000")`.
var exEnvPort = regexp.MustCompile(`System\.get_env\(\s*"PORT"\s*(?:\)\s*\|\|\s*|,\s*)"?(\d{2,5})`)

// phoenixPort reads the endpoint's port from the configuration a release
// runs with (config/runtime.exs, then config/prod.exs): generated Phoenix
// apps read PORT there, and the image must then set it.
func phoenixPort(fsys fs.FS, r *recorder) {
	for _, name := range []string{"config/runtime.exs", "config/prod.exs"} {
		src, ok := readSource(fsys, name)
		if !ok {
			continue
		}
		code := string(stripLineComments(src, "#"))
		if strings.Contains(code, `System.get_env("PORT"`) && !r.f.PortEnv {
			r.f.PortEnv = true
			r.evidence("port_env", name, `the endpoint reads System.get_env("PORT")`)
		}
		if m := exEnvPort.FindStringSubmatch(code); m != nil {
			if p := parsePort(m[1]); p != 0 {
				r.f.Port = p
				r.drop("port") // the config beats Phoenix's default
				r.evidence("port", name, fmt.Sprintf("PORT falls back to %d", p))
				return
			}
		}
		if p := firstPort([]byte(code), exPort); p != 0 {
			r.f.Port = p
			r.drop("port")
			r.evidence("port", name, fmt.Sprintf("port: %d", p))
			return
		}
	}
}

// elixirPort looks for a literal port in the application module of a
// Plug/Bandit service (lib/<app>/application.ex).
func elixirPort(fsys fs.FS, r *recorder, app string) {
	if app == "" {
		return
	}
	name := "lib/" + app + "/application.ex"
	src, ok := readSource(fsys, name)
	if !ok {
		return
	}
	if p := firstPort(stripLineComments(src, "#"), exPort); p != 0 {
		r.f.Port = p
		r.evidence("port", name, fmt.Sprintf("port: %d", p))
	}
}
