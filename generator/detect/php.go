package detect

import (
	"encoding/json"
	"io/fs"
	"sort"
	"strings"
)

// phpMarkers make a repository a PHP one, checked in this order; the first
// found is the language evidence.
var phpMarkers = []string{"composer.json", "composer.lock", "artisan", "index.php", "public/index.php"}

// composerJSON is the part of composer.json detection reads.
type composerJSON struct {
	Require map[string]string `json:"require"`
	Config  struct {
		Platform map[string]string `json:"platform"`
	} `json:"config"`
}

// composerLock is the part of composer.lock detection reads. Composer writes
// an empty platform as [] and a filled one as an object, so both are raw.
type composerLock struct {
	Platform          json.RawMessage `json:"platform"`
	PlatformOverrides json.RawMessage `json:"platform-overrides"`
}

// lockPHP returns the "php" entry of a composer.lock platform field.
func lockPHP(raw json.RawMessage) string {
	var m map[string]string
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	return strings.TrimSpace(m["php"])
}

// detectPHP detects a Composer project or a plain PHP site; ok is false
// when no PHP marker exists.
func detectPHP(fsys fs.FS) (Facts, bool) {
	marker := firstExisting(fsys, phpMarkers)
	if marker == "" {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "php"
	r.evidence("language", marker, marker+" exists")

	var cj composerJSON
	hasComposer := readJSONManifest(fsys, r, "composer.json", &cj)
	var cl composerLock
	hasLock := readJSONManifest(fsys, r, "composer.lock", &cl)
	if exists(fsys, "composer.json") {
		r.f.PackageManager = "composer"
		r.evidence("package_manager", "composer.json", "Composer's composer.json")
		r.manifests(fsys, "composer.json", "composer.lock")
		if !exists(fsys, "composer.lock") {
			r.warn("composer.json: no composer.lock; commit one so builds install the same packages every time")
		}
	} else {
		r.f.PackageManager = "none"
		r.evidence("package_manager", marker, "no composer.json: no dependencies to install")
	}

	// Version: what dependencies were resolved for (config.platform.php)
	// pins; then the project's requirement; then the lockfile's record.
	set := func(raw string, pinned bool, source, reason string) {
		r.f.Version = VersionReq{Raw: raw, Pinned: pinned, Source: source}
		r.evidence("version", source, reason)
	}
	switch {
	case hasComposer && strings.TrimSpace(cj.Config.Platform["php"]) != "":
		v := strings.TrimSpace(cj.Config.Platform["php"])
		set(v, true, "composer.json", "config.platform.php = "+quote(v))
	case hasComposer && strings.TrimSpace(cj.Require["php"]) != "":
		v := strings.TrimSpace(cj.Require["php"])
		set(v, false, "composer.json", "require.php = "+quote(v))
	case hasLock && lockPHP(cl.PlatformOverrides) != "":
		v := lockPHP(cl.PlatformOverrides)
		set(v, true, "composer.lock", "platform-overrides.php = "+quote(v))
	case hasLock && lockPHP(cl.Platform) != "":
		v := lockPHP(cl.Platform)
		set(v, false, "composer.lock", "platform.php = "+quote(v))
	}

	var deps []string
	for name := range cj.Require {
		deps = append(deps, strings.ToLower(name))
	}
	sort.Strings(deps)
	r.f.Dependencies = deps

	switch {
	case contains(deps, "laravel/framework") || exists(fsys, "artisan") && exists(fsys, "bootstrap/app.php"):
		r.f.Framework = "laravel"
		if contains(deps, "laravel/framework") {
			r.evidence("framework", "composer.json", "requires laravel/framework")
		} else {
			r.evidence("framework", "artisan", "artisan and bootstrap/app.php: a Laravel app")
		}
	case contains(deps, "symfony/framework-bundle"):
		r.f.Framework = "symfony"
		r.evidence("framework", "composer.json", "requires symfony/framework-bundle")
	default:
		for _, fw := range phpFrameworks {
			if contains(deps, fw.dep) {
				r.f.Framework = fw.name
				r.evidence("framework", "composer.json", "requires "+fw.dep)
				break
			}
		}
	}
	phpAssets(fsys, r)
	if root := PHPDocRoot(r.f.Framework); root != "" && root != "public" && exists(fsys, root+"/index.php") {
		r.f.DocRoot = root
		r.evidence("doc_root", root+"/index.php", "the front controller is in "+root+"/: the web root")
	} else if exists(fsys, "public/index.php") {
		r.f.DocRoot = "public"
		r.evidence("doc_root", "public/index.php", "the front controller is in public/: the web root")
	} else if root != "" {
		r.f.DocRoot = root
		r.evidence("doc_root", "composer.json", r.f.Framework+" serves "+root+"/")
	}
	// The web server of the variant listens here: Apache on the
	// unprivileged 8080 (the default variant); FPM says 9000 itself.
	r.f.Port = 8080
	r.evidence("port", marker, "Apache on the unprivileged port 8080 (PHP-FPM: 9000)")
	return r.f, true
}

// phpAssets records a front-end build (Laravel's Vite writes public/build):
// package.json with a build script, installed with npm or Yarn 1.
func phpAssets(fsys fs.FS, r *recorder) {
	if !exists(fsys, "package.json") {
		return
	}
	pkg, ok := readPackageJSON(fsys, r)
	if !ok || pkg.Scripts["build"] == "" {
		return
	}
	for _, m := range []string{"pnpm-lock.yaml", "bun.lock", "bun.lockb"} {
		if exists(fsys, m) {
			r.warn("%s: front-end assets are built with npm or Yarn 1 only; build them before docker build or in a team template", m)
			return
		}
	}
	r.f.Assets = true
	r.evidence("assets", "package.json", "a build script: "+quote(pkg.Scripts["build"]))
	r.f.AssetManifests = []string{"package.json"}
	for _, m := range []string{"package-lock.json", "yarn.lock"} {
		if exists(fsys, m) {
			r.f.AssetManifests = append(r.f.AssetManifests, m)
			break
		}
	}
}

// readJSONManifest parses a JSON manifest into v. ok is false when the
// file is absent or malformed; a malformed file is a warning naming it.
func readJSONManifest(fsys fs.FS, r *recorder, name string, v any) bool {
	data, ok, w := readManifest(fsys, name)
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return false
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.warn("%s: invalid JSON: %s", name, jsonReason(data, err))
		return false
	}
	return true
}

// phpFrameworks are the PHP frameworks after Laravel and Symfony, by the
// package composer.json requires, with the folder their front controller
// lives in ("" when the app chooses: Slim's skeleton uses public/).
var phpFrameworks = []struct{ dep, name, docRoot string }{
	{"codeigniter4/framework", "codeigniter", "public"},
	{"cakephp/cakephp", "cakephp", "webroot"},
	{"slim/slim", "slim", ""},
}

// PHPDocRoot is the web root of a PHP framework's front controller:
// public/ for Laravel, Symfony and CodeIgniter, webroot/ for CakePHP; ""
// for none or one that leaves it to the app.
func PHPDocRoot(framework string) string {
	switch framework {
	case "laravel", "symfony":
		return "public"
	}
	for _, fw := range phpFrameworks {
		if fw.name == framework {
			return fw.docRoot
		}
	}
	return ""
}
