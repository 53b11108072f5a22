package detect

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// goFrameworks are HTTP libraries noted as framework evidence only: a Go
// service builds to a binary, so Framework stays "".
var goFrameworks = []string{
	"github.com/go-chi/chi", "github.com/gin-gonic/gin", "github.com/labstack/echo",
	"github.com/gofiber/fiber", "github.com/gorilla/mux",
}

var (
	// goListen finds ":NNNN" passed to ListenAndServe/Listen/Run/Start, or
	// net.Listen("tcp", ":NNNN").
	goListen = regexp.MustCompile(`(?:ListenAndServe(?:TLS)?|Listen|Run|Start)\(\s*(?:"tcp[46]?"\s*,\s*)?"[\w.\-]*:(\d{2,5})"`)
	// goAddr finds Addr: ":NNNN" in an http.Server literal.
	goAddr = regexp.MustCompile(`Addr:\s*"[\w.\-]*:(\d{2,5})"`)
	// goModErrLine is the "go.mod:3: " or "go.mod:3:5: " prefix of a modfile error.
	goModErrLine = regexp.MustCompile(`^go\.mod:(\d+)(?::\d+)?:\s*`)
)

// detectGo detects a Go module (go.mod at the root); ok is false without
// one.
func detectGo(fsys fs.FS) (Facts, bool) {
	if !exists(fsys, "go.mod") {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "go"
	r.evidence("language", "go.mod", "go.mod exists")
	r.f.PackageManager = "go"
	r.evidence("package_manager", "go.mod", "Go modules")
	r.manifests(fsys, "go.mod", "go.sum")

	modPath := ""
	mf := readGoMod(fsys, r)
	if mf != nil {
		if mf.Module != nil {
			modPath = mf.Module.Mod.Path
		}
		switch {
		case mf.Toolchain != nil && strings.HasPrefix(mf.Toolchain.Name, "go"):
			v := strings.TrimPrefix(mf.Toolchain.Name, "go")
			r.f.Version = VersionReq{Raw: v, Pinned: true, Source: "go.mod"}
			r.evidence("version", "go.mod", "toolchain "+mf.Toolchain.Name)
		case mf.Go != nil && mf.Go.Version != "":
			r.f.Version = VersionReq{Raw: mf.Go.Version, Pinned: false, Source: "go.mod"}
			r.evidence("version", "go.mod", "go "+mf.Go.Version+" (minimum)")
		}
		for _, req := range mf.Require {
			if req.Indirect {
				continue
			}
			for _, fw := range goFrameworks {
				if req.Mod.Path == fw || strings.HasPrefix(req.Mod.Path, fw+"/") {
					r.evidence("framework", "go.mod", "requires "+req.Mod.Path+" (a library; Framework stays empty for Go)")
				}
			}
		}
	}
	goMain(fsys, r, modPath)
	goCGO(fsys, r, mf)
	return r.f, true
}

// goCGODeps are modules that only build with cgo (they wrap a C library),
// so a module requiring one needs CGO_ENABLED=1 and a C library at run
// time even when none of its own files imports "C".
var goCGODeps = []string{
	"github.com/mattn/go-sqlite3",
	"github.com/confluentinc/confluent-kafka-go",
	"github.com/linxGnu/grocksdb",
	"github.com/tecbot/gorocksdb",
	"github.com/davidbyttow/govips",
	"github.com/h2non/bimg",
	"gopkg.in/gographics/imagick.v3",
	"github.com/go-gl/glfw",
}

// goCGOMaxDirs bounds the folders goCGO reads, so a huge repository stays
// fast; dependency and build folders are never entered.
const goCGOMaxDirs = 2000

// goCGO sets CGO when the main module uses cgo: a dependency that needs
// it (go.mod), else a non-test .go file of the module that imports "C".
func goCGO(fsys fs.FS, r *recorder, mf *modfile.File) {
	if mf != nil {
		for _, req := range mf.Require {
			for _, dep := range goCGODeps {
				if req.Mod.Path == dep || strings.HasPrefix(req.Mod.Path, dep+"/") {
					r.f.CGO = true
					r.evidence("cgo", "go.mod", "requires "+req.Mod.Path+", which needs cgo: CGO_ENABLED=1 and a Debian runtime")
					return
				}
			}
		}
	}
	dirs, seen := []string{"."}, 0
	for len(dirs) > 0 && seen < goCGOMaxDirs {
		dir := dirs[0]
		dirs = dirs[1:]
		seen++
		entries, err := fs.ReadDir(fsys, dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			p := path.Join(dir, e.Name())
			if e.IsDir() {
				// A folder with its own go.mod is another module.
				if !skipDir(e.Name()) && !exists(fsys, p+"/go.mod") {
					dirs = append(dirs, p)
				}
				continue
			}
			if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			src, ok := readSource(fsys, p)
			if !ok || !bytes.Contains(src, []byte(`"C"`)) || ignoredByBuildTag(src) {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
			if err != nil {
				continue
			}
			for _, imp := range f.Imports {
				if imp.Path.Value == `"C"` {
					r.f.CGO = true
					r.evidence("cgo", p, `imports "C": CGO_ENABLED=1 and a Debian runtime`)
					return
				}
			}
		}
	}
}

// readGoMod parses go.mod with modfile; nil when it cannot be read or
// parsed (recorded as a warning).
func readGoMod(fsys fs.FS, r *recorder) *modfile.File {
	data, ok, w := readManifest(fsys, "go.mod")
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return nil
	}
	mf, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		msg := oneLine(err.Error())
		if m := goModErrLine.FindStringSubmatch(msg); m != nil {
			msg = "line " + m[1] + ": " + msg[len(m[0]):]
		}
		r.warn("go.mod: invalid go.mod: %s", msg)
		return nil
	}
	return mf
}

