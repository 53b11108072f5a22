package detect

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

// packageJSON is the part of package.json detection reads. Each field is
// decoded on its own so that one field of an unexpected type costs only
// that field.
type packageJSON struct {
	Main           string
	Scripts        map[string]string
	Dependencies   []string // names, sorted
	EnginesNode    string
	PackageManager string
}

// readPackageJSON parses package.json. ok is false when it is absent or not
// a JSON object; problems are recorded as warnings naming the file.
func readPackageJSON(fsys fs.FS, r *recorder) (pkg packageJSON, ok bool) {
	data, ok, w := readManifest(fsys, "package.json")
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return pkg, false
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			r.warn("package.json: invalid JSON: the top level is %s, not an object", te.Value)
			return pkg, false
		}
		r.warn("package.json: invalid JSON: %s", jsonReason(data, err))
		return pkg, false
	}
	field := func(name string, v any) {
		raw, ok := top[name]
		if !ok || string(raw) == "null" {
			return
		}
		if err := json.Unmarshal(raw, v); err != nil {
			r.warn("package.json: %q ignored: %s", name, jsonReason(raw, err))
		}
	}
	field("main", &pkg.Main)
	field("packageManager", &pkg.PackageManager)
	var scripts map[string]any
	field("scripts", &scripts)
	for k, v := range scripts {
		if s, ok := v.(string); ok {
			if pkg.Scripts == nil {
				pkg.Scripts = map[string]string{}
			}
			pkg.Scripts[k] = s
		}
	}
	var deps map[string]any
	field("dependencies", &deps)
	pkg.Dependencies = sortedKeys(deps)
	var engines map[string]any
	field("engines", &engines)
	if s, ok := engines["node"].(string); ok {
		pkg.EnginesNode = strings.TrimSpace(s)
	}
	return pkg, true
}

// jsonReason is a short one-line reason for a JSON error, with its line.
func jsonReason(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n")
		return fmt.Sprintf("line %d: %s", line, se.Error())
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("expected %s, found %s", te.Type, te.Value)
	}
	return oneLine(err.Error())
}

// nodeLocks map lockfiles to managers, in precedence order.
var nodeLocks = []struct{ file, manager string }{
	{"pnpm-lock.yaml", "pnpm"},
	{"yarn.lock", "yarn"},
	{"package-lock.json", "npm"},
	{"npm-shrinkwrap.json", "npm"},
}

// nodeExtras are the config files copied with each manager's manifests.
var nodeExtras = map[string][]string{
	"pnpm": {"pnpm-workspace.yaml", ".npmrc"},
	"yarn": {".yarnrc.yml"},
	"npm":  {".npmrc"},
}

