package spec

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// gemPackages are the Debian runtime libraries native gems link against:
// present in the full ruby image they compile on, missing from slim.
var gemPackages = []struct{ gem, pkg string }{
	{"pg", "libpq5"},
	{"mysql2", "libmariadb3"},
	{"ruby-vips", "libvips42t64"},
	{"image_processing", "libvips42t64"},
}

// debPackage is a Debian package name.
var debPackage = regexp.MustCompile(`^[a-z0-9][a-z0-9.+-]+$`)

var rubyStack = Stack{
	FrontEnd:        true,
	Language:        "ruby",
	PackageManagers: []string{"bundler"},
	Frameworks:      []string{"rails", "sinatra", "hanami", "roda"},
	NewManifests:    map[string][]string{"bundler": {"Gemfile", "Gemfile.lock"}},
	DefaultPort: func(fw string) int {
		switch fw {
		case "rails":
			return 3000
		case "sinatra":
			return 4567
		case "hanami":
			return 2300
		}
		return 9292
	},
	DefaultCommand: func(s Spec) []string {
		port := strconv.Itoa(s.Port)
		if s.Framework == "rails" {
			return []string{"./bin/rails", "server", "-b", "0.0.0.0", "-p", port}
		}
		return []string{"bundle", "exec", "rackup", "-o", "0.0.0.0", "-p", port}
	},
	// Gems (native extensions included) are installed on the full image;
	// the bundle runs on slim of the same line and Debian release.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.RuntimeRef(s.Version, v), stack.BuildRef(s.Version, v, s.PackageManager)
	},
	// The runtime libraries of native gems, and Node.js for a Rails app
	// whose assets a JavaScript bundler builds.
	Prepare: func(s *Spec, a Answers) error {
		s.Packages = nil
		for _, gp := range gemPackages {
			if gp.pkg != "" && slices.Contains(s.Dependencies, gp.gem) && !slices.Contains(s.Packages, gp.pkg) {
				s.Packages = append(s.Packages, gp.pkg)
			}
		}
		s.ToolImage = ""
		node := s.NodeImage
		s.NodeImage = ""
		if s.Framework != "rails" {
			s.Assets, s.AssetManifests = false, nil
		}
		for _, m := range s.AssetManifests {
			if !manifestPath.MatchString(m) {
				return errf(m, "manifest name has characters a Dockerfile cannot carry safely")
			}
		}
		if slices.Contains(s.AssetManifests, "package.json") {
			// The JavaScript bundler's Node.js, copied from the node image
			// of the repository's line: on the same Debian release as the
			// ruby images (a test keeps them in step).
			s.NodeImage = node
		}
		return checkPackages(s.Packages)
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"Gemfile", "Gemfile.lock"}},
			{Manifests: []string{"Gemfile"}},
			{Manifests: []string{"Gemfile", "Gemfile.lock"}, Assets: true, Dependencies: []string{"bootsnap", "pg", "puma", "rails"}},
			{Manifests: []string{"Gemfile", "Gemfile.lock"}, Assets: true, AssetManifests: []string{"package.json", "yarn.lock"}, Dependencies: []string{"jsbundling-rails", "mysql2"}},
			{Manifests: []string{"Gemfile", "Gemfile.lock"}, Assets: true, AssetManifests: []string{"package.json", "package-lock.json"}},
			{Manifests: []string{"Gemfile", "Gemfile.lock"}, Assets: true, AssetManifests: []string{"package.json"}},
		}
	},
}

// checkPackages validates Debian package names before they land in a RUN.
func checkPackages(pkgs []string) error {
	for _, p := range pkgs {
		if !debPackage.MatchString(p) {
			return errf("packages", "%q is not a Debian package name", p)
		}
	}
	return nil
}
