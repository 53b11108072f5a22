package detect

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
)

// nodeScriptEntries are the files a Node.js app without a package.json is
// found by, when they import an HTTP framework or create a node:http server.
var nodeScriptEntries = []string{"server.js", "app.js", "index.js", "main.js", "server.mjs", "app.mjs", "index.mjs", "main.mjs", "server.cjs", "app.cjs", "index.cjs"}

// nodeImport finds require('x'), import('x'), import ... from 'x' and
// import 'x'.
var nodeImport = regexp.MustCompile(`(?m)(?:\brequire\(\s*|\bimport\(\s*|\bfrom\s+|^\s*import\s+)['"]([^'"\s]+)['"]`)

// nodeHTTPServer finds a server made with node:http or node:https alone.
var nodeHTTPServer = regexp.MustCompile(`\bcreateServer\s*\(`)

// nodeBuiltins are Node.js's own modules (imported with or without node:).
var nodeBuiltins = map[string]bool{
	"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true, "console": true,
	"crypto": true, "dgram": true, "diagnostics_channel": true, "dns": true, "events": true, "fs": true,
	"http": true, "http2": true, "https": true, "module": true, "net": true, "os": true, "path": true,
	"perf_hooks": true, "process": true, "querystring": true, "readline": true, "stream": true,
	"string_decoder": true, "timers": true, "tls": true, "tty": true, "url": true, "util": true, "v8": true,
	"vm": true, "worker_threads": true, "zlib": true,
}

// nodeMajors are the current major versions of the packages a
// manifest-less app most often imports (checked against the npm registry
// when this table was written); others install unpinned, with a warning.
var nodeMajors = map[string]string{
	"express": "5", "fastify": "5", "koa": "3", "hono": "4", "@hono/node-server": "2", "@koa/router": "15",
	"cors": "2", "body-parser": "2", "morgan": "1", "dotenv": "18",
}

// npmName is a package name npm accepts that is also safe in a RUN line.
var npmName = regexp.MustCompile(`^(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*$`)

// detectNodeScript detects a Node.js app that has no package.json: a
// conventional entry file that imports an HTTP framework of
// nodeFrameworks (or serves with node:http). The packages it and the local
// modules it requires import become AddPackages, installed in the image.
func detectNodeScript(fsys fs.FS) (Facts, bool) {
	for _, entry := range nodeScriptEntries {
		src, ok := readSource(fsys, entry)
		if !ok {
			continue
		}
		imports := nodeImports(src)
		framework, dep := "", ""
		for _, fw := range nodeFrameworks {
			for _, d := range fw.deps {
				if framework == "" && slices.Contains(imports, d) {
					framework, dep = fw.name, d
				}
			}
		}
		plainHTTP := (slices.Contains(imports, "http") || slices.Contains(imports, "https")) && nodeHTTPServer.Match(src)
		if framework == "" && !plainHTTP {
			continue
		}
		r := &recorder{}
		r.f.Language = "node"
		r.f.FromSource = true // a manifest of another language outranks it
		if framework != "" {
			r.evidence("language", entry, "imports "+dep+" (no package.json)")
			r.f.Framework = framework
			r.evidence("framework", entry, "imports "+dep)
		} else {
			r.evidence("language", entry, "serves with node:http (no package.json)")
		}
		nodeVersion(fsys, r, packageJSON{})
		r.f.PackageManager = "npm"
		r.evidence("package_manager", entry, "no package.json: npm installs the imported packages")
		// The local modules the entry requires import packages too.
		for _, m := range nodeRequire.FindAllSubmatch(src, -1) {
			if f := resolveJS(fsys, path.Join(path.Dir(entry), string(m[3]))); f != "" {
				if msrc, ok := readSource(fsys, f); ok {
					for _, p := range nodeImports(msrc) {
						if !slices.Contains(imports, p) {
							imports = append(imports, p)
						}
					}
				}
			}
		}
		var pinned, unpinned []string
		for _, p := range imports {
			if nodeBuiltins[p] {
				continue
			}
			if !npmName.MatchString(p) {
				r.warn("%s: imports %s, which is not a package name npm can install; skipped", entry, quote(p))
				continue
			}
			r.f.Dependencies = append(r.f.Dependencies, p)
			if major, ok := nodeMajors[p]; ok {
				pinned = append(pinned, p+"@"+major)
			} else {
				pinned = append(pinned, p)
				unpinned = append(unpinned, p)
			}
		}
		slices.Sort(r.f.Dependencies)
		r.f.AddPackages = pinned
		if len(pinned) > 0 {
			msg := entry + ": no package.json; the image installs the packages it imports (" + strings.Join(pinned, " ") + ")"
			if len(unpinned) > 0 {
				msg += ", " + strings.Join(unpinned, ", ") + " at whatever version is current"
			}
			r.warn("%s; a package.json with a lockfile (npm init -y && npm install %s) would make the build reproducible", msg, strings.Join(r.f.Dependencies, " "))
		}
		r.f.Command = []string{"node", entry}
		r.evidence("command", entry, entry+" is the app (no package.json)")
		r.evidence("entrypoint", entry, "start file")
		if !nodePort(fsys, r, entry) && (r.f.Framework != "" || r.f.PortEnv || plainHTTP) {
			nodeDefaultPort(r, entry)
		}
		return r.f, true
	}
	return Facts{}, false
}

// nodeImports lists the packages src imports, in order, once each: "x"
// for "x/sub", "@s/x" for "@s/x/sub", builtins without "node:"; relative
// and absolute paths are not packages.
func nodeImports(src []byte) []string {
	var out []string
	for _, m := range nodeImport.FindAllSubmatch(stripLineComments(src, "//"), -1) {
		spec := string(m[1])
		if strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") && !strings.HasPrefix(spec, "node:") {
			continue
		}
		spec = strings.TrimPrefix(spec, "node:")
		parts := strings.Split(spec, "/")
		name := parts[0]
		if strings.HasPrefix(name, "@") && len(parts) > 1 {
			name += "/" + parts[1]
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}
