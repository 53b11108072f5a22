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
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

// goFramework is a Go web framework: the module that names it and the
// port it listens on when the code gives it no address (0: none of its own,
// the address is always the caller's).
type goFramework struct {
	module, name string
	port         int
	why          string // where the default port comes from
}

// goFrameworks are the web frameworks reported as Framework, in the order
// that decides when a module requires several.
var goFrameworks = []goFramework{
	{"github.com/gin-gonic/gin", "gin", 8080, "gin's Engine.Run() with no address listens on $PORT, else :8080"},
	{"github.com/labstack/echo", "echo", 0, ""},
	{"github.com/gofiber/fiber", "fiber", 0, ""},
	{"github.com/go-chi/chi", "chi", 0, ""},
	{"github.com/gorilla/mux", "gorilla/mux", 0, ""},
	{"github.com/beego/beego", "beego", 8080, "beego's HTTPPort defaults to 8080"},
	{"github.com/astaxie/beego", "beego", 8080, "beego's HTTPPort defaults to 8080"},
	{"github.com/kataras/iris", "iris", 0, ""},
}

// goFrameworkNamed is the framework of that name.
func goFrameworkNamed(name string) (goFramework, bool) {
	for _, fw := range goFrameworks {
		if fw.name == name {
			return fw, true
		}
	}
	return goFramework{}, false
}

var (
	// goListen finds ":NNNN" passed to ListenAndServe/Listen/Run/Start, or
	// net.Listen("tcp", ":NNNN") (net/http, gin's r.Run, echo's e.Start,
	// fiber's app.Listen, iris's app.Listen).
	goListen = regexp.MustCompile(`(?:ListenAndServe(?:TLS)?|Listen|Run|Start)\(\s*(?:"tcp[46]?"\s*,\s*)?"[\w.\-]*:(\d{2,5})"`)
	// goAddr finds Addr: ":NNNN" in an http.Server literal.
	goAddr = regexp.MustCompile(`Addr:\s*"[\w.\-]*:(\d{2,5})"`)
	// goPortEnv finds a read of the PORT environment variable.
	goPortEnv = regexp.MustCompile(`os\.(?:Getenv|LookupEnv)\(\s*"PORT"\s*\)`)
	// goPortFallback finds the default given when PORT is unset:
	// `if port == "" { port = "8080" }` or cmp.Or(os.Getenv("PORT"), "8080").
	goPortFallback = regexp.MustCompile(`==\s*""\s*\{\s*[\w.]+\s*=\s*":?(\d{2,5})"`)
	goPortCmpOr    = regexp.MustCompile(`Getenv\(\s*"PORT"\s*\)\s*,\s*":?(\d{2,5})"`)
	// goFlagAddr finds a flag's default address or port:
	// flag.String("addr", ":8080", ...), flag.Int("port", 8080, ...).
	goFlagAddr = regexp.MustCompile(`flag\.String(?:Var)?\(\s*(?:&[\w.]+\s*,\s*)?"[\w-]+"\s*,\s*"[\w.\-]*:(\d{2,5})"`)
	goFlagPort = regexp.MustCompile(`flag\.(?:Int|Uint)(?:Var)?\(\s*(?:&[\w.]+\s*,\s*)?"(?:port|http-port|listen-port)"\s*,\s*(\d{2,5})\s*,`)
	// goRunNoAddr is gin's r.Run() with no address.
	goRunNoAddr = regexp.MustCompile(`\.Run\(\s*\)`)
	// goModErrLine is the "go.mod:3: " or "go.mod:3:5: " prefix of a modfile error.
	goModErrLine = regexp.MustCompile(`^go\.mod:(\d+)(?::\d+)?:\s*`)
)

// detectGo detects a Go module (go.mod at the root), else Go source with
// no go.mod (a main package at the root); ok is false without either.
func detectGo(fsys fs.FS) (Facts, bool) {
	if !exists(fsys, "go.mod") {
		return detectGoNoModule(fsys)
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
		var direct []string
		for _, req := range mf.Require {
			if !req.Indirect {
				direct = append(direct, req.Mod.Path)
			}
		}
		goChooseFramework(r, "go.mod", "requires", direct)
	}
	goMain(fsys, r, modPath)
	sources := goModuleSources(fsys)
	goRuntimeFiles(fsys, r, sources)
	goCGO(r, mf, sources)
	return r.f, true
}

