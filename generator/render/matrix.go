package render

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/spec"
)

// Case is one point of the support matrix: the facts of a repository
// shape and the answers that pick a stack.
type Case struct {
	Facts   detect.Facts
	Answers spec.Answers
}

// String names the case, e.g. "python/3.14/slim/pip/flask/build=false/pmv=/manifests=requirements.txt".
func (c Case) String() string {
	a := c.Answers
	s := fmt.Sprintf("%s/%s/%s/%s/%s/build=%v/pmv=%s/manifests=%s", a.Language, a.Version, a.Variant, a.PackageManager,
		a.Framework, c.Facts.BuildScript, c.Facts.PackageManagerVersion, strings.Join(c.Facts.Manifests, "+"))
	if c.Facts.NginxConfig != "" {
		s += "/nginx=" + c.Facts.NginxConfigKind + ":" + c.Facts.NginxConfig
	}
	if c.Facts.EntrypointScript != "" {
		s += "/entrypoint=" + c.Facts.EntrypointScript
	}
	return s
}

// Matrix enumerates every combination dockgen supports on the given day:
// language x supported runtime line x variant x package manager x
// framework, times the repository shapes that change the output (build
// script, lockfile or not, Yarn Berry, a pinned tool version, a Go main
// package below cmd/). The matrix test and `dockgen templates test` render
// every case.
func Matrix(cat *catalog.Catalog, now time.Time) []Case {
	var out []Case
	for _, lang := range spec.Languages {
		stack, ok := cat.Stack(lang)
		def, _ := spec.StackFor(lang)
		if !ok && def.Catalog != nil {
			stack, ok = def.Catalog, true
		}
		if !ok {
			continue
		}
		for _, line := range stack.Supported(now) {
			for _, variant := range stack.VariantNames() {
				for _, pm := range spec.PackageManagers[lang] {
					for _, fw := range append([]string{"none"}, spec.Frameworks[lang]...) {
						shapes := def.Shapes(pm)
						if fw == "none" && line.Version == stack.Supported(now)[0].Version {
							// The repository's own entrypoint script (in bin/, which Go's
							// .dockerignore leaves out), once per
							// variant and package manager.
							own := shapes[0]
							own.EntrypointScript, own.EntrypointShell = "bin/docker-entrypoint", "/bin/bash -e"
							shapes = append(slices.Clone(shapes), own)
						}
						for _, shape := range shapes {
							shape.Language = lang
							shape.PackageManager = pm
							a := spec.Answers{
								Language: lang, Version: line.Version, Variant: variant,
								PackageManager: pm, Framework: fw,
							}
							if def.DefaultCommand(spec.Spec{Language: lang}) == nil {
								// A stack with no default start command (other) is always given one.
								a.Cmd = "./run --serve"
							}
							out = append(out, Case{Facts: shape, Answers: a})
						}
						if fw == "none" && def.DefaultCommand(spec.Spec{Language: lang}) != nil {
							// An app that reads $PORT, started as a Procfile's
							// web: line with shell syntax is (sh -c exec).
							shape := def.Shapes(pm)[0]
							shape.Language, shape.PackageManager = lang, pm
							shape.PortEnv, shape.Port = true, 8080
							shape.Command = []string{"sh", "-c", "exec ./serve --port $PORT"}
							out = append(out, Case{Facts: shape, Answers: spec.Answers{
								Language: lang, Version: line.Version, Variant: variant, PackageManager: pm, Framework: fw,
							}})
						}
					}
				}
			}
		}
	}
	return out
}
