package detect

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// packageJSON is the part of package.json detection reads. Each field is
// decoded on its own so that one field of an unexpected type costs only
// that field.
type packageJSON struct {
	Main           string
	Scripts        map[string]string
	Dependencies   []string // names, sorted
	DevDeps        []string // devDependencies names, sorted
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
	var devDeps map[string]any
	field("devDependencies", &devDeps)
	pkg.DevDeps = sortedKeys(devDeps)
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
		return detectNodeScript(fsys)
	}
	r := &recorder{}
	r.f.Language = "node"
	r.evidence("language", "package.json", "package.json exists")
	pkg, _ := readPackageJSON(fsys, r)
	nodeBuildScript(r, pkg)
	nodeFramework(r, pkg)
	if nodeStaticSite(fsys, r, pkg) {
		nodePackageManager(fsys, r, pkg)
		r.f.Dependencies = pkg.Dependencies
		return r.f, true
	}
	nodeVersion(fsys, r, pkg)
	nodePackageManager(fsys, r, pkg)
	r.f.Dependencies = pkg.Dependencies
	if r.f.Framework == "next" {
		nextOutput(fsys, r)
	}
	nodeCommand(fsys, r, pkg)
	return r.f, true
}

// nodeFrameworks are the JavaScript frameworks of Node.js and Bun (one
// table: detectBun uses it too), in precedence order: Next.js and NestJS,
// the meta-frameworks (each depends on a server of its own), then the
// HTTP frameworks they may be built on (base: expected beside another
// one, not an ambiguity; explain.go's frameworkDeps derives from this).
// SvelteKit is a devDependency by convention.
var nodeFrameworks = []struct {
	deps []string
	name string
	dev  bool
	base bool
}{
	{deps: []string{"next"}, name: "next"},
	{deps: []string{"@nestjs/core"}, name: "nest"},
	{deps: []string{"nuxt"}, name: "nuxt"},
	{deps: []string{"@remix-run/node", "@remix-run/serve", "@remix-run/express"}, name: "remix"},
	{deps: []string{"astro"}, name: "astro"},
	{deps: []string{"@sveltejs/kit"}, name: "sveltekit", dev: true},
	{deps: []string{"@solidjs/start"}, name: "solid-start"},
	{deps: []string{"@react-router/serve"}, name: "react-router"},
	{deps: []string{"@builder.io/qwik-city"}, name: "qwik", dev: true},
	{deps: []string{"@adonisjs/core"}, name: "adonisjs"},
	{deps: []string{"@strapi/strapi"}, name: "strapi"},
	{deps: []string{"sails"}, name: "sails"},
	{deps: []string{"express"}, name: "express", base: true},
	{deps: []string{"fastify"}, name: "fastify", base: true},
	{deps: []string{"koa"}, name: "koa", base: true},
	{deps: []string{"hono"}, name: "hono", base: true},
	{deps: []string{"elysia"}, name: "elysia", base: true},
	{deps: []string{"@hapi/hapi"}, name: "hapi", base: true},
}

// nodeFramework sets the first framework of nodeFrameworks the
// dependencies name.
func nodeFramework(r *recorder, pkg packageJSON) {
	for _, fw := range nodeFrameworks {
		for _, dep := range fw.deps {
			switch {
			case contains(pkg.Dependencies, dep):
				r.evidence("framework", "package.json", "depends on "+dep)
			case fw.dev && contains(pkg.DevDeps, dep):
				r.evidence("framework", "package.json", "devDependencies has "+dep)
			default:
				continue
			}
			r.f.Framework = fw.name
			return
		}
	}
}

// nextStandalone and nextExport find output: 'standalone' / 'export' in
// next.config.*.
var (
	nextStandalone = regexp.MustCompile(`\boutput\s*:\s*["'\x60]standalone["'\x60]`)
	nextExport     = regexp.MustCompile(`\boutput\s*:\s*["'\x60]export["'\x60]`)
)