// detectGoNoModule detects a main package at the root with no go.mod (a
// lone main.go): nothing to copy before the source, so the build stage
// makes the module itself (go mod init, go mod tidy).
func detectGoNoModule(fsys fs.FS) (Facts, bool) {
	pkg := readGoPackage(fsys, ".")
	if !pkg.isMain {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "go"
	r.evidence("language", pkg.mainGo, "package main with func main, and no go.mod")
	r.f.PackageManager = "go"
	r.f.GoModInit = true
	r.f.FromSource = true // a manifest of another language outranks it
	reason := "no go.mod: the build stage runs go mod init and go mod tidy"
	if len(pkg.imports) > 0 {
		reason += ", which resolves " + strings.Join(pkg.imports, ", ") + " through the module proxy"
	}
	r.evidence("package_manager", pkg.mainGo, reason)
	r.warn("%s: no go.mod; the build runs go mod init and go mod tidy, which take the newest version of every import at build time; run them once and commit go.mod and go.sum for a reproducible build with a cached module download", pkg.mainGo)
	goChooseFramework(r, pkg.mainGo, "imports", pkg.imports)
	setGoMain(r, ".", pkg, "at the root")
	sources := goModuleSources(fsys)
	goRuntimeFiles(fsys, r, sources)
	goCGO(r, nil, sources)
	return r.f, true
}

// goChooseFramework sets Framework from module or import paths: the first
// of goFrameworks that one of them belongs to.
func goChooseFramework(r *recorder, file, verb string, paths []string) {
	for _, fw := range goFrameworks {
		for _, p := range paths {
			if p == fw.module || strings.HasPrefix(p, fw.module+"/") {
				r.f.Framework = fw.name
				r.evidence("framework", file, verb+" "+p)
				return
			}
		}
	}
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

// goMaxDirs and goMaxFiles bound the folders and files goModuleSources
// reads, so a huge repository stays fast; dependency and build folders are
// never entered.
const (
	goMaxDirs  = 2000
	goMaxFiles = 2000
)

// goModuleSources reads the main module's non-test .go files (folders with
// a go.mod of their own are other modules; files excluded by
// //go:build ignore are left out), in sorted order, within the bounds.
func goModuleSources(fsys fs.FS) []sourceFile {
	var out []sourceFile
	dirs, seen := []string{"."}, 0
	for len(dirs) > 0 && seen < goMaxDirs && len(out) < goMaxFiles {
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
				if !skipDir(e.Name()) && !exists(fsys, p+"/go.mod") {
					dirs = append(dirs, p)
				}
				continue
			}
			if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			if src, ok := readSource(fsys, p); ok && !ignoredByBuildTag(src) {
				out = append(out, sourceFile{p, src})
			}
		}
	}
	return out
}

// goCGO sets CGO when the main module uses cgo: a dependency that needs
// it (go.mod), else a non-test .go file of the module that imports "C".
func goCGO(r *recorder, mf *modfile.File, sources []sourceFile) {
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
	for _, s := range sources {
		if !bytes.Contains(s.src, []byte(`"C"`)) {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), s.path, s.src, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				r.f.CGO = true
				r.evidence("cgo", s.path, `imports "C": CGO_ENABLED=1 and a Debian runtime`)
				return
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
	mainGo  string       // the file declaring func main
	sources []sourceFile // non-test files of package main, for port scanning
	imports []string     // the non-standard-library imports, sorted
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
		pkg.sources = append(pkg.sources, sourceFile{p, src})
		for _, imp := range f.Imports {
			ip, err := strconv.Unquote(imp.Path.Value)
			// A standard-library path has no dot in its first element.
			if first, _, _ := strings.Cut(ip, "/"); err == nil && strings.Contains(first, ".") && !slices.Contains(pkg.imports, ip) {
				pkg.imports = append(pkg.imports, ip)
			}
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "main" {
				pkg.isMain, pkg.mainGo = true, p
			}
		}
	}
	slices.Sort(pkg.imports)
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
	goPort(r, pkg)
}

// goPort finds the port in the main package's files: a literal address
// passed to a listener, else the default used when $PORT is unset, else a
// flag's default, else the framework's own default; a server that names
// none gets 8080 by convention, a tool or worker no port at all. Reading
// $PORT sets PortEnv. A privileged port (below 1024) is moved to 8080 when
// the app reads $PORT, and warned about otherwise.
func goPort(r *recorder, pkg goPackage) {
	for _, s := range pkg.sources {
		if goPortEnv.Match(s.src) {
			r.f.PortEnv = true
			r.evidence("port_env", s.path, `reads os.Getenv("PORT")`)
			break
		}
	}
	fw, _ := goFrameworkNamed(r.f.Framework)
	found := func() (int, string, string) {
		for _, rule := range []struct {
			patterns []*regexp.Regexp
			reason   string
		}{
			{[]*regexp.Regexp{goListen, goAddr}, "listens on :%d"},
			{[]*regexp.Regexp{goPortFallback, goPortCmpOr}, "the default when a variable is unset: :%d"},
			{[]*regexp.Regexp{goFlagAddr, goFlagPort}, "a flag's default address :%d"},
		} {
			for _, s := range pkg.sources {
				if p := firstPort(s.src, rule.patterns...); p != 0 {
					warnLoopback(r, s.path, s.src, p)
					reason := fmt.Sprintf(rule.reason, p)
					if r.f.PortEnv && strings.HasPrefix(rule.reason, "the default when") {
						reason = fmt.Sprintf("listens on $PORT, else :%d", p) // the variable is PORT
					}
					return p, s.path, reason
				}
			}
		}
		for _, s := range pkg.sources {
			if fw.name == "gin" && goRunNoAddr.Match(s.src) {
				r.f.PortEnv = true
				r.evidence("port_env", s.path, "gin's Run() with no address reads PORT")
				return fw.port, s.path, fw.why + " (framework default)"
			}
		}
		if fw.name == "beego" {
			return fw.port, pkg.mainGo, fw.why + " (framework default)"
		}
		for _, s := range pkg.sources {
			if fw.name != "" || bytes.Contains(s.src, []byte(`"net/http"`)) {
				what := "net/http"
				if fw.name != "" {
					what = fw.name
				}
				return 8080, s.path, "names no address, and " + what + " has no default port: 8080 by convention"
			}
		}
		return 0, "", ""
	}
	port, file, reason := found()
	if port == 0 {
		return
	}
	port, reason = unprivilegedPort(r, file, port, reason)
	r.f.Port = port
	r.evidence("port", file, reason)
}

