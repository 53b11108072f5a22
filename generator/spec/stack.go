package spec

import (
	"slices"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// Stack is what dockgen knows about rendering one language: its tools,
// its frameworks and its defaults. Each language defines its Stack in a
// file of its own (python.go, node.go, golang.go); stacks lists them in
// prompt order. The catalog holds the images; templates/<language>/ the
// Dockerfile.
type Stack struct {
	// Language is the name used by --language and the catalog.
	Language string
	// PackageManagers are the supported tools, the default first.
	PackageManagers []string
	// Frameworks are the frameworks with defaults of their own.
	Frameworks []string
	// BuildTools are the front-end bundlers the stack builds with (static
	// sites); --build-tool takes one.
	BuildTools []string
	// NewManifests are, per package manager, the manifests a new service
	// has: copied before the install step when detection found none.
	NewManifests map[string][]string
	// DefaultPort is the port when neither an answer nor detection gives
	// one; 0 for none.
	DefaultPort func(framework string) int
	// DefaultCommand is the start command of a new service.
	DefaultCommand func(s Spec) []string
	// Images picks the final and the build stage's images ("" for a
	// single-stage build).
	Images func(cat *catalog.Stack, s Spec, v catalog.Variant) (base, build string)
	// Prepare fills and validates the stack's own Spec fields after the
	// common ones (nil when it has none).
	Prepare func(s *Spec, a Answers) error
	// VariantPort is the port the variant's server listens on, whatever
	// detection says (PHP: Apache 8080, FPM 9000); nil, or 0 for a
	// variant, leaves the port to detection and DefaultPort.
	VariantPort func(variant string) int
	// NeedsPort is true when the image's own server listens on the port
	// (nginx): 0, "no port", is refused.
	NeedsPort bool
	// Warn returns one-line warnings about the finished Spec for stderr
	// (nil when the stack has none).
	Warn func(s Spec, a Answers) []string
	// Shapes are the repository shapes that change the output for a
	// package manager, for the support matrix (render.Matrix).
	Shapes func(pm string) []detect.Facts
	// FrontEnd is true when the stack may build a front end with Node.js
	// (a static site, Vite in a PHP app, a Rails JavaScript bundler): Build
	// resolves the repository's Node.js line into Spec.NodeImage before
	// Prepare, and Prepare clears it when nothing is built.
	FrontEnd bool
	// Catalog is the stack's image entry when the embedded catalog has
	// none of its own (other: any base image, debian slim by default).
	Catalog *catalog.Stack
}

// stacks are the languages dockgen renders, in prompt order.
var stacks = []*Stack{&pythonStack, &nodeStack, &goStack, &rustStack, &bunStack, &denoStack, &rubyStack, &phpStack, &elixirStack, &javaStack, &staticStack, &dotnetStack, &otherStack}

// StackFor returns the Stack of a language.
func StackFor(language string) (*Stack, bool) {
	for _, s := range stacks {
		if s.Language == language {
			return s, true
		}
	}
	return nil, false
}

// Languages lists the languages dockgen renders, in prompt order.
var Languages = func() []string {
	out := make([]string, len(stacks))
	for i, s := range stacks {
		out[i] = s.Language
	}
	return out
}()

// PackageManagers lists, per language, the supported tools, default first.
var PackageManagers = func() map[string][]string {
	out := map[string][]string{}
	for _, s := range stacks {
		out[s.Language] = s.PackageManagers
	}
	return out
}()

// Frameworks lists, per language, the frameworks with defaults of their own.
var Frameworks = func() map[string][]string {
	out := map[string][]string{}
	for _, s := range stacks {
		out[s.Language] = s.Frameworks
	}
	return out
}()

// AllPackageManagers lists every package manager once, in stack order, for
// flag completion and help.
func AllPackageManagers() []string {
	var out []string
	for _, s := range stacks {
		for _, pm := range s.PackageManagers {
			if !slices.Contains(out, pm) {
				out = append(out, pm)
			}
		}
	}
	return out
}

// DefaultPort is the port a framework of language listens on by default.
func DefaultPort(language, framework string) int {
	if s, ok := StackFor(language); ok {
		return s.DefaultPort(framework)
	}
	return 0
}

// DefaultCommand is the start command of a new service of s's stack.
func DefaultCommand(s Spec) []string {
	if st, ok := StackFor(s.Language); ok {
		return st.DefaultCommand(s)
	}
	return nil
}
