package spec

import (
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// otherStack is any stack dockgen has no template for: an official base
// image (--base, else debian slim) with the project copied in and a start
// command that must be given (--cmd). It is never detected, only chosen.
var otherStack = Stack{
	Language:        "other",
	PackageManagers: []string{"none"},
	Frameworks:      []string{},
	NewManifests:    map[string][]string{"none": nil},
	DefaultPort:     func(string) int { return 0 },
	DefaultCommand:  func(Spec) []string { return nil },
	// Nothing can guess how an unknown stack starts: Build asks for --cmd.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		return stack.Ref(s.Version, v), ""
	},
	Shapes: func(string) []detect.Facts { return []detect.Facts{{}} },
	// Not a language image: the default base is the Debian release the
	// catalog's other stacks run on, pinned (debian:13-slim).
	Catalog: &catalog.Stack{
		Language:  "other",
		Image:     "debian",
		Product:   "debian",
		Default:   "13",
		LineParts: 1,
		Lines:     []catalog.Line{{Version: "13", EOL: time.Date(2030, 6, 30, 0, 0, 0, 0, time.UTC), SecurityOnly: time.Date(2028, 8, 9, 0, 0, 0, 0, time.UTC)}},
		Variants: []catalog.Variant{{Name: "slim", Suffix: "slim", OS: "trixie",
			Architectures: []string{"amd64", "arm32v5", "arm32v7", "arm64v8", "i386", "ppc64le", "riscv64", "s390x"},
			Doc:           "Debian 13 trixie, slim (--base picks any other image)"}},
	},
}
