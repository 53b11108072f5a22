package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"gopkg.in/yaml.v3"
)

// cargoManifest is the part of a Cargo.toml detection reads.
type cargoManifest struct {
	Package *struct {
		Name        string `toml:"name"`
		RustVersion any    `toml:"rust-version"` // a string, or {workspace = true}
		Autobins    *bool  `toml:"autobins"`
	} `toml:"package"`
	Bin []struct {
		Name string `toml:"name"`
		Path string `toml:"path"`
	} `toml:"bin"`
	Workspace *struct {
		Members        []string `toml:"members"`
		DefaultMembers []string `toml:"default-members"`
		Package        *struct {
			RustVersion string `toml:"rust-version"`
		} `toml:"package"`
	} `toml:"workspace"`
	Dependencies map[string]any `toml:"dependencies"`
}

// rustToolchain is rust-toolchain.toml (and the TOML form of the legacy
// rust-toolchain file).
type rustToolchain struct {
	Toolchain struct {
		Channel string `toml:"channel"`
	} `toml:"toolchain"`
}

// rustWebFrameworks are the web frameworks reported as Framework, in the
// order that decides when a package depends on several (hyper, under most
// of the others, last). Rocket is the only one with a default port (8000,
// on 127.0.0.1); the others bind what the code says.
var rustWebFrameworks = []string{"axum", "actix-web", "rocket", "warp", "poem", "salvo", "tide", "hyper"}

// rocketPort is Rocket's default port (its address defaults to 127.0.0.1,
// which the image overrides with ROCKET_ADDRESS=0.0.0.0).
const rocketPort = 8000

var (
	// rustAddr finds "0.0.0.0:NNNN", "127.0.0.1:NNNN", "[::]:NNNN" or
	// ":NNNN" string literals (axum, warp, hyper bind addresses).
	rustAddr = regexp.MustCompile(`"(?:[\w.\-]*|\[::1?\]):(\d{2,5})"`)
	// rustBindTuple finds ("0.0.0.0", NNNN) tuples (actix-web's bind).
	rustBindTuple = regexp.MustCompile(`\(\s*"[\w.:\[\]\-]*"\s*,\s*(\d{2,5})\s*\)`)
	// rustChannel is a numeric toolchain channel: 1.85, 1.85.0.
	rustChannel = regexp.MustCompile(`^1\.[0-9]+(\.[0-9]+)?$`)
	// rustPortEnv finds a read of the PORT environment variable.
	rustPortEnv = regexp.MustCompile(`env::var(?:_os)?\(\s*"PORT"\s*\)`)
	// rustPortFallback finds the default given when PORT is unset:
	// env::var("PORT").unwrap_or_else(|_| "3000".to_string()), .unwrap_or(8080).
	rustPortFallback = regexp.MustCompile(`env::var\(\s*"PORT"\s*\)[^;]*?unwrap_or[^;]*?\b(\d{2,5})\b`)
	// rustConfigDir finds a literal naming a configuration folder
	// ("configuration", "./config/base.yaml"); group 1 is set when it is
	// the argument of include_str!/include_bytes! (embedded at compile time).
	rustConfigDir = regexp.MustCompile(`(include_(?:str|bytes)!\(\s*)?"(?:\.{1,2}/)*(configuration|config)(?:/[^"]*)?"`)
)

// rustRuntimeCalls find a call that reads a file or folder at run time;
// the second submatch holds its path argument(s) as string literals.
var rustRuntimeCalls = []*regexp.Regexp{
	// tera's Tera::new("templates/**/*"), tower-http's ServeDir/ServeFile,
	// actix-files' Files::new("/static", "./static"), Rocket's FileServer,
	// warp::fs::dir/file, poem's StaticFilesEndpoint, salvo's StaticDir,
	// handlebars' register_templates_directory, and std's file reads.
	regexp.MustCompile(`\b(Tera::new|ServeDir::new|ServeFile::new|Files::new|FileServer::from|FileServer::new|fs::dir|fs::file|StaticFilesEndpoint::new|StaticFileEndpoint::new|StaticDir::new|register_templates_directory|fs::read_to_string|fs::read|File::open)\s*\(([^;{]*?)\)\s*[;.,)?]`),
}

