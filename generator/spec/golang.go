package spec

import (
	"fmt"
	"path"
	"strings"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var goStack = Stack{
	Language:        "go",
	PackageManagers: []string{"go"},
	// Web frameworks (detect/golang.go knows their modules). gin's Run()
	// and beego default to 8080; the others, like net/http, have no port
	// of their own and get 8080 by convention.
	Frameworks:     []string{"gin", "echo", "fiber", "chi", "gorilla/mux", "beego", "iris"},
	NewManifests:   map[string][]string{"go": {"go.mod", "go.sum"}},
	DefaultPort:    func(string) int { return 8080 },
	DefaultCommand: func(s Spec) []string { return []string{"/usr/local/bin/" + s.Binary} },
	// The variant names the final stage's fixed image (scratch,
	// alpine:3.24, debian:trixie-slim); the toolchain builds in golang.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.RuntimeRef(s.Version, v), stack.Ref(s.Version, v)
	},
	// The main package (detected, or --main) and the binary named after it.
	Prepare: func(s *Spec, a Answers) error {
		from := strings.TrimPrefix(s.GoMain, "./") + "/"
		if a.Main != "" {
			s.GoMain, from = a.Main, "--main"
			if s.GoMain != "." && !strings.HasPrefix(s.GoMain, "./") {
				s.GoMain = "./" + strings.TrimSuffix(s.GoMain, "/")
			}
		}
		if s.GoMain == "" {
			s.GoMain = "."
		}
		// No go.mod: nothing to copy before the source (go mod init in
		// the build stage makes the module).
		if s.GoModInit {
			s.Manifests = nil
		}
		if !goMain.MatchString(s.GoMain) {
			return errf(from, "Go main package %q: use a path of letters, digits, '.', '_', '-' and '/'", s.GoMain)
		}
		s.Binary = path.Base(s.GoMain)
		if s.Binary == "." || s.Binary == "/" {
			s.Binary = "app"
		}
		// cgo needs the C library at run time: build with CGO_ENABLED=1
		// and run on debian:trixie-slim, unless the user chose otherwise.
		if s.CGO && a.Variant == "" {
			s.Variant = "debian"
		}
		return nil
	},
	Warn: func(s Spec, a Answers) []string {
		if s.CGO && s.Variant != "debian" {
			return []string{fmt.Sprintf("the module uses cgo (see dockgen detect), but --variant %s builds with CGO_ENABLED=0: packages that import \"C\" will not compile; use --variant debian", s.Variant)}
		}
		return nil
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"go.mod", "go.sum"}, GoMain: "."},
			{Manifests: []string{"go.mod"}, GoMain: "./cmd/api"},
			{GoModInit: true, GoMain: ".", PortEnv: true, Port: 8080, RuntimeFiles: []string{"templates", "static", "config.yaml"}},
		}
	},
}
