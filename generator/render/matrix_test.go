package render_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/dockgen/dockgen/templates"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// combo is one point of the support matrix.
type combo struct {
	facts   detect.Facts
	answers spec.Answers
}

func (c combo) String() string {
	a := c.answers
	return fmt.Sprintf("%s/%s/%s/%s/%s/build=%v/pmv=%s/manifests=%s", a.Language, a.Version, a.Variant, a.PackageManager,
		a.Framework, c.facts.BuildScript, c.facts.PackageManagerVersion, strings.Join(c.facts.Manifests, "+"))
}

// matrix enumerates every combination the tool supports: language x
// supported runtime line x variant x package manager x framework, plus the
// shapes that change the output (build script, lockfile or not, Yarn Berry,
// a pinned tool version, a Go main package below cmd/).
func matrix(t testing.TB) []combo {
	cat := catalog.Default()
	var out []combo
	for _, lang := range spec.Languages {
		stack, _ := cat.Stack(lang)
		for _, line := range stack.Supported(today) {
			for _, variant := range stack.VariantNames() {
				for _, pm := range spec.PackageManagers[lang] {
					for _, fw := range append([]string{"none"}, spec.Frameworks[lang]...) {
						for _, shape := range shapes(lang, pm) {
							shape.Language = lang
							shape.PackageManager = pm
							out = append(out, combo{facts: shape, answers: spec.Answers{
								Language: lang, Version: line.Version, Variant: variant,
								PackageManager: pm, Framework: fw,
							}})
						}
					}
				}
			}
		}
	}
	if len(out) < 100 {
		t.Fatalf("matrix has only %d combinations", len(out))
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

// TestEveryCombinationIsLintClean renders every supported combination and
// requires zero findings from BuildKit's parser and lint rules, plus the
// house style a user would check by eye.
func TestEveryCombinationIsLintClean(t *testing.T) {
	cat := catalog.Default()
	n := 0
	for _, c := range matrix(t) {
		s, _, err := spec.Build(c.facts, c.answers, cat, today)
		if err != nil {
			t.Errorf("%s: build spec: %v", c, err)
			continue
		}
		files, err := render.Render(templates.FS, s)
		if err != nil {
			t.Errorf("%s: render: %v", c, err)
			continue
		}
		df := string(files[0].Data)
		findings, err := lint.Dockerfile(context.Background(), "Dockerfile", files[0].Data)
		if err != nil {
			t.Fatalf("%s: lint: %v", c, err)
		}
		for _, f := range findings {
			t.Errorf("%s: %s\n%s", c, f.Format("Dockerfile"), df)
		}
		checkHouseStyle(t, c.String(), s, df)
		n++
	}
	t.Logf("%d combinations rendered, all lint-clean", n)
}

func checkHouseStyle(t *testing.T, name string, s spec.Spec, df string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(df), "\n")
	if lines[0] != "# syntax=docker/dockerfile:1" {
		t.Errorf("%s: first line is %q, want the syntax line", name, lines[0])
	}
	var froms []string
	lastUser := ""
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "FROM "):
			froms = append(froms, strings.Fields(l)[1])
			lastUser = ""
		case strings.HasPrefix(l, "USER "):
			lastUser = strings.TrimPrefix(l, "USER ")
		case strings.HasPrefix(l, "CMD "), strings.HasPrefix(l, "ENTRYPOINT "):
			if !strings.Contains(l, "[") {
				t.Errorf("%s: %q is not in exec form", name, l)
			}
		}
	}
	for _, ref := range froms {
		if ref == "scratch" {
			continue
		}
		_, tag, ok := strings.Cut(ref, ":")
		// A tag names a version or a Debian release; never latest or a
		// floating alias whose meaning changes between lines.
		floating := map[string]bool{"latest": true, "slim": true, "alpine": true, "lts": true, "current": true, "stable": true}
		if !ok || floating[tag] || !strings.ContainsAny(tag, "0123456789") && !strings.HasPrefix(tag, "trixie") {
			t.Errorf("%s: FROM %s has no explicit versioned tag", name, ref)
		}
	}
	if lastUser == "" || lastUser == "root" || strings.HasPrefix(lastUser, "0") {
		t.Errorf("%s: the final stage runs as root (USER %q)", name, lastUser)
	}
	if s.Port != 0 && !strings.Contains(df, fmt.Sprintf("\nEXPOSE %d\n", s.Port)) {
		t.Errorf("%s: no EXPOSE %d", name, s.Port)
	}
	// Manifests are copied and installed before the source.
	copyManifests := strings.Index(df, "COPY "+strings.Join(s.Manifests, " ")+" ./")
	copySource := strings.Index(df, "COPY . .")
	if copyManifests < 0 && !(s.Language == "python" && s.PackageManager == "pip" && !contains(s.Manifests, "requirements.txt")) {
		t.Errorf("%s: the manifests %v are not copied on their own", name, s.Manifests)
	}
	if copyManifests >= 0 && copySource >= 0 && copyManifests > copySource {
		t.Errorf("%s: the source is copied before the manifests", name)
	}
	if s.BuildImage != "" && s.Language == "go" && strings.Contains(df[strings.LastIndex(df, "FROM "):], "go build") {
		t.Errorf("%s: the final stage runs the toolchain", name)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