// rustBinary is one binary target of the workspace.
type rustBinary struct {
	name, pkg, file string
	dir             string // the package's folder, "" for the root
	root            bool   // a target of the root package
}

// detectRust detects a Cargo project (Cargo.toml at the root); ok is false
// without one.
func detectRust(fsys fs.FS) (Facts, bool) {
	if !exists(fsys, "Cargo.toml") {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "rust"
	r.evidence("language", "Cargo.toml", "Cargo.toml exists")
	r.f.PackageManager = "cargo"
	r.evidence("package_manager", "Cargo.toml", "Cargo")
	r.manifests(fsys, "Cargo.toml", "Cargo.lock", "rust-toolchain.toml", "rust-toolchain")
	if !exists(fsys, "Cargo.lock") {
		r.warn("Cargo.lock: missing; the build resolves dependency versions afresh (commit Cargo.lock for an application)")
	}

	root, ok := readCargo(fsys, r, "Cargo.toml")
	if !ok {
		return r.f, true
	}
	rustVersion(fsys, r, root)

	var bins []rustBinary
	var deps []string
	if root.Package != nil {
		bins = append(bins, cargoBinaries(fsys, "", root)...)
		deps = append(deps, sortedKeys(root.Dependencies)...)
	}
	if root.Workspace != nil {
		for _, dir := range cargoMembers(fsys, r, root.Workspace.Members) {
			m, ok := readCargo(fsys, r, dir+"/Cargo.toml")
			if !ok || m.Package == nil {
				continue
			}
			bins = append(bins, cargoBinaries(fsys, dir, m)...)
			deps = append(deps, sortedKeys(m.Dependencies)...)
		}
	}
	slices.Sort(deps)
	r.f.Dependencies = slices.Compact(deps)

	for _, fw := range rustWebFrameworks {
		if contains(deps, fw) {
			r.f.Framework = fw
			r.evidence("framework", "Cargo.toml", "depends on "+fw)
			break
		}
	}
	rustChooseBinary(fsys, r, bins)
	return r.f, true
}

// readCargo parses one Cargo.toml; ok is false when it cannot be read or
// parsed (recorded as a warning naming the file).
func readCargo(fsys fs.FS, r *recorder, name string) (cargoManifest, bool) {
	var m cargoManifest
	data, ok, w := readManifest(fsys, name)
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return m, false
	}
	if err := toml.Unmarshal(data, &m); err != nil {
		r.warn("%s: invalid TOML: %s", name, tomlReason(err))
		return m, false
	}
	return m, true
}

// tomlReason is a one-line reason for a TOML error, with its line.
func tomlReason(err error) string {
	if de, ok := err.(*toml.DecodeError); ok {
		row, _ := de.Position()
		return fmt.Sprintf("line %d: %s", row, oneLine(de.Error()))
	}
	return oneLine(err.Error())
}

// rustVersion: rust-toolchain.toml, then rust-toolchain (both pin a
// toolchain: rustup in the rust image installs it), then Cargo's
// rust-version (a floor).
func rustVersion(fsys fs.FS, r *recorder, root cargoManifest) {
	for _, f := range []string{"rust-toolchain.toml", "rust-toolchain"} {
		data, ok := readSource(fsys, f)
		if !ok {
			continue
		}
		channel := ""
		var tc rustToolchain
		if err := toml.Unmarshal(data, &tc); err == nil && tc.Toolchain.Channel != "" {
			channel = tc.Toolchain.Channel
		} else if f == "rust-toolchain" && !strings.Contains(firstLine(data), "=") {
			channel = firstLine(data) // the legacy one-line form: "1.85.0"
		} else {
			r.warn("%s: no [toolchain] channel", f)
			continue
		}
		channel = strings.TrimSpace(channel)
		switch {
		case rustChannel.MatchString(channel):
			r.f.Version = VersionReq{Raw: channel, Pinned: true, Source: f}
			r.evidence("version", f, "channel = "+quote(channel))
		case channel == "stable":
			// No requirement: the catalog's default is the current stable line.
			r.evidence("version", f, "channel = \"stable\": the current stable line, the catalog's default")
		default:
			// beta, nightly, nightly-2026-01-01: no image of their own;
			// rustup in the stable image installs them from the file.
			r.evidence("version", f, "channel = "+quote(channel)+": installed by rustup from "+f+" during the build")
		}
		return
	}
	floor := ""
	if root.Package != nil {
		if s, ok := root.Package.RustVersion.(string); ok {
			floor = s
		}
	}
	if floor == "" && root.Workspace != nil && root.Workspace.Package != nil {
		floor = root.Workspace.Package.RustVersion
	}
	if floor != "" {
		r.f.Version = VersionReq{Raw: ">=" + floor, Pinned: false, Source: "Cargo.toml"}
		r.evidence("version", "Cargo.toml", "rust-version = "+quote(floor)+" (minimum)")
	}
}

