package detect

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Files a compiled program reads at run time (Go, Rust): found in its
// source by the calls that take a literal path, copied into the final stage.

// sourceFile is one source file's path and contents.
type sourceFile struct {
	path string
	src  []byte
}

var (
	// stringLit is a double-quoted string literal (Go, Rust).
	stringLit = regexp.MustCompile(`"((?:[^"\\\n]|\\.)*)"`)
	// runtimePath is a path the Dockerfile can name as it is.
	runtimePath = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$`)
)

// runtimeFiles scans sources with calls (each regexp's first submatch
// names the call, the second holds its path argument(s) as string
// literals) and returns the paths to copy, with evidence; a path for which
// embedded is true is noted as embedded (by how) and left out, one in a
// build or dependency folder is warned about and left out.
func runtimeFiles(fsys fs.FS, r *recorder, sources []sourceFile, calls []*regexp.Regexp, embedded func(string) bool, how string) []string {
	var found []string
	for _, s := range sources {
		for _, re := range calls {
			for _, m := range re.FindAllSubmatch(s.src, -1) {
				for _, lit := range stringLit.FindAllSubmatch(m[2], -1) {
					arg := string(lit[1])
					// Build output and dependency folders are never read
					// here, and the .dockerignore keeps them out.
					if top, _, _ := strings.Cut(path.Clean(arg), "/"); skipDirs[top] || top == "bin" {
						r.warn("%s: %s(%q) reads %s at run time, a build or dependency folder the .dockerignore keeps out; not copied into the image", s.path, m[1], arg, top)
						continue
					}
					for _, p := range runtimePathsOf(fsys, arg) {
						switch {
						case embedded != nil && embedded(p):
							r.evidence("runtime_files", s.path, fmt.Sprintf("%s(%q): %s, not copied", m[1], arg, how))
						case !slices.Contains(found, p):
							found = append(found, p)
							r.evidence("runtime_files", s.path, fmt.Sprintf("%s(%q): %s is read at run time, copied into the final stage", m[1], arg, p))
						}
					}
				}
			}
		}
	}
	return compactRuntimeFiles(found)
}

// runtimePathsOf turns a path argument into what to copy: the folder a glob
// lies in ("templates/*.tmpl.html" -> templates), or the files it matches at
// the root ("*.html"); a plain path when it exists. Absolute paths, paths
// leaving the repository and paths that do not exist give nothing.
func runtimePathsOf(fsys fs.FS, arg string) []string {
	if arg == "" || path.IsAbs(arg) {
		return nil
	}
	p := path.Clean(arg)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || !fs.ValidPath(p) {
		return nil
	}
	if strings.ContainsAny(p, "*?[") {
		dir := globDir(p)
		if dir == "." {
			matches, _ := fs.Glob(fsys, p)
			var out []string
			for _, m := range matches {
				if exists(fsys, m) && runtimePath.MatchString(m) {
					out = append(out, m)
				}
			}
			return out
		}
		p = dir
	}
	if _, err := fs.Stat(fsys, p); err != nil || !runtimePath.MatchString(p) {
		return nil
	}
	return []string{p}
}

// compactRuntimeFiles sorts the paths and drops those inside another one.
func compactRuntimeFiles(paths []string) []string {
	slices.Sort(paths)
	var out []string
	for _, p := range paths {
		if slices.ContainsFunc(out, func(o string) bool { return strings.HasPrefix(p, o+"/") }) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// globDir is the folder a glob pattern lies in: its elements before the
// first one with a wildcard ("." when that is the first).
func globDir(pattern string) string {
	var dir []string
	for _, el := range strings.Split(pattern, "/") {
		if strings.ContainsAny(el, "*?[") {
			break
		}
		dir = append(dir, el)
	}
	if len(dir) == 0 {
		return "."
	}
	return strings.Join(dir, "/")
}
