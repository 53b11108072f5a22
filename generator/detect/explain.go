package detect

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// managerFiles are, per language, the files that each name a package
// manager. When files of more than one manager exist, the ones that lost
// become candidates of the package_manager evidence. A stack plugs in with
// one row; the order only matters for the listing, not for the choice,
// which stays the detector's.
var managerFiles = map[string][]struct{ file, manager string }{
	"python": pythonLocks,
	"node":   nodeLocks,
	"java": {
		{"pom.xml", "maven"}, {"build.gradle.kts", "gradle"}, {"build.gradle", "gradle"},
	},
}

// frameworkDeps are, per language, the direct dependencies that make a
// framework, in the detector's order. When several are declared, the
// frameworks that lost become candidates of the framework evidence. A
// base framework is one others are built on (express under NestJS or a
// Next.js custom server, starlette under FastAPI): beside a framework
// that is not a base, it is expected, not an ambiguity.
var frameworkDeps = map[string][]frameworkDep{
	"python": {
		{"django", "django", false}, {"fastapi", "fastapi", false}, {"flask", "flask", false},
		{"starlette", "starlette", true}, {"streamlit", "streamlit", false},
		// pythonWebFramework's order; aiohttp and tornado are often
		// libraries (an HTTP client, an event loop) beside another.
		{"sanic", "sanic", false}, {"litestar", "litestar", false}, {"falcon", "falcon", false},
		{"bottle", "bottle", false}, {"tornado", "tornado", true}, {"aiohttp", "aiohttp", true},
	},
	"node": jsFrameworkDeps(),
	"bun":  jsFrameworkDeps(),
}

// jsFrameworkDeps is frameworkDeps' rows for Node.js and Bun, from the
// detector's own table.
func jsFrameworkDeps() []frameworkDep {
	var out []frameworkDep
	for _, fw := range nodeFrameworks {
		for _, d := range fw.deps {
			out = append(out, frameworkDep{d, fw.name, fw.base})
		}
	}
	return out
}

// frameworkDep is a dependency that makes a framework.
type frameworkDep struct {
	dep, framework string
	base           bool
}

// explainChoices adds, for the package manager and the framework, the
// candidates detection saw but did not choose, with the rule that chose;
// an ambiguity no detector reported becomes a warning naming the files.
func explainChoices(fsys fs.FS, f *Facts) {
	explainManager(fsys, f)
	explainFramework(f)
}

func explainManager(fsys fs.FS, f *Facts) {
	table := managerFiles[f.Language]
	i := evidenceIndex(f, "package_manager")
	if i < 0 || len(table) == 0 {
		return
	}
	var order, lost, lostFiles []string
	var cands []Candidate
	for _, m := range table {
		order = append(order, m.file)
		if exists(fsys, m.file) && m.manager != f.PackageManager && m.file != f.Evidence[i].File {
			cands = append(cands, Candidate{Value: m.manager, File: m.file, Reason: m.file + " exists"})
			lostFiles = append(lostFiles, m.file)
			if !slices.Contains(lost, m.manager) {
				lost = append(lost, m.manager)
			}
		}
	}
	if len(cands) == 0 {
		return
	}
	e := &f.Evidence[i]
	e.Candidates = append(e.Candidates, cands...)
	if slices.Contains(order, e.File) {
		e.Rule = "the first of " + strings.Join(order, ", ")
	} else {
		e.Rule = e.File + " (" + e.Reason + ") beats the lockfiles"
	}
	if !warned(f, lostFiles) {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s: files of several package managers (%s also found); using %s; pass --package-manager to choose another",
			e.File, strings.Join(lostFiles, ", "), f.PackageManager))
	}
}

func explainFramework(f *Facts) {
	table := frameworkDeps[f.Language]
	i := evidenceIndex(f, "framework")
	if i < 0 || f.Framework == "" || len(table) == 0 {
		return
	}
	winnerIsBase := false
	for _, d := range table {
		if d.framework == f.Framework {
			winnerIsBase = d.base
		}
	}
	var cands []Candidate
	var names []string
	for _, d := range table {
		if d.base && !winnerIsBase {
			continue // the framework it is built on
		}
		if d.framework != f.Framework && slices.Contains(f.Dependencies, d.dep) && !slices.Contains(names, d.framework) {
			cands = append(cands, Candidate{Value: d.framework, File: f.Evidence[i].File, Reason: "depends on " + d.dep})
			names = append(names, d.framework)
		}
	}
	if len(cands) == 0 {
		return
	}
	e := &f.Evidence[i]
	e.Candidates = append(e.Candidates, cands...)
	e.Rule = "the first framework in " + f.Language + "'s order"
	f.Warnings = append(f.Warnings, fmt.Sprintf("%s: several frameworks (%s, %s); using %s; pass --framework to choose another",
		e.File, f.Framework, strings.Join(names, ", "), f.Framework))
}

// evidenceIndex is the index of field's first evidence entry, -1 if none.
func evidenceIndex(f *Facts, field string) int {
	for i, e := range f.Evidence {
		if e.Field == field {
			return i
		}
	}
	return -1
}

// warned reports whether some warning already names every one of files.
func warned(f *Facts, files []string) bool {
	for _, w := range f.Warnings {
		all := true
		for _, file := range files {
			all = all && strings.Contains(w, file)
		}
		if all {
			return true
		}
	}
	return false
}