// cargoMembers expands workspace member globs ("crates/*") to folders that
// hold a Cargo.toml, in order.
func cargoMembers(fsys fs.FS, r *recorder, members []string) []string {
	var out []string
	for _, m := range members {
		m = strings.TrimSuffix(strings.TrimPrefix(m, "./"), "/")
		matches, err := fs.Glob(fsys, m)
		if err != nil || !fs.ValidPath(m) {
			r.warn("Cargo.toml: workspace member %s ignored", quote(m))
			continue
		}
		for _, dir := range matches {
			if inSkippedDir(dir+"/x") || slices.Contains(out, dir) || !exists(fsys, dir+"/Cargo.toml") {
				continue
			}
			out = append(out, dir)
		}
	}
	return out
}

// cargoBinaries lists a package's binary targets: [[bin]] entries, then
// Cargo's automatic ones (src/main.rs named like the package,
// src/bin/NAME.rs, src/bin/NAME/main.rs).
func cargoBinaries(fsys fs.FS, dir string, m cargoManifest) []rustBinary {
	join := func(p string) string {
		if dir == "" {
			return p
		}
		return dir + "/" + p
	}
	pkg := m.Package.Name
	var out []rustBinary
	add := func(name, file string) {
		if name == "" || slices.ContainsFunc(out, func(b rustBinary) bool { return b.name == name }) {
			return
		}
		out = append(out, rustBinary{name: name, pkg: pkg, file: join(file), dir: dir, root: dir == ""})
	}
	for _, b := range m.Bin {
		file := b.Path
		if file == "" {
			file = "src/bin/" + b.Name + ".rs"
			if b.Name == pkg || !exists(fsys, join(file)) && exists(fsys, join("src/main.rs")) {
				file = "src/main.rs"
			}
		}
		add(b.Name, file)
	}
	if m.Package.Autobins != nil && !*m.Package.Autobins {
		return out
	}
	if exists(fsys, join("src/main.rs")) && !slices.ContainsFunc(out, func(b rustBinary) bool { return b.file == join("src/main.rs") }) {
		add(pkg, "src/main.rs")
	}
	if entries, err := fs.ReadDir(fsys, join("src/bin")); err == nil {
		for _, e := range entries {
			switch {
			case !e.IsDir() && strings.HasSuffix(e.Name(), ".rs"):
				add(strings.TrimSuffix(e.Name(), ".rs"), "src/bin/"+e.Name())
			case e.IsDir() && exists(fsys, join("src/bin/"+e.Name()+"/main.rs")):
				add(e.Name(), "src/bin/"+e.Name()+"/main.rs")
			}
		}
	}
	return out
}