// nextConfigs are the files Next.js reads its configuration from.
var nextConfigs = []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts"}

// nextOutput records Next.js standalone output: the final stage then takes
// .next/standalone (a minimal server.js with its traced node_modules).
func nextOutput(fsys fs.FS, r *recorder) {
	for _, f := range nextConfigs {
		if src, ok := readSource(fsys, f); ok && nextStandalone.Match(src) {
			r.f.OutputDir = ".next/standalone"
			r.evidence("output", f, "output: 'standalone'")
			return
		}
	}
}

// nodeVersion: .nvmrc, then .node-version (both pinned), then engines.node.
func nodeVersion(fsys fs.FS, r *recorder, pkg packageJSON) {
	if req, reason := nodeVersionReq(fsys, pkg); req.Raw != "" {
		r.f.Version = req
		r.evidence("version", req.Source, reason)
	}
}

// nodeVersionReq reads the Node.js version a repository asks for: .nvmrc,
// then .node-version (both pin), then package.json's engines.node (a
// range). The zero VersionReq when none does; reason is for the evidence.
func nodeVersionReq(fsys fs.FS, pkg packageJSON) (req VersionReq, reason string) {
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
			return VersionReq{Raw: v, Pinned: true, Source: f}, f + " pins " + quote(line)
		}
	}
	if pkg.EnginesNode != "" {
		return VersionReq{Raw: pkg.EnginesNode, Pinned: false, Source: "package.json"}, "engines.node = " + quote(pkg.EnginesNode)
	}
	return VersionReq{}, ""
}