// detectNode detects a Node.js repository (package.json); ok is false
// without one.
func detectNode(fsys fs.FS) (Facts, bool) {
	if !exists(fsys, "package.json") {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "node"
	r.evidence("language", "package.json", "package.json exists")
	pkg, _ := readPackageJSON(fsys, r)
	nodeVersion(fsys, r, pkg)
	nodePackageManager(fsys, r, pkg)
	r.f.Dependencies = pkg.Dependencies
	if _, ok := pkg.Scripts["build"]; ok {
		r.f.BuildScript = true
	}
	for _, fw := range []struct{ dep, name string }{
		{"next", "next"}, {"@nestjs/core", "nest"}, {"express", "express"},
	} {
		if contains(pkg.Dependencies, fw.dep) {
			r.f.Framework = fw.name
			r.evidence("framework", "package.json", "depends on "+fw.dep)
			break
		}
	}
	nodeCommand(fsys, r, pkg)
	return r.f, true
}

// nodeVersion: .nvmrc, then .node-version (both pinned), then engines.node.
func nodeVersion(fsys fs.FS, r *recorder, pkg packageJSON) {
	for _, f := range []string{".nvmrc", ".node-version"} {
		data, ok := readSource(fsys, f)
		if !ok {
			continue
		}
		if line := firstLine(data); line != "" {
			v := line
			if len(v) > 1 && (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9' {
				v = v[1:]
			}
			r.f.Version = VersionReq{Raw: v, Pinned: true, Source: f}
			r.evidence("version", f, f+" pins "+quote(line))
			return
		}
	}
	if pkg.EnginesNode != "" {
		r.f.Version = VersionReq{Raw: pkg.EnginesNode, Pinned: false, Source: "package.json"}
		r.evidence("version", "package.json", "engines.node = "+quote(pkg.EnginesNode))
	}
}

// nodePackageManager: package.json packageManager, else the lockfile
// (pnpm, yarn, npm in that order), else npm.
func nodePackageManager(fsys fs.FS, r *recorder, pkg packageJSON) {
	lockManager, lockFile := "", ""
	var lockManagers, lockFiles []string
	for _, l := range nodeLocks {
		if exists(fsys, l.file) {
			lockFiles = append(lockFiles, l.file)
			if !contains(lockManagers, l.manager) {
				lockManagers = append(lockManagers, l.manager)
			}
			if lockManager == "" {
				lockManager, lockFile = l.manager, l.file
			}
		}
	}
	manager := ""
	if pkg.PackageManager != "" {
		name, version, _ := strings.Cut(pkg.PackageManager, "@")
		version, _, _ = strings.Cut(version, "+")
		switch name {
		case "npm", "yarn", "pnpm":
			manager = name
			r.f.PackageManagerVersion = version
			r.evidence("package_manager", "package.json", "packageManager = "+quote(pkg.PackageManager))
			if lockManager != "" && lockManager != name {
				r.warn("package.json: packageManager is %s but %s exists; using %s", quote(pkg.PackageManager), lockFile, name)
			}
		default:
			r.warn("package.json: packageManager %s is not supported; using the lockfile", quote(pkg.PackageManager))
		}
	}
	if manager == "" {
		if len(lockManagers) > 1 {
			r.warn("%s: lockfiles of several package managers (%s); using %s", lockFile, strings.Join(lockFiles, ", "), lockManager)
		}
		if lockManager != "" {
			manager = lockManager
			r.evidence("package_manager", lockFile, lockFile+" exists")
		} else {
			manager = "npm"
			r.evidence("package_manager", "package.json", "no lockfile; npm by default")
		}
	}
	r.f.PackageManager = manager
	r.manifests(fsys, "package.json")
	for _, l := range nodeLocks {
		if l.manager == manager {
			r.manifests(fsys, l.file)
		}
	}
	r.manifests(fsys, nodeExtras[manager]...)
}

var (
	// nodeListen finds .listen(NNNN and PORT fallbacks (|| NNNN, ?? NNNN).
	nodeListen  = regexp.MustCompile(`\.listen\(\s*(\d{2,5})\b`)
	nodeEnvPort = regexp.MustCompile(`process\.env\.PORT\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b`)
	// nextPort finds next start -p NNNN / --port NNNN.
	nextPort = regexp.MustCompile(`next\s+start\b.*?(?:-p|--port)[\s=]+(\d{2,5})\b`)
)

// nodeCommand sets the command, entry point and port. The command is the
// start:prod script (a production variant of start, as Nest generates),
// else start, else node <main>, else node on a conventional file.
func nodeCommand(fsys fs.FS, r *recorder, pkg packageJSON) {
	pm := r.f.PackageManager
	var entry string // a source file to scan for the port
	if script, ok := pkg.Scripts["start:prod"]; ok {
		r.f.Command = scriptCommand(pm, "start:prod", script)
		r.evidence("command", "package.json", "scripts[\"start:prod\"] = "+quote(script))
		entry = scriptFile(fsys, script)
	} else if script, ok := pkg.Scripts["start"]; ok {
		r.f.Command = scriptCommand(pm, "start", script)
		r.evidence("command", "package.json", "scripts.start = "+quote(script))
		entry = scriptFile(fsys, script)
		if p := firstPort([]byte(script), nextPort); p != 0 && r.f.Framework == "next" {
			r.f.Port = p
			r.evidence("port", "package.json", "scripts.start sets the port: "+quote(script))
		}
	} else if pkg.Main != "" {
		if f := resolveJS(fsys, pkg.Main); f != "" {
			r.f.Command = []string{"node", pkg.Main}
			r.evidence("command", "package.json", "main = "+quote(pkg.Main))
			entry = f
		}
	}
	if r.f.Command == nil {
		for _, f := range []string{"server.js", "index.js", "app.js", "main.js"} {
			if exists(fsys, f) {
				r.f.Command = []string{"node", f}
				r.evidence("command", f, f+" exists (no start script or main)")
				entry = f
				break
			}
		}
	}
	if entry == "" && r.f.Command != nil {
		for _, f := range []string{"src/main.ts", "src/server.ts", "src/index.ts", "src/main.js", "src/server.js", "src/index.js", "server.js", "index.js", "app.js"} {
			if exists(fsys, f) {
				entry = f
				break
			}
		}
	}
	if entry != "" {
		r.evidence("entrypoint", entry, "start file")
	}
	if r.f.Port != 0 {
		return
	}
	if entry != "" {
		if src, ok := readSource(fsys, entry); ok {
			if p := firstPort(src, nodeEnvPort, nodeListen); p != 0 {
				r.f.Port = p
				r.evidence("port", entry, fmt.Sprintf("listens on %d", p))
				return
			}
		}
	}
	switch r.f.Framework {
	case "next", "nest", "express":
		r.f.Port = 3000
		r.evidence("port", "package.json", r.f.Framework+" default 3000")
	}
}

// scriptBins are CLIs whose start scripts can run directly from
// node_modules/.bin, without a package manager in the final image.
var scriptBins = map[string]bool{"next": true, "nuxt": true, "remix-serve": true, "astro": true, "fastify": true}

// scriptCommand turns a package.json script into an exec-form command. A
// simple "node server.js" or "next start" runs directly, so the app is
// PID 1 and gets SIGTERM; anything with shell syntax runs through npm,
// which every node image has (pnpm and yarn may exist only in a build stage).
func scriptCommand(pm, name, script string) []string {
	_ = pm
	fields := strings.Fields(script)
	simple := len(fields) > 0 && !strings.ContainsAny(script, "&|;<>$`\\(){}'\"*?!#~\n\r") && !strings.Contains(fields[0], "=")
	switch {
	case simple && fields[0] == "node":
		return fields
	case simple && scriptBins[fields[0]]:
		return append([]string{"node_modules/.bin/" + fields[0]}, fields[1:]...)
	case name == "start":
		return []string{"npm", "start"}
	default:
		return []string{"npm", "run", name}
	}
}

// scriptFile finds the source file a start script runs ("node server.js",
// "node dist/main" -> src/main.ts), "" when there is none in the repo.
func scriptFile(fsys fs.FS, script string) string {
	fields := strings.Fields(script)
	for i := 0; i+1 < len(fields); i++ {
		switch fields[i] {
		case "node", "nodemon", "ts-node", "tsx", "bun":
		default:
			continue
		}
		for _, arg := range fields[i+1:] {
			if strings.HasPrefix(arg, "-") {
				continue
			}
			if f := resolveJS(fsys, arg); f != "" {
				return f
			}
			// Build output is not in the repository: scan its source.
			if rest, ok := strings.CutPrefix(strings.TrimPrefix(arg, "./"), "dist/"); ok {
				if f := resolveJS(fsys, "src/"+strings.TrimSuffix(rest, ".js")+".ts"); f != "" {
					return f
				}
			}
			return ""
		}
	}
	return ""
}

// resolveJS resolves a Node module path the way node would for a file in
// the repository ("server" -> server.js, "lib" -> lib/index.js).
func resolveJS(fsys fs.FS, p string) string {
	p = strings.TrimPrefix(p, "./")
	if !fs.ValidPath(p) || inSkippedDir(p) {
		return ""
	}
	for _, c := range []string{p, p + ".js", p + ".mjs", p + ".cjs", p + ".ts", p + "/index.js"} {
		if exists(fsys, c) {
			return c
		}
	}
	return ""
}