// rustChooseBinary picks the binary to build: the only one; else the root
// package's own (src/main.rs); else the first, with a warning listing the
// others (--main names another).
func rustChooseBinary(fsys fs.FS, r *recorder, bins []rustBinary) {
	if len(bins) == 0 {
		r.warn("Cargo.toml: no binary target (src/main.rs, src/bin/ or [[bin]]); pass --main NAME to say what to build")
		return
	}
	chosen, why := 0, "the only binary"
	if len(bins) > 1 {
		why = "first in workspace order"
		for i, b := range bins {
			if b.root && b.file == "src/main.rs" {
				chosen, why = i, "the root package's src/main.rs"
				break
			}
		}
		names := make([]string, len(bins))
		for i, b := range bins {
			names[i] = b.name
		}
		r.f.Mains = names
		r.warn("Cargo.toml: several binaries (%s); building %s (%s); pass --main to build another",
			strings.Join(names, ", "), bins[chosen].name, why)
	}
	b := bins[chosen]
	// The command follows the binary (spec), so --main changes both.
	r.f.Binary = b.name
	r.evidence("entrypoint", b.file, fmt.Sprintf("binary %s of package %s, %s", quote(b.name), quote(b.pkg), why))
	r.evidence("command", b.file, "runs the release binary "+quote(b.name))
	sources := rustSources(fsys, b)
	rustRuntime(fsys, r, sources)
	rustPort(fsys, r, b, sources)
}

// rustMaxFiles bounds the .rs files rustSources reads.
const rustMaxFiles = 1000

// rustSources reads the binary's own file, then every .rs file under its
// package's src/ (sorted, within the bound).
func rustSources(fsys fs.FS, b rustBinary) []sourceFile {
	var out []sourceFile
	if src, ok := readSource(fsys, b.file); ok {
		out = append(out, sourceFile{b.file, src})
	}
	root := path.Join(b.dir, "src")
	fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || len(out) >= rustMaxFiles {
			return fs.SkipDir
		}
		if d.IsDir() && p != root && skipDir(d.Name()) {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".rs") && p != b.file {
			if src, ok := readSource(fsys, p); ok {
				out = append(out, sourceFile{p, src})
			}
		}
		return nil
	})
	return out
}

// rustRuntime finds what the program reads at run time: files and folders
// named in file-serving and template calls, a configuration folder read
// with the config crate (not include_str!: that is compiled in), and
// Rocket.toml (Rocket reads it from the working directory).
func rustRuntime(fsys fs.FS, r *recorder, sources []sourceFile) {
	found := runtimeFiles(fsys, r, sources, rustRuntimeCalls, nil, "")
	if contains(r.f.Dependencies, "config") {
		for _, s := range sources {
			for _, m := range rustConfigDir.FindAllSubmatch(s.src, -1) {
				dir := string(m[2])
				st, err := fs.Stat(fsys, dir)
				if err != nil || !st.IsDir() || slices.Contains(found, dir) {
					continue
				}
				if len(m[1]) > 0 {
					r.evidence("runtime_files", s.path, "include_str!(\""+dir+"/...\"): compiled into the binary, not copied")
					continue
				}
				found = append(found, dir)
				r.evidence("runtime_files", s.path, fmt.Sprintf("%s with the config crate: %s is read at run time, copied into the final stage", m[0], dir))
			}
		}
	}
	if r.f.Framework == "rocket" && exists(fsys, "Rocket.toml") && !slices.Contains(found, "Rocket.toml") {
		found = append(found, "Rocket.toml")
		r.evidence("runtime_files", "Rocket.toml", "Rocket reads Rocket.toml from its working directory at run time, copied into the final stage")
	}
	// rocket_dyn_templates loads template_dir (Rocket.toml, default
	// "templates") at run time.
	if contains(r.f.Dependencies, "rocket_dyn_templates") {
		dir, from := "templates", "Cargo.toml"
		if data, ok := readSource(fsys, "Rocket.toml"); ok {
			var rc map[string]map[string]any
			if toml.Unmarshal(data, &rc) == nil {
				for _, prof := range []string{"global", "release", "default"} {
					if d, ok := rc[prof]["template_dir"].(string); ok && d != "" {
						dir, from = path.Clean(strings.TrimPrefix(d, "./")), "Rocket.toml"
						break
					}
				}
			}
		}
		if st, err := fs.Stat(fsys, dir); err == nil && st.IsDir() && runtimePath.MatchString(dir) && !slices.Contains(found, dir) {
			found = append(found, dir)
			r.evidence("runtime_files", from, "rocket_dyn_templates loads "+dir+"/ at run time, copied into the final stage")
		}
	}
	r.f.RuntimeFiles = compactRuntimeFiles(found)
}