// goPackage is what detection learns from one folder's Go files.
type goPackage struct {
	isMain  bool
	mainGo  string     // the file declaring func main
	sources []goSource // non-test files of package main, for port scanning
}

// goSource is one Go file's path and contents.
type goSource struct {
	path string
	src  []byte
}

// readGoPackage parses the non-test .go files of dir (package clause and
// declarations only), ignoring files excluded by //go:build ignore.
func readGoPackage(fsys fs.FS, dir string) goPackage {
	var pkg goPackage
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return pkg
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		p := path.Join(dir, name)
		src, ok := readSource(fsys, p)
		if !ok || ignoredByBuildTag(src) {
			continue
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil || f.Name.Name != "main" {
			continue
		}
		pkg.sources = append(pkg.sources, goSource{p, src})
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "main" {
				pkg.isMain, pkg.mainGo = true, p
			}
		}
	}
	return pkg
}

// ignoredByBuildTag reports whether the file's //go:build line excludes it
// from every build (the conventional //go:build ignore).
func ignoredByBuildTag(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			return false
		}
		if constraint.IsGoBuild(line) {
			expr, err := constraint.Parse(line)
			if err != nil {
				return false
			}
			return !expr.Eval(func(tag string) bool { return tag != "ignore" })
		}
	}
	return false
}

// goMain finds the main package: the root, else cmd/<name> (one, or the
// one named like the module, else the first), else a top-level folder.
func goMain(fsys fs.FS, r *recorder, modPath string) {
	if pkg := readGoPackage(fsys, "."); pkg.isMain {
		setGoMain(r, ".", pkg, "at the root")
		return
	}
	var names []string
	pkgs := map[string]goPackage{}
	if entries, err := fs.ReadDir(fsys, "cmd"); err == nil {
		for _, e := range entries {
			if !e.IsDir() || skipDir(e.Name()) {
				continue
			}
			if pkg := readGoPackage(fsys, "cmd/"+e.Name()); pkg.isMain {
				names = append(names, e.Name())
				pkgs[e.Name()] = pkg
			}
		}
	}
	if len(names) == 0 {
		goMainTopLevel(fsys, r)
		return
	}
	chosen, why := names[0], "the only main package under cmd/"
	if len(names) > 1 {
		why = "first in sorted order"
		last := moduleName(modPath)
		for _, n := range names {
			if n == last {
				chosen, why = n, "named like the module "+quote(modPath)
				break
			}
		}
		r.warn("cmd/: several main packages (%s); building ./cmd/%s (%s); pass --main to build another",
			strings.Join(names, ", "), chosen, why)
		for _, n := range names {
			r.f.Mains = append(r.f.Mains, "./cmd/"+n)
		}
	}
	setGoMain(r, "./cmd/"+chosen, pkgs[chosen], why)
}

// goMainTopLevel looks one folder deep for a single main package when
// neither the root nor cmd/ holds one.
func goMainTopLevel(fsys fs.FS, r *recorder) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return
	}
	var names []string
	var first goPackage
	for _, e := range entries {
		if !e.IsDir() || skipDir(e.Name()) || e.Name() == "cmd" || e.Name() == "internal" || e.Name() == "pkg" {
			continue
		}
		if pkg := readGoPackage(fsys, e.Name()); pkg.isMain {
			if names == nil {
				first = pkg
			}
			names = append(names, e.Name())
		}
	}
	switch len(names) {
	case 0:
		r.warn("go.mod: no main package at the root, under cmd/ or in a top-level folder; pass --main to say what to build")
		return
	case 1:
		setGoMain(r, "./"+names[0], first, "the only main package")
	default:
		setGoMain(r, "./"+names[0], first, "first in sorted order")
		r.warn("%s: several main packages (%s); building ./%s; pass --main to build another", names[0], strings.Join(names, ", "), names[0])
		for _, n := range names {
			r.f.Mains = append(r.f.Mains, "./"+n)
		}
	}
}

// moduleName is the last element of a module path without a /vN suffix.
func moduleName(modPath string) string {
	prefix, _, ok := module.SplitPathVersion(modPath)
	if !ok {
		prefix = modPath
	}
	return prefix[strings.LastIndex(prefix, "/")+1:]
}

// setGoMain records the main package and scans its files for a port.
func setGoMain(r *recorder, dir string, pkg goPackage, why string) {
	r.f.GoMain = dir
	r.evidence("entrypoint", pkg.mainGo, "package main with func main, "+why)
	for _, s := range pkg.sources {
		if p := firstPort(s.src, goListen, goAddr); p != 0 {
			r.f.Port = p
			r.evidence("port", s.path, fmt.Sprintf("listens on :%d", p))
			return
		}
	}
	// No address in the code: a server still gets the conventional 8080,
	// a command-line tool or worker gets no port at all.
	for _, s := range pkg.sources {
		if bytes.Contains(s.src, []byte(`"net/http"`)) {
			r.f.Port = 8080
			r.evidence("port", s.path, "imports net/http but names no address; Go default 8080")
			return
		}
	}
}