// frontEndNode fills NodeVersion for a repository of another language that
// builds a front end with Node.js (a static site's build, Vite in a PHP app,
// a Rails JavaScript bundler): a node or nodejs pin in .tool-versions or
// mise.toml first, as for a Node.js app, then the Node.js files.
func frontEndNode(fsys fs.FS, f *Facts) {
	switch {
	case f.Language == "static" && f.BuildScript:
	case (f.Language == "php" || f.Language == "ruby") && slices.Contains(f.AssetManifests, "package.json"):
	default:
		return
	}
	quiet := &recorder{} // the language's detector already warned about these files
	for _, p := range toolPins(fsys, quiet) {
		if t, ok := toolFor(p.tool); ok && t.Language == "node" && p.raw != "" && p.raw != "system" {
			f.NodeVersion = VersionReq{Raw: p.raw, Pinned: true, Source: p.file}
			f.Evidence = append(f.Evidence, Evidence{Field: "node_version", File: p.file, Reason: p.reason + " pins it", Rule: versionManagerRule})
			return
		}
	}
	pkg, _ := readPackageJSON(fsys, quiet)
	if req, reason := nodeVersionReq(fsys, pkg); req.Raw != "" {
		f.NodeVersion = req
		f.Evidence = append(f.Evidence, Evidence{Field: "node_version", File: req.Source, Reason: reason})
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
	if r.f.PackageManagerVersion != "" {
		r.f.PackageManagerVersionSource = "package.json packageManager"
	} else {
		nodeToolVersion(fsys, r, manager)
	}
	r.manifests(fsys, "package.json")
	for _, l := range nodeLocks {
		if l.manager == manager {
			r.manifests(fsys, l.file)
		}
	}
	r.manifests(fsys, nodeExtras[manager]...)
}

var (
	// nodeListen finds .listen(NNNN and PORT fallbacks (|| NNNN, ?? NNNN,
	// also through Number(...) or parseInt(..., 10)).
	nodeListen  = regexp.MustCompile(`\.listen\(\s*(\d{2,5})\b`)
	nodeEnvPort = regexp.MustCompile(`process\.env\.PORT\b[\s),0-9]{0,8}(?:\|\||\?\?)\s*['"]?(\d{2,5})\b`)
	// nodeEnvPortDefault finds const { PORT = 3000 } = process.env.
	nodeEnvPortDefault = regexp.MustCompile(`\{[^{}]*\bPORT\s*=\s*['"]?(\d{2,5})\b[^{}]*\}\s*=\s*process\.env\b`)
	// nodeReadsPort finds code that reads $PORT.
	nodeReadsPort = regexp.MustCompile(`process\.env\.PORT\b|process\.env\[\s*['"]PORT['"]\s*\]|\{[^{}]*\bPORT\b[^{}]*\}\s*=\s*process\.env\b`)
	// nodeListenArg is the first argument of .listen(...).
	nodeListenArg = regexp.MustCompile(`\.listen\(\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*[,)]`)
	// nextPort finds next start -p NNNN / --port NNNN.
	nextPort = regexp.MustCompile(`next\s+start\b.*?(?:-p|--port)[\s=]+(\d{2,5})\b`)
)

// nodeStartScripts are the scripts that may start the app, in the order
// they are taken: a production variant of start (Nest generates
// start:prod), start, then serve. A development server among them is
// skipped (nodeDevServer).
var nodeStartScripts = []string{"start:prod", "start:production", "start", "serve"}

// nodeCommand sets the command, entry point and port: the first start
// script of nodeStartScripts that is not a development server, else the
// framework's production server, else node <main> when that file exists,
// else node on a conventional file (or its build output).
func nodeCommand(fsys fs.FS, r *recorder, pkg packageJSON) {
	if nodeBuiltServer(fsys, r, pkg, "node") {
		return
	}
	pm := r.f.PackageManager
	var entry string // a source file to scan for the port
	var skipped []Candidate
	for _, name := range nodeStartScripts {
		script, ok := pkg.Scripts[name]
		if !ok {
			continue
		}
		if dev := nodeDevServer(script); dev != "" {
			skipped = append(skipped, Candidate{Value: script, File: "package.json", Reason: fmt.Sprintf("scripts[%q] runs %s, a development server", name, dev)})
			continue
		}
		r.f.Command = scriptCommand(pm, name, script)
		r.evidence("command", "package.json", fmt.Sprintf("scripts[%q] = %s", name, quote(script)))
		entry = scriptFile(fsys, script)
		if p := firstPort([]byte(script), nextPort); p != 0 && r.f.Framework == "next" {
			r.f.Port = p
			r.evidence("port", "package.json", fmt.Sprintf("scripts[%q] sets the port: %s", name, quote(script)))
		}
		break
	}
	if r.f.Command == nil {
		switch r.f.Framework {
		case "next":
			r.f.Command = []string{"node_modules/.bin/next", "start"}
			r.evidence("command", "package.json", "next start is Next.js's production server (after next build)")
		case "nest":
			r.f.Command = []string{"node", "dist/main.js"}
			r.evidence("command", "package.json", "nest build writes the app to dist/main.js (nest-cli's default entry)")
			entry = firstExisting(fsys, []string{"src/main.ts", "src/main.js"})
		}
	}
	if r.f.Command == nil && pkg.Main != "" {
		if f := resolveJS(fsys, pkg.Main); f != "" {
			r.f.Command = []string{"node", pkg.Main}
			r.evidence("command", "package.json", "main = "+quote(pkg.Main))
			entry = f
		} else {
			skipped = append(skipped, Candidate{Value: pkg.Main, File: "package.json", Reason: "main = " + quote(pkg.Main) + ", which does not exist"})
		}
	}
	if r.f.Command == nil {
		nodeEntryFile(fsys, r, &entry)
	}
	if len(skipped) > 0 && r.f.Command != nil {
		i := evidenceIndex(&r.f, "command")
		r.f.Evidence[i].Rule = "a development server is never the image's command, nor a main file that does not exist"
		if !strings.Contains(skipped[0].Reason, "development server") && len(skipped) == 1 {
			r.f.Evidence[i].Rule = "package.json's main is used only when that file exists"
		} else if !strings.Contains(skipped[len(skipped)-1].Reason, "does not exist") {
			r.f.Evidence[i].Rule = "a development server is never the image's command"
		}
		r.f.Evidence[i].Candidates = skipped
	}
	if len(skipped) > 0 && r.f.Command == nil {
		r.warn("package.json: %s; no production start command found: pass --cmd", skipped[0].Reason)
	}
	if entry == "" && r.f.Command != nil {
		entry = firstExisting(fsys, []string{"src/main.ts", "src/server.ts", "src/index.ts", "src/main.js", "src/server.js", "src/index.js", "server.js", "index.js", "app.js"})
	}
	if entry != "" {
		r.evidence("entrypoint", entry, "start file")
	}
	if r.f.Port != 0 {
		return
	}
	if entry != "" {
		if src, ok := readSource(fsys, entry); ok {
			nodeServerChecks(r, pkg, entry, src)
		}
		if nodePort(fsys, r, entry) {
			return
		}
	}
	if r.f.Framework != "" || r.f.PortEnv {
		nodeDefaultPort(r, cmp.Or(entry, "package.json"))
	}
}

// nodeEntryFiles are the files a Node.js app starts from when package.json
// names none (no start script, no main): the root first, then src/.
var nodeEntryFiles = []string{"server.js", "index.js", "app.js", "main.js", "src/server.js", "src/index.js", "src/app.js", "src/main.js"}

// nodeEntryFile sets node <file> on the first conventional entry file that
// exists, or, for a TypeScript app with a build, on the file its build
// writes (src/main.ts -> dist/main.js, or tsconfig's outDir).
func nodeEntryFile(fsys fs.FS, r *recorder, entry *string) {
	if f := firstExisting(fsys, nodeEntryFiles); f != "" {
		r.f.Command = []string{"node", f}
		r.evidence("command", f, f+" exists (no start script or main)")
		*entry = f
		return
	}
	if !r.f.BuildScript {
		return
	}
	for _, ts := range []string{"src/main.ts", "src/server.ts", "src/index.ts", "src/app.ts"} {
		if !exists(fsys, ts) {
			continue
		}
		out := tsOutDir(fsys) + "/" + strings.TrimSuffix(strings.TrimPrefix(ts, "src/"), ".ts") + ".js"
		r.f.Command = []string{"node", out}
		r.evidence("command", ts, fmt.Sprintf("the build (scripts[%q]) compiles %s to %s", r.f.BuildScriptName, ts, out))
		*entry = ts
		return
	}
}

// tsOutDir is tsconfig.json's compilerOptions.outDir ("dist" when unset),
// read with a pattern: tsconfig allows comments and trailing commas.
func tsOutDir(fsys fs.FS) string {
	if src, ok := readSource(fsys, "tsconfig.json"); ok {
		if m := tsOutDirRe.FindSubmatch(src); m != nil {
			d := strings.TrimSuffix(strings.TrimPrefix(string(m[1]), "./"), "/")
			if fs.ValidPath(d) && d != "." && safeScriptName.MatchString(strings.ReplaceAll(d, "/", "")) {
				return d
			}
		}
	}
	return "dist"
}

var tsOutDirRe = regexp.MustCompile(`"outDir"\s*:\s*"([^"]+)"`)

// nodeDevTools are commands that are development servers whatever their
// arguments; nodeDevCommands are those that are with a sub-command.
var (
	nodeDevTools    = map[string]bool{"nodemon": true, "ts-node-dev": true, "tsnd": true, "webpack-dev-server": true, "live-server": true, "browser-sync": true}
	nodeDevCommands = map[string][]string{
		"next": {"dev"}, "nuxt": {"dev"}, "nuxi": {"dev"}, "astro": {"dev"}, "remix": {"dev"},
		"ng": {"serve"}, "vue-cli-service": {"serve"}, "react-scripts": {"start"}, "webpack": {"serve"},
		"gatsby": {"develop"}, "tsx": {"watch"}, "vite": {"", "dev", "serve", "preview"},
		"svelte-kit": {"dev"}, "parcel": {"", "serve", "watch"},
	}
	// nestStart needs the Nest CLI, a devDependency pruned from the image.
	nestStart = regexp.MustCompile(`(?:^|[\s;&|])nest\s+start\b`)
)

// nodeDevServer names the development server a script runs ("next dev",
// "nodemon", "--watch"), "" when it runs none. `nest start` counts: it
// compiles with the Nest CLI, a devDependency the image does not keep.
func nodeDevServer(script string) string {
	words := strings.FieldsFunc(script, func(r rune) bool { return r == ' ' || r == '\t' || r == ';' || r == '&' || r == '|' || r == '\n' })
	for i, w := range words {
		if w == "--watch" || strings.HasPrefix(w, "--watch=") {
			return "--watch"
		}
		name := w[strings.LastIndex(w, "/")+1:]
		if nodeDevTools[name] {
			return name
		}
		subs, ok := nodeDevCommands[name]
		if !ok {
			continue
		}
		sub := ""
		for _, a := range words[i+1:] {
			if !strings.HasPrefix(a, "-") {
				sub = a
				break
			}
		}
		if slices.Contains(subs, sub) || (slices.Contains(subs, "") && (sub == "" || !isSubcommand(sub))) {
			return strings.TrimSpace(name + " " + sub)
		}
	}
	if nestStart.MatchString(script) {
		return "nest start (the Nest CLI, a devDependency)"
	}
	return ""
}

// isSubcommand reports whether a word after a tool is one of its
// sub-commands (vite build) rather than an argument (vite ./app).
func isSubcommand(w string) bool { return subcommandRe.MatchString(w) }

var subcommandRe = regexp.MustCompile(`^[a-z][a-z-]*$`)

// nodePort finds the port in the entry file and, when listen() is given a
// value from a module the entry requires (app.listen(config.port)), in that
// module; it sets PortEnv when either reads $PORT. It reports whether a
// port was found.
func nodePort(fsys fs.FS, r *recorder, entry string) bool {
	src, ok := readSource(fsys, entry)
	if !ok {
		return false
	}
	src = stripLineComments(src, "//")
	files := [][2]string{{entry, string(src)}}
	patterns := []*regexp.Regexp{nodeListen, nodePortOption}
	if m := nodeListenArg.FindSubmatch(src); m != nil {
		if !bytes.Contains(m[1], []byte(".")) {
			// listen(PORT) with const PORT = 4000.
			patterns = append([]*regexp.Regexp{regexp.MustCompile(`\b` + regexp.QuoteMeta(string(m[1])) + `\s*=\s*['"]?(\d{2,5})\b`)}, patterns...)
		}
		if obj, _, ok := strings.Cut(string(m[1]), "."); ok {
			if mod := nodeRequiredModule(fsys, entry, src, obj); mod != "" {
				if msrc, ok := readSource(fsys, mod); ok {
					files = append(files, [2]string{mod, string(stripLineComments(msrc, "//"))})
				}
			}
		}
	}
	for _, f := range files {
		if loc := nodeReadsPort.FindStringIndex(f[1]); loc != nil && !r.f.PortEnv {
			r.f.PortEnv = true
			r.evidence("port_env", f[0], "reads "+quote(strings.TrimSpace(f[1][loc[0]:loc[1]])))
		}
	}
	// A module the listen call names wins over the entry's own literals.
	for i := len(files) - 1; i >= 0; i-- {
		f := files[i]
		if p := firstPort([]byte(f[1]), nodeEnvPort, nodeEnvPortDefault); p != 0 {
			r.f.Port = p
			r.evidence("port", f[0], fmt.Sprintf("process.env.PORT falls back to %d", p))
			return true
		}
		if p := firstPort([]byte(f[1]), patterns...); p != 0 {
			r.f.Port = p
			r.evidence("port", f[0], fmt.Sprintf("listens on %d", p))
			return true
		}
	}
	return false
}

// nodeRequire finds `const NAME = require('./x')` and `import NAME from
// './x'` (or `import * as NAME`): the local module bound to NAME.
var nodeRequire = regexp.MustCompile(`(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*|import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s+)['"](\.{1,2}/[^'"]+)['"]`)

// nodeRequiredModule is the repository file bound to name in src by a
// require or import of a relative path, "" when there is none.
func nodeRequiredModule(fsys fs.FS, from string, src []byte, name string) string {
	for _, m := range nodeRequire.FindAllSubmatch(src, -1) {
		if string(m[1]) != name && string(m[2]) != name {
			continue
		}
		return resolveJS(fsys, path.Join(path.Dir(from), string(m[3])))
	}
	return ""
}

// nodeDefaultPort sets the port when the code names none: the framework's
// own default where it has one, else 3000 by convention (Express, Koa,
// Fastify and plain node:http have no default port: listen() without one
// picks a random free port), labelled as such.
func nodeDefaultPort(r *recorder, file string) {
	if p, reason := nodeFrameworkPort(r.f.Framework); p != 0 {
		r.f.Port = p
		r.evidence("port", "package.json", reason)
		return
	}
	r.f.Port = 3000
	switch r.f.Framework {
	case "hono":
		r.evidence("port", "package.json", "@hono/node-server's serve() listens on 3000 by default")
	case "next", "nuxt", "remix", "sveltekit":
		r.evidence("port", "package.json", r.f.Framework+" listens on 3000 by default")
	case "":
		r.evidence("port", file, "no port in the code: 3000 by convention for Node.js")
	default:
		r.evidence("port", file, fmt.Sprintf("no port in the code: 3000 by convention (%s has no default port)", r.f.Framework))
	}
}

// nodePortOption finds { port: NNNN } (fastify.listen, @hono/node-server's
// serve); tried after the explicit patterns.
var nodePortOption = regexp.MustCompile(`\bport\s*:\s*(\d{2,5})\b`)

// fastifyHost finds a host option or an all-interfaces address.
var fastifyHost = regexp.MustCompile(`\bhost\s*:|0\.0\.0\.0|['"]::['"]`)

// nodeServerChecks warns about a server that will not answer in a
// container: fastify listens on localhost unless told a host, and hono
// needs @hono/node-server to run on Node.js at all.
func nodeServerChecks(r *recorder, pkg packageJSON, entry string, src []byte) {
	switch r.f.Framework {
	case "fastify":
		if bytes.Contains(src, []byte(".listen(")) && !fastifyHost.Match(src) {
			r.warn("%s: fastify listens on localhost only by default; pass host: '0.0.0.0' to listen() so the container's port answers", entry)
		}
	case "hono":
		if !contains(pkg.Dependencies, "@hono/node-server") {
			r.warn("package.json: hono runs on Node.js through @hono/node-server, which is not a dependency")
		}
	case "hapi":
		if hapiLocalhost.Match(src) {
			r.warn("%s: the hapi server listens on localhost only; use host: '0.0.0.0' so the container's port answers", entry)
		}
	}
}

// nodeBuiltServer sets the command and port of the meta-frameworks whose
// build writes a server of its own (their start scripts are often a dev
// or preview server); see BuiltServer. Remix with a start script runs it
// (remix-serve ./build/server/index.js) under Node.js.
//
// rt is the runtime that runs the server: "node", or "bun" for the same
// frameworks under Bun (detectBun).
func nodeBuiltServer(fsys fs.FS, r *recorder, pkg packageJSON, rt string) bool {
	if start, ok := pkg.Scripts["start"]; ok && rt == "node" && r.f.Framework == "remix" && nodeDevServer(start) == "" {
		return false
	}
	if r.f.Framework == "qwik" {
		qwikServer(fsys, r, pkg, rt)
		return true
	}
	cmd, port, reason := BuiltServer(rt, r.f.Framework, r.f.OutputDir)
	if cmd == nil {
		return false
	}
	if r.f.Framework == "sveltekit" && !contains(pkg.Dependencies, "@sveltejs/adapter-node") && !contains(pkg.DevDeps, "@sveltejs/adapter-node") {
		r.warn("package.json: SvelteKit without @sveltejs/adapter-node builds no Node.js server; add it (or @sveltejs/adapter-static for a static site)")
	}
	r.f.Command = cmd
	r.evidence("command", "package.json", reason)
	r.f.Port = port
	portReason := fmt.Sprintf("%s listens on %d by default (PORT)", r.f.Framework, port)
	if r.f.Framework == "adonisjs" {
		portReason = "AdonisJS has no default port; 3333 is a convention (the starter kits' .env PORT=3333), set with PORT and HOST"
		r.warn("package.json: AdonisJS validates its environment at start (start/env.ts: APP_KEY, LOG_LEVEL, ...); pass those at run time, the image sets only NODE_ENV, PORT and HOST")
	}
	r.evidence("port", "package.json", portReason)
	r.f.PortEnv = true
	r.evidence("port_env", "package.json", fmt.Sprintf("%s's built server reads PORT", r.f.Framework))
	return true
}

// hapiLocalhost finds a hapi server bound to the loopback address.
var hapiLocalhost = regexp.MustCompile(`host\s*:\s*['"](?:localhost|127\.0\.0\.1)['"]`)

// nodeFrameworkPorts are the default ports of the Node.js frameworks that
// have one of their own besides 3000 (Strapi's and Sails' 1337), and the
// conventions of those that have none.
var nodeFrameworkPorts = map[string]struct {
	port   int
	reason string
}{
	"strapi": {1337, "Strapi listens on 1337 by default (PORT, HOST 0.0.0.0)"},
	"sails":  {1337, "Sails listens on 1337 by default (PORT)"},
	"hapi":   {3000, "no port in the code; 3000 is a convention, hapi has no default (an ephemeral port)"},
}

// nodeFrameworkPort is the port of a framework without one in the code:
// its default or a convention (said so in reason); 0 for the others.
func nodeFrameworkPort(framework string) (int, string) {
	p := nodeFrameworkPorts[framework]
	return p.port, p.reason
}

// NodeDefaultPort is the port a JavaScript framework listens on when
// nothing sets one (the Node.js and Bun stacks' default): a built
// server's, a framework's own, else 3000.
func NodeDefaultPort(framework string) int {
	if _, port, _ := BuiltServer("node", framework, ""); port != 0 {
		return port
	}
	if p, _ := nodeFrameworkPort(framework); p != 0 {
		return p
	}
	return 3000
}

// qwikServe is the serve script of a Qwik City adapter: node
// server/entry.express (or entry.fastify, entry.node-server).
var qwikServe = regexp.MustCompile(`^node\s+(server/entry\.[\w-]+(?:\.m?js)?)$`)

// qwikServer runs the server a Qwik City adapter builds (scripts.serve,
// `node server/entry.express`); its start script is Vite's dev server, so
// without an adapter there is no command, only a warning.
func qwikServer(fsys fs.FS, r *recorder, pkg packageJSON, rt string) {
	m := qwikServe.FindStringSubmatch(strings.TrimSpace(pkg.Scripts["serve"]))
	if m == nil {
		r.warn("package.json: Qwik City without a Node.js adapter builds no server (its start script is Vite's dev server); add one (npm run qwik add express) or pass --cmd")
		return
	}
	r.f.Command = []string{rt, m[1]}
	r.evidence("command", "package.json", "scripts.serve = "+quote(pkg.Scripts["serve"])+": the adapter's server build")
	adapter := strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(m[1], ".js"), ".mjs"), "server/")
	for _, ext := range []string{".tsx", ".ts", ".js"} {
		entry := "src/" + adapter + ext
		if src, ok := readSource(fsys, entry); ok {
			r.evidence("entrypoint", entry, "the adapter's server entry")
			if p := firstPort(src, nodeEnvPort, nodeListen, nodePortOption); p != 0 {
				r.f.Port = p
				r.evidence("port", entry, fmt.Sprintf("listens on %d", p))
				return
			}
		}
	}
	r.f.Port = 3000
	r.evidence("port", "package.json", "no port in the adapter's entry; 3000 is a convention (PORT)")
}

