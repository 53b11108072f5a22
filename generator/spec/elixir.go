package spec

import (
	"regexp"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// releaseName is a release name: an Elixir atom as mix release names its
// folder and bin/ script.
var releaseName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

var elixirStack = Stack{
	Language:        "elixir",
	PackageManagers: []string{"mix"},
	Frameworks:      []string{"phoenix"},
	NewManifests:    map[string][]string{"mix": {"mix.exs", "mix.lock"}},
	DefaultPort:     func(string) int { return 4000 },
	// The release's start script, named after the release.
	DefaultCommand: func(s Spec) []string { return []string{"/app/bin/" + s.App, "start"} },
	// mix release builds on the elixir image of the line (its OTP, Debian
	// with build tools); the release, ERTS included, runs on slim Debian of
	// the same release.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.RuntimeRef(s.Version, v), stack.BuildRef(s.Version, v, s.PackageManager)
	},
	// The release name lands in a COPY path and the CMD: a lowercase atom.
	Prepare: func(s *Spec, a Answers) error {
		if s.App == "" {
			s.App = "app" // a new service: mix new app
		}
		if !releaseName.MatchString(s.App) {
			return errf("mix.exs", "release name %q is not a lowercase Elixir atom (letters, digits, _)", s.App)
		}
		for _, c := range s.ConfigFiles {
			if !manifestPath.MatchString(c) {
				return errf(c, "file name has characters a Dockerfile cannot carry safely")
			}
		}
		return nil
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"mix.exs", "mix.lock"}, App: "shop"},
			{Manifests: []string{"mix.exs"}},
			{Manifests: []string{"mix.exs", "mix.lock"}, App: "shop_web", Assets: true, ConfigFiles: []string{"config/config.exs", "config/prod.exs"}},
			{Manifests: []string{"mix.exs", "mix.lock"}, App: "worker", ConfigFiles: []string{"config/config.exs"}},
		}
	},
}
