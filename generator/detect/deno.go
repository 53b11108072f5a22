package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
)

// denoConfig is the part of deno.json(c) detection reads.
type denoConfig struct {
	Tasks   map[string]any    `json:"tasks"`
	Imports map[string]string `json:"imports"`
}

// denoEntries are the conventional entry files of a Deno app, in order.
var denoEntries = []string{"main.ts", "src/main.ts", "server.ts", "src/server.ts", "mod.ts", "index.ts", "main.js"}

// denoFrameworks map an import specifier's package to a framework name.
var denoFrameworks = []struct{ spec, name string }{
	{"@hono/hono", "hono"}, {"hono", "hono"}, {"@oak/oak", "oak"}, {"oak", "oak"}, {"@fresh/core", "fresh"}, {"express", "express"},
}

// denoPermissions are the flags dockgen's default command grants: network
// and environment for a server, reading its own files.
var denoPermissions = []string{"--allow-net", "--allow-env", "--allow-read"}

// detectDeno detects a Deno project (deno.json, deno.jsonc or deno.lock);
// ok is false without one.
func detectDeno(fsys fs.FS) (Facts, bool) {
	marker := firstExisting(fsys, []string{"deno.json", "deno.jsonc", "deno.lock"})
	if marker == "" {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "deno"
	r.f.PackageManager = "deno"
	r.evidence("language", marker, marker+" exists")
	r.evidence("package_manager", marker, "Deno's built-in dependency management")
	r.manifests(fsys, "deno.json", "deno.jsonc", "deno.lock", "package.json")

	var cfg denoConfig
	for _, f := range []string{"deno.json", "deno.jsonc"} {
		data, ok, w := readManifest(fsys, f)
		if w != "" {
			r.warn("%s", w)
		}
		if !ok {
			continue
		}
		if err := json.Unmarshal(stripJSONC(data), &cfg); err != nil {
			r.warn("%s: invalid JSON: %s", f, jsonReason(data, err))
		}
		break
	}
	r.f.Dependencies = sortedKeys(toAny(cfg.Imports))
	for _, fw := range denoFrameworks {
		if framework := denoImports(cfg.Imports, fw.spec); framework != "" {
			r.f.Framework = fw.name
			r.evidence("framework", marker, "imports "+framework)
			break
		}
	}
	if r.f.Framework == "" {
		// Fresh 1.x is imported from deno.land/x ("$fresh/": ".../x/fresh@1.7.3/").
		for _, key := range sortedKeys(toAny(cfg.Imports)) {
			if strings.Contains(cfg.Imports[key], "deno.land/x/fresh@") {
				r.f.Framework = "fresh"
				r.evidence("framework", marker, "imports "+cfg.Imports[key])
				break
			}
		}
	}
	if r.f.Framework == "" && exists(fsys, "package.json") && denoNodeFramework(fsys, r) {
		return r.f, true
	}
	denoCommand(fsys, r, cfg)
	return r.f, true
}

// denoImports returns the import target naming package spec ("jsr:@hono/hono@^4",
// "npm:hono@4"), "" when none does.
func denoImports(imports map[string]string, spec string) string {
	for _, key := range sortedKeys(toAny(imports)) {
		t := imports[key]
		for _, prefix := range []string{"jsr:", "npm:", "jsr:/", "npm:/"} {
			rest, ok := strings.CutPrefix(t, prefix)
			if ok && (rest == spec || strings.HasPrefix(rest, spec+"@") || strings.HasPrefix(rest, spec+"/")) {
				return t
			}
		}
	}
	return ""
}

func toAny(m map[string]string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// denoCommand: tasks.start when it is a plain `deno run`/`deno serve`
// line, else deno run with network, environment and read permissions on
// the task's entry or a conventional one. The port comes from the entry,
// else Deno.serve's default 8000.
func denoCommand(fsys fs.FS, r *recorder, cfg denoConfig) {
	entry := ""
	taskOf := func(name string) string {
		switch t := cfg.Tasks[name].(type) {
		case string:
			return t
		case map[string]any:
			s, _ := t["command"].(string)
			return s
		}
		return ""
	}
	name, task := "start", taskOf("start")
	if strings.Contains(task, "--watch") {
		// Fresh 1.x's start task is its dev server; its preview task
		// runs main.ts in production mode.
		if p := taskOf("preview"); r.f.Framework == "fresh" && p != "" && !strings.Contains(p, "--watch") {
			r.warn("deno.json: tasks.start %s is a development server (--watch); using tasks.preview", quote(task))
			name, task = "preview", p
		}
	}
	if task != "" {
		fields := strings.Fields(task)
		if strings.Contains(task, "--watch") {
			r.warn("deno.json: tasks.start %s is a development server (--watch); running the entry file directly", quote(task))
		} else if scriptSafe.MatchString(task) && len(fields) >= 3 && fields[0] == "deno" && (fields[1] == "run" || fields[1] == "serve") {
			r.f.Command = fields
			r.evidence("command", "deno.json", "tasks."+name+" = "+quote(task))
			for _, f := range fields[2:] {
				if !strings.HasPrefix(f, "-") && exists(fsys, strings.TrimPrefix(f, "./")) {
					entry = strings.TrimPrefix(f, "./")
					break
				}
			}
		} else {
			r.warn("deno.json: tasks.start %s is not a plain deno run; running the entry file directly", quote(task))
		}
	}
	if entry == "" {
		entry = firstExisting(fsys, denoEntries)
	}
	if r.f.Command == nil && entry != "" {
		r.f.Command = append(append([]string{"deno", "run"}, denoPermissions...), entry)
		r.evidence("command", entry, entry+" exists; deno run with network, environment and read access")
	}
	if entry == "" {
		return
	}
	r.evidence("entrypoint", entry, "start file")
	if src, ok := readSource(fsys, entry); ok {
		if p := firstPort(src, jsEnvPort, jsPortKey, nodeListen); p != 0 {
			r.f.Port = p
			r.evidence("port", entry, fmt.Sprintf("listens on %d", p))
			return
		}
	}
	r.f.Port = 8000
	r.evidence("port", entry, "Deno.serve's default 8000")
}

// stripJSONC removes // and /* */ comments and trailing commas outside
// strings, turning deno.jsonc into JSON.
func stripJSONC(data []byte) []byte {
	var out []byte
	inStr, esc := false, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case inStr:
			out = append(out, c)
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			out = append(out, c)
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			i += 2
			for i+1 < len(data) && !(data[i] == '*' && data[i+1] == '/') {
				i++
			}
			i++
		case c == '}' || c == ']':
			// A trailing comma before a closing bracket.
			j := len(out) - 1
			for j >= 0 && (out[j] == ' ' || out[j] == '\n' || out[j] == '\t' || out[j] == '\r') {
				j--
			}
			if j >= 0 && out[j] == ',' {
				out = append(out[:j], out[j+1:]...)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// denoBuilds are the Node.js meta-frameworks Deno builds and runs from a
// package.json (Deno's own guides: Next.js, Astro, SvelteKit), with
// Node.js's knowledge of them (nodeFrameworks, BuiltServer).
var denoBuilds = map[string]bool{"next": true, "astro": true, "sveltekit": true}

// denoNodeFramework detects a meta-framework in the package.json of a
// Deno project: deno install installs node_modules from it, deno task
// build runs its build script, and deno runs the built server (with -A:
// these servers read the environment and files, use the network and the
// OS). false when package.json names none of them.
func denoNodeFramework(fsys fs.FS, r *recorder) bool {
	pkg, _ := readPackageJSON(fsys, r)
	probe := &recorder{}
	nodeFramework(probe, pkg)
	if !denoBuilds[probe.f.Framework] {
		return false
	}
	r.f.Framework = probe.f.Framework
	r.f.Evidence = append(r.f.Evidence, probe.f.Evidence...)
	r.f.Dependencies = append(r.f.Dependencies, pkg.Dependencies...)
	if _, ok := pkg.Scripts["build"]; ok {
		r.f.BuildScript = true
	} else {
		r.warn("package.json: %s needs a build (scripts.build) before it can serve; add one", r.f.Framework)
	}
	if r.f.Framework == "next" {
		nextOutput(fsys, r)
	}
	cmd, port, reason := BuiltServer("deno", r.f.Framework, r.f.OutputDir)
	if cmd == nil { // Next.js without standalone output
		cmd, port, reason = []string{"deno", "run", "-A", "npm:next", "start"}, 3000, "next start from node_modules (npm:next), run by deno"
		if p := firstPort([]byte(pkg.Scripts["start"]), nextPort); p != 0 {
			cmd, port = append(cmd, "-p", fmt.Sprint(p)), p
		}
	}
	r.f.Command = cmd
	r.evidence("command", "package.json", reason+"; -A: the server reads the environment and files, and uses the network and the OS")
	r.f.Port = port
	r.evidence("port", "package.json", fmt.Sprintf("%s listens on %d by default (PORT)", r.f.Framework, port))
	return true
}