// BuiltServer is the start command, default port and reason of a
// JavaScript meta-framework whose build writes a server of its own, run
// by rt ("node", "bun", or "deno" with deno run -A): Next.js standalone server.js, Nuxt's .output,
// SvelteKit's adapter-node build/, Astro's @astrojs/node dist/server,
// remix-serve on Remix's server build. nil for other frameworks (and for
// Next.js without standalone output, which runs next start). The spec's
// default commands of the Node.js and Bun stacks use it too.
func BuiltServer(rt, framework, outputDir string) (cmd []string, port int, reason string) {
	run := func(file string) []string {
		if rt == "deno" {
			return []string{"deno", "run", "-A", file}
		}
		return []string{rt, file}
	}
	port = 3000
	switch {
	case framework == "next" && outputDir == ".next/standalone":
		cmd, reason = run("server.js"), "standalone output runs .next/standalone/server.js"
	case framework == "nuxt":
		cmd, reason = run(".output/server/index.mjs"), "nuxt build writes the server to .output/server/index.mjs"
	case framework == "sveltekit":
		cmd, reason = run("build"), "@sveltejs/adapter-node writes the server to build/"
		if rt != "node" {
			cmd = run("./build/index.js") // `bun build` is Bun's bundler; deno runs files
		}
	case framework == "astro":
		cmd, reason = run("./dist/server/entry.mjs"), "@astrojs/node (standalone) writes the server to dist/server/entry.mjs"
		port = 4321
	case framework == "remix":
		cmd, reason = []string{"node_modules/.bin/remix-serve", "./build/server/index.js"}, "remix-serve serves the server build"
		if rt == "bun" {
			cmd = append([]string{"bun"}, cmd...)
		}
	case framework == "react-router":
		cmd, reason = []string{"node_modules/.bin/react-router-serve", "./build/server/index.js"}, "react-router-serve (@react-router/serve) serves the server build"
		if rt == "bun" {
			cmd = append([]string{"bun"}, cmd...)
		}
	case framework == "solid-start":
		cmd, reason = run(".output/server/index.mjs"), "SolidStart's build (Nitro) writes the server to .output/server/index.mjs"
	case framework == "adonisjs":
		cmd, reason = run("build/bin/server.js"), "node ace build writes the compiled app to build/ (its bin/server.js starts the HTTP server)"
		port = 3333
	default:
		return nil, 0, ""
	}
	return cmd, port, reason
}

// scriptBins are CLIs whose start scripts can run directly from
// node_modules/.bin, without a package manager in the final image.
var scriptBins = map[string]bool{"next": true, "nuxt": true, "remix-serve": true, "astro": true, "fastify": true, "react-router-serve": true, "strapi": true}

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

// BuiltServerReadsPort reports whether the framework's production server
// is one its build writes (BuiltServer, and Qwik City's adapters), all of
// which read PORT: the image then sets it.
func BuiltServerReadsPort(framework, outputDir string) bool {
	cmd, _, _ := BuiltServer("node", framework, outputDir)
	return cmd != nil || framework == "qwik"
}