// rustPort finds the port: a literal bind address in the source, else the
// default used when $PORT is unset, else a port in the configuration
// folder or Rocket.toml, else Rocket's default 8000; another web framework
// with none of these gets 8080 by convention (axum, actix-web, warp... have
// no default port). Reading $PORT sets PortEnv.
func rustPort(fsys fs.FS, r *recorder, b rustBinary, sources []sourceFile) {
	for _, s := range sources {
		if rustPortEnv.Match(s.src) {
			r.f.PortEnv = true
			r.evidence("port_env", s.path, `reads env::var("PORT")`)
			break
		}
	}
	set := func(p int, file, reason string) {
		r.f.Port, reason = unprivilegedPort(r, file, p, reason)
		r.evidence("port", file, reason)
	}
	for _, s := range sources {
		if p := firstPort(s.src, rustAddr, rustBindTuple); p != 0 {
			warnLoopback(r, s.path, s.src, p)
			set(p, s.path, fmt.Sprintf("binds :%d", p))
			return
		}
	}
	for _, s := range sources {
		if p := firstPort(s.src, rustPortFallback); p != 0 {
			set(p, s.path, fmt.Sprintf("listens on $PORT, else %d", p))
			return
		}
	}
	for _, f := range r.f.RuntimeFiles {
		if p, file := configPort(fsys, f); p != 0 {
			set(p, file, fmt.Sprintf("port: %d in the configuration the program reads", p))
			return
		}
	}
	switch {
	case r.f.Framework == "rocket":
		set(rocketPort, "Cargo.toml", "rocket's default port 8000 (framework default; its default address 127.0.0.1 is overridden with ROCKET_ADDRESS=0.0.0.0)")
	case r.f.Framework != "":
		set(8080, "Cargo.toml", "depends on "+r.f.Framework+" but names no address, and "+r.f.Framework+" has no default port: 8080 by convention")
	}
}

// configPort reads a port from a configuration folder (production, then
// base, then default, then the others in order; YAML, TOML or JSON) or
// file (Rocket.toml: global, then release, then default): a "port" key at
// the top or one level down (application.port, server.port).
func configPort(fsys fs.FS, name string) (int, string) {
	var files []string
	if st, err := fs.Stat(fsys, name); err == nil && st.IsDir() {
		entries, _ := fs.ReadDir(fsys, name)
		rank := func(n string) int {
			for i, pref := range []string{"production.", "prod.", "release.", "base.", "default."} {
				if strings.HasPrefix(n, pref) {
					return i
				}
			}
			return 9
		}
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, e.Name())
			}
		}
		slices.SortStableFunc(files, func(a, b string) int { return rank(a) - rank(b) })
		for i := range files {
			files[i] = name + "/" + files[i]
		}
	} else {
		files = []string{name}
	}
	for _, f := range files {
		data, err := readFile(fsys, f)
		if err != nil {
			continue
		}
		var doc map[string]any
		switch path.Ext(f) {
		case ".yaml", ".yml":
			err = yaml.Unmarshal(data, &doc)
		case ".toml":
			err = toml.Unmarshal(data, &doc)
		case ".json":
			err = json.Unmarshal(data, &doc)
		default:
			continue
		}
		if err != nil {
			continue
		}
		if p := portIn(doc, "global", "release", "production", "application", "server", "default"); p != 0 {
			return p, f
		}
	}
	return 0, ""
}

// portIn is the "port" of doc, else of the first of sections that has one.
func portIn(doc map[string]any, sections ...string) int {
	if p := portValue(doc["port"]); p != 0 {
		return p
	}
	for _, sec := range sections {
		if m, ok := doc[sec].(map[string]any); ok {
			if p := portValue(m["port"]); p != 0 {
				return p
			}
		}
	}
	return 0
}

func portValue(v any) int {
	switch n := v.(type) {
	case int:
		return parsePort(fmt.Sprint(n))
	case int64:
		return parsePort(fmt.Sprint(n))
	case uint64:
		return parsePort(fmt.Sprint(n))
	case float64:
		return parsePort(fmt.Sprint(int(n)))
	case string:
		return parsePort(n)
	}
	return 0
}