// goRuntimeCall finds a call that reads a file or folder at run time; the
// second submatch holds its path argument(s) as Go string literals.
var goRuntimeCalls = []*regexp.Regexp{
	// gin's LoadHTMLGlob, html/template's and text/template's ParseGlob.
	regexp.MustCompile(`\b(LoadHTMLGlob|ParseGlob)\(\s*("[^"\n]+")`),
	// gin's LoadHTMLFiles, template.ParseFiles: several paths.
	regexp.MustCompile(`\b(LoadHTMLFiles|ParseFiles)\(([^)]*)\)`),
	// http.Dir("static"), inside http.FileServer or gin's StaticFS.
	regexp.MustCompile(`\b(http\.Dir)\(\s*("[^"\n]+")`),
	// gin's Static/StaticFile, echo's Static/File, fiber's Static: (prefix, path).
	regexp.MustCompile(`\.(Static|StaticFile|File)\(\s*"[^"\n]*"\s*,\s*("[^"\n]+")`),
	// gin's c.File("path"), http.ServeFile(w, r, "path").
	regexp.MustCompile(`\.(File)\(\s*("[^"\n]+")\s*\)`),
	regexp.MustCompile(`\b(ServeFile)\(\s*\w+\s*,\s*\w+\s*,\s*("[^"\n]+")`),
	// A file read by a literal path.
	regexp.MustCompile(`\b(os\.ReadFile|os\.Open|os\.ReadDir|ioutil\.ReadFile)\(\s*("[^"\n]+")`),
	// viper's config file or search folder.
	regexp.MustCompile(`\b(SetConfigFile|AddConfigPath)\(\s*("[^"\n]+")`),
}

// beegoDefaults are the folders beego reads from its working directory
// unless configured otherwise: conf/app.conf, views (ViewsPath), static.
var beegoDefaults = []string{"conf", "views", "static"}

var goEmbedLine = regexp.MustCompile(`(?m)^//go:embed\s+(.+)$`)

// goRuntimeFiles finds the files and folders the module's code reads at run
// time by a literal path (template globs, static folders, a config file)
// that exist in the repository and are not //go:embed-ded, for the final
// stage to copy.
func goRuntimeFiles(fsys fs.FS, r *recorder, sources []sourceFile) {
	var embedded []string
	for _, s := range sources {
		for _, m := range goEmbedLine.FindAllSubmatch(s.src, -1) {
			for _, pat := range strings.Fields(string(m[1])) {
				pat = strings.TrimPrefix(strings.Trim(pat, "\"`"), "all:")
				// A pattern's folder ("static" of "static/*") is embedded too.
				embedded = append(embedded, path.Join(path.Dir(s.path), pat), path.Join(path.Dir(s.path), globDir(pat)))
			}
		}
	}
	isEmbedded := func(p string) bool {
		for _, e := range embedded {
			if ok, _ := path.Match(e, p); ok || p == e || strings.HasPrefix(p, e+"/") {
				return true
			}
		}
		return false
	}
	found := runtimeFiles(fsys, r, sources, goRuntimeCalls, isEmbedded, "embedded with //go:embed")
	if r.f.Framework == "beego" {
		for _, d := range beegoDefaults {
			if st, err := fs.Stat(fsys, d); err == nil && st.IsDir() && !isEmbedded(d) && !slices.Contains(found, d) {
				found = append(found, d)
				r.evidence("runtime_files", d, "beego reads "+d+"/ from its working directory by default, copied into the final stage")
			}
		}
		found = compactRuntimeFiles(found)
	}
	r.f.RuntimeFiles = found
}
