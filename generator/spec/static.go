package spec

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// staticOutputs are the folders each build tool writes, the default when
// detection did not read one from the project's config (SvelteKit, which
// builds with Vite, writes build/).
var staticOutputs = map[string]string{
	"vite": "dist", "cra": "build", "angular": "dist/app/browser", "vue-cli": "dist",
	"webpack": "dist", "parcel": "dist", "astro": "dist", "next": "out",
}

// staticTools are the build tools of a new site, per framework; Vite for
// the other UI libraries and for none.
var staticTools = map[string]string{"angular": "angular", "astro": "astro", "next": "next"}

// staticSites are the site frameworks: pages per route, no single-page
// fallback.
var staticSites = []string{"astro", "sveltekit", "next"}

// staticPlain is the folder nginx serves for a site with nothing to build.
var staticPlain = []string{".", "public"}

var staticStack = Stack{
	Language: "static",
	// "none" is a plain HTML site; the Node.js managers build one.
	PackageManagers: []string{"none", "npm", "yarn", "pnpm"},
	// A single-page app's framework is its UI library; the bundler is
	// its build tool.
	Frameworks: []string{"react", "vue", "angular", "svelte", "solid", "preact", "lit", "astro", "sveltekit", "next"},
	BuildTools: []string{"vite", "cra", "angular", "vue-cli", "webpack", "parcel", "astro", "next"},
	NewManifests: map[string][]string{
		"npm":  {"package.json", "package-lock.json"},
		"yarn": {"package.json", "yarn.lock"},
		"pnpm": {"package.json", "pnpm-lock.yaml"},
	},
	// nginx listens on an unprivileged port so it runs as its user nginx.
	DefaultPort: func(string) int { return 8080 },
	NeedsPort:   true,
	DefaultCommand: func(s Spec) []string {
		if s.NginxPid {
			// The repository's nginx.conf sets no pid file: put it where
			// the user nginx may write.
			return []string{"nginx", "-g", "pid /tmp/nginx.pid; daemon off;"}
		}
		return []string{"nginx", "-g", "daemon off;"}
	},
	// nginx serves the site; a build runs in the node image of the line
	// the repository asks for (.nvmrc and the like), whatever the variant:
	// only the built files, which need no libc, reach nginx.
	FrontEnd: true,
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.Ref(s.Version, v), s.NodeImage
	},
	// A Node.js package manager means a build; the folder nginx serves is
	// the build's output, or the repository (or public/) for plain HTML.
	Prepare: func(s *Spec, a Answers) error {
		if err := prepareNginx(s); err != nil {
			return err
		}
		s.BuildScript = s.PackageManager != "none"
		if !s.BuildScript {
			s.Framework, s.BuildTool, s.NodeImage = "", "", ""
			if !slices.Contains(staticPlain, s.OutputDir) {
				s.OutputDir = "."
			}
			return nil
		}
		if s.BuildTool == "" {
			s.BuildTool = staticTools[s.Framework]
			if s.BuildTool == "" {
				s.BuildTool = "vite"
			}
		}
		s.SPA = !slices.Contains(staticSites, s.Framework)
		if s.OutputDir == "" || slices.Contains(staticPlain, s.OutputDir) {
			s.OutputDir = staticOutputs[s.BuildTool]
			if s.Framework == "sveltekit" {
				s.OutputDir = "build"
			}
			if s.OutputDir == "" {
				s.OutputDir = "dist"
			}
		}
		if !manifestPath.MatchString(s.OutputDir) || slices.Contains(strings.Split(s.OutputDir, "/"), "..") {
			return errf("output folder", "%q: use a folder of the repository made of letters, digits, '.', '_', '-' and '/'", s.OutputDir)
		}
		return nil
	},
	Shapes: func(pm string) []detect.Facts {
		switch pm {
		case "none":
			return []detect.Facts{{OutputDir: "."}, {OutputDir: "public"},
				// The repository's own nginx.conf, with no pid file.
				{OutputDir: ".", NginxConfig: "nginx.conf", NginxConfigKind: "main", NginxPid: true, SiteRoot: "/var/www/site"}}
		case "yarn":
			return []detect.Facts{
				{Manifests: []string{"package.json", "yarn.lock"}, BuildScript: true},
				{Manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, PackageManagerVersion: "4.5.0", BuildScript: true},
			}
		case "pnpm":
			return []detect.Facts{{Manifests: []string{"package.json", "pnpm-lock.yaml"}, PackageManagerVersion: "9.12.0", BuildScript: true}}
		}
		return []detect.Facts{
			{Manifests: []string{"package.json", "package-lock.json"}, BuildScript: true},
			{Manifests: []string{"package.json"}, BuildScript: true, OutputDir: "dist/web/browser"},
			// The repository's own server block, in a folder or as nginx.conf.
			{Manifests: []string{"package.json", "package-lock.json"}, BuildScript: true, NginxConfig: "nginx/default.conf", NginxConfigKind: "server", Port: 8080},
			{Manifests: []string{"package.json", "package-lock.json"}, BuildScript: true, NginxConfig: "nginx.conf", NginxConfigKind: "server", Port: 80},
		}
	},
}

// prepareNginx decides which nginx.conf the image runs: the repository's
// own (NginxConfigKind "main"), or dockgen's, which includes the
// repository's server block when it has one; and where the site goes.
func prepareNginx(s *Spec) error {
	switch s.NginxConfigKind {
	case "main":
		s.NginxFile = ""
	case "server":
		s.NginxFile = "nginx.conf"
		if s.NginxConfig == "nginx.conf" {
			// The repository's server block has the name; dockgen's
			// configuration takes another, and never replaces it.
			s.NginxFile = "nginx.dockgen.conf"
		}
	default:
		s.NginxConfig, s.NginxConfigKind, s.NginxFile = "", "", "nginx.conf"
	}
	if s.NginxConfig != "" && !manifestPath.MatchString(s.NginxConfig) {
		return errf(s.NginxConfig, "the name has characters a Dockerfile cannot carry safely")
	}
	if s.SiteRoot == "" {
		s.SiteRoot = "/usr/share/nginx/html"
	}
	if !sitePath.MatchString(s.SiteRoot) || slices.Contains(strings.Split(s.SiteRoot, "/"), "..") {
		return errf("root", "%q: nginx's root must be an absolute path of letters, digits, '.', '_', '-' and '/'", s.SiteRoot)
	}
	return nil
}

var sitePath = regexp.MustCompile(`^(/[A-Za-z0-9._-]+)+$`)
