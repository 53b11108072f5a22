package render

import (
	"fmt"
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
	return fmt.Sprintf("%s/%s/%s/%s/%s/build=%v/pmv=%s/manifests=%s", a.Language, a.Version, a.Variant, a.PackageManager,
		a.Framework, c.Facts.BuildScript, c.Facts.PackageManagerVersion, strings.Join(c.Facts.Manifests, "+"))
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
		if !ok {
			continue
		}
		for _, line := range stack.Supported(now) {
			for _, variant := range stack.VariantNames() {
				for _, pm := range spec.PackageManagers[lang] {
					for _, fw := range append([]string{"none"}, spec.Frameworks[lang]...) {
						for _, shape := range shapes(lang, pm) {
							shape.Language = lang
							shape.PackageManager = pm
							out = append(out, Case{Facts: shape, Answers: spec.Answers{
								Language: lang, Version: line.Version, Variant: variant,
								PackageManager: pm, Framework: fw,
							}})
						}
					}
				}
			}
		}
	}
	return out
}

// shapes are the repository shapes that change a stack's output.
func shapes(lang, pm string) []detect.Facts {
	switch lang {
	case "python":
		switch pm {
		case "pip":
			return []detect.Facts{{Manifests: []string{"requirements.txt"}}, {Manifests: []string{"pyproject.toml"}}, {Manifests: []string{"requirements.txt", "constraints.txt"}}}
		case "poetry":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "poetry.lock"}}, {Manifests: []string{"pyproject.toml", "poetry.lock"}, PackageManagerVersion: "2.1.3"}}
		case "uv":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "uv.lock"}}, {Manifests: []string{"pyproject.toml"}}}
		case "pipenv":
			return []detect.Facts{{Manifests: []string{"Pipfile", "Pipfile.lock"}}, {Manifests: []string{"Pipfile"}}}
		}
	case "node":
		lock := map[string]string{"npm": "package-lock.json", "yarn": "yarn.lock", "pnpm": "pnpm-lock.yaml"}[pm]
		var out []detect.Facts
		for _, build := range []bool{false, true} {
			out = append(out,
				detect.Facts{Manifests: []string{"package.json", lock}, BuildScript: build},
				detect.Facts{Manifests: []string{"package.json"}, BuildScript: build})
			switch pm {
			case "yarn":
				out = append(out, detect.Facts{Manifests: []string{"package.json", "yarn.lock", ".yarnrc.yml"}, PackageManagerVersion: "4.5.0", BuildScript: build})
			case "pnpm":
				out = append(out, detect.Facts{Manifests: []string{"package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"}, PackageManagerVersion: "9.12.0", BuildScript: build})
			}
		}
		return out
	case "go":
		return []detect.Facts{{Manifests: []string{"go.mod", "go.sum"}, GoMain: "."}, {Manifests: []string{"go.mod"}, GoMain: "./cmd/api"}}
	}
	return []detect.Facts{{}}
}
