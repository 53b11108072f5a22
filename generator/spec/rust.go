package spec

import (
	"regexp"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// rustBinary is a Cargo binary target name: it lands in a RUN line and in
// paths, so nothing but Cargo's own name characters.
var rustBinary = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

var rustStack = Stack{
	Language:        "rust",
	PackageManagers: []string{"cargo"},
	// Web frameworks (detect/rust.go knows them). Rocket listens on 8000
	// by default; the others bind what the code says, 8080 by convention.
	Frameworks:   []string{"axum", "actix-web", "rocket", "warp", "poem", "salvo", "tide", "hyper"},
	NewManifests: map[string][]string{"cargo": {"Cargo.toml", "Cargo.lock"}},
	DefaultPort: func(fw string) int {
		if fw == "rocket" {
			return 8000
		}
		return 8080
	},
	DefaultCommand: func(s Spec) []string { return []string{"/usr/local/bin/" + s.Binary} },
	// The library carries one pinned Rust line (the newest stable, the
	// default) plus the floating "1" tag. A version it no longer carries (a
	// rust-toolchain pin, --runtime-version 1.85) builds in the default
	// line's image, where rustup installs that toolchain; the final stage
	// is debian:trixie-slim either way.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		line := s.Version
		if l, ok := stack.Line(line); !ok || l.Retired {
			line = stack.Default
		}
		return stack.RuntimeRef(line, v), stack.Ref(line, v)
	},
	// The binary target: detected, or --main NAME.
	Prepare: func(s *Spec, a Answers) error {
		from := "Cargo.toml"
		if a.Main != "" {
			s.Binary, from = a.Main, "--main"
		}
		if s.Binary == "" {
			s.Binary = "app"
		}
		if !rustBinary.MatchString(s.Binary) {
			return errf(from, "Rust binary name %q: use letters, digits, '_' and '-'", s.Binary)
		}
		return nil
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"Cargo.toml", "Cargo.lock"}, Binary: "api", Port: 8080},
			{Manifests: []string{"Cargo.toml", "Cargo.lock", "rust-toolchain.toml"}, Binary: "tool"},
			{Manifests: []string{"Cargo.toml", "Cargo.lock"}, Binary: "web", Port: 8000, PortEnv: true, RuntimeFiles: []string{"configuration", "static", "Rocket.toml"}},
		}
	},
}
