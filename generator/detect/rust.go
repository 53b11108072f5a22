package detect

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
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

// rustWebFrameworks are HTTP libraries noted as framework evidence only (a
// Rust service builds to a binary, so Framework stays ""); any of them
// means a server, so the port defaults to 8080.
var rustWebFrameworks = []string{"axum", "actix-web", "rocket", "warp", "poem", "salvo", "tide", "hyper"}

var (
	// rustAddr finds "0.0.0.0:NNNN", "127.0.0.1:NNNN", "[::]:NNNN" or
	// ":NNNN" string literals (axum, warp, hyper bind addresses).
	rustAddr = regexp.MustCompile(`"(?:[\w.\-]*|\[::1?\]):(\d{2,5})"`)
	// rustBindTuple finds ("0.0.0.0", NNNN) tuples (actix-web's bind).
	rustBindTuple = regexp.MustCompile(`\(\s*"[\w.:\[\]\-]*"\s*,\s*(\d{2,5})\s*\)`)
	// rustChannel is a numeric toolchain channel: 1.85, 1.85.0.
	rustChannel = regexp.MustCompile(`^1\.[0-9]+(\.[0-9]+)?$`)
)

// rustBinary is one binary target of the workspace.
type rustBinary struct {
	name, pkg, file string
	root            bool // a target of the root package
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

	web := ""
	for _, fw := range rustWebFrameworks {
		if contains(deps, fw) {
			web = fw
			r.evidence("framework", "Cargo.toml", "depends on "+fw+" (a library; Framework stays empty for Rust)")
			break
		}
	}
	rustChooseBinary(fsys, r, bins, web)
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
			r.f.Version = VersionReq{Raw: "1", Pinned: true, Source: f}
			r.evidence("version", f, "channel = \"stable\": the current stable line")
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
		out = append(out, rustBinary{name: name, pkg: pkg, file: join(file), root: dir == ""})
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
func rustChooseBinary(fsys fs.FS, r *recorder, bins []rustBinary, web string) {
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
	src, _ := readSource(fsys, b.file)
	if p := firstPort(src, rustAddr, rustBindTuple); p != 0 {
		r.f.Port = p
		r.evidence("port", b.file, fmt.Sprintf("binds :%d", p))
		return
	}
	if web != "" {
		r.f.Port = 8080
		r.evidence("port", path.Clean("Cargo.toml"), "depends on "+web+" but names no address; default 8080")
	}
}
