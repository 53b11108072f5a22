package detect

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

var (
	// jsPortKey finds `port: 8080` (Bun.serve, Deno.serve, an exported
	// server object).
	jsPortKey = regexp.MustCompile(`\bport\s*:\s*(\d{2,5})\b`)
	// jsEnvPort finds PORT fallbacks in Bun and Deno: Bun.env.PORT ?? 3000,
	// process.env.PORT || 3000, Deno.env.get("PORT") ?? 8000.
	jsEnvPort = regexp.MustCompile(`(?:\.env\.PORT|env\.get\(\s*["']PORT["']\s*\))\s*(?:\|\||\?\?)\s*['"]?(\d{2,5})\b`)
	// scriptSafe is a start script simple enough to run without a shell.
	scriptSafe = regexp.MustCompile("^[A-Za-z0-9_./:@=,+-]+( [A-Za-z0-9_./:@=,+-]+)*$")
)

// bunEntries are the conventional entry files of a Bun app, in order.
var bunEntries = []string{"src/index.ts", "index.ts", "src/server.ts", "server.ts", "src/main.ts", "main.ts", "src/index.js", "index.js", "server.js"}

// detectBun detects a Bun project: bun.lock, bun.lockb, bunfig.toml, or
// package.json's packageManager "bun@...". ok is false without one.
func detectBun(fsys fs.FS) (Facts, bool) {
	marker := firstExisting(fsys, []string{"bun.lock", "bun.lockb", "bunfig.toml"})
	r := &recorder{}
	pkg, hasPkg := readPackageJSON(fsys, r)
	if marker == "" && !strings.HasPrefix(pkg.PackageManager, "bun@") {
		return Facts{}, false
	}
	r.f.Language = "bun"
	r.f.PackageManager = "bun"
	if marker != "" {
		r.evidence("language", marker, marker+" exists")
		r.evidence("package_manager", marker, marker+" exists")
	} else {
		r.evidence("language", "package.json", "packageManager = "+quote(pkg.PackageManager))
		r.evidence("package_manager", "package.json", "packageManager = "+quote(pkg.PackageManager))
	}
	r.manifests(fsys, "package.json", "bun.lock", "bun.lockb", "bunfig.toml")
	if hasPkg && !exists(fsys, "bun.lock") && !exists(fsys, "bun.lockb") {
		r.warn("package.json: no bun.lock; the install resolves dependency versions afresh (run bun install and commit bun.lock)")
	}

	// Version: .bun-version (setup-bun's file), then packageManager.
	if data, ok := readSource(fsys, ".bun-version"); ok && firstLine(data) != "" {
		v := strings.TrimPrefix(firstLine(data), "v")
		r.f.Version = VersionReq{Raw: v, Pinned: true, Source: ".bun-version"}
		r.evidence("version", ".bun-version", ".bun-version pins "+quote(firstLine(data)))
	} else if v, ok := strings.CutPrefix(pkg.PackageManager, "bun@"); ok && v != "" {
		v, _, _ = strings.Cut(v, "+")
		r.f.Version = VersionReq{Raw: v, Pinned: true, Source: "package.json"}
		r.evidence("version", "package.json", "packageManager = "+quote(pkg.PackageManager))
	}

	if r.f.Version.Raw == "" {
		bunLockVersion(fsys, r)
	}

	r.f.Dependencies = pkg.Dependencies
	// The frameworks are Node.js's (one table, nodeFrameworks): Next.js,
	// Nuxt, Astro, SvelteKit and Remix build and run under Bun as under
	// Node.js, with bun running the built server.
	nodeFramework(r, pkg)
	if bunBuilds[r.f.Framework] {
		if _, ok := pkg.Scripts["build"]; ok {
			r.f.BuildScript = true
		} else {
			r.warn("package.json: %s needs a build (scripts.build, e.g. %q) before it can serve; add one", r.f.Framework, r.f.Framework+" build")
		}
	}
	if r.f.Framework == "next" {
		nextOutput(fsys, r)
	}
	if r.f.BuildScript && nodeBuiltServer(fsys, r, pkg, "bun") {
		return r.f, true
	}
	bunCommand(fsys, r, pkg)
	return r.f, true
}

// bunBuilds are the frameworks whose server exists only after their build
// (scripts.build): the Dockerfile then builds in a stage of its own.
var bunBuilds = map[string]bool{"next": true, "nuxt": true, "remix": true, "astro": true, "sveltekit": true, "solid-start": true, "react-router": true, "qwik": true}

// bunLockText finds bun.lock's lockfileVersion. Bun 1.2 introduced the
// text lockfile (lockfileVersion 0 and 1, written up to 1.3); Bun 1.4
// writes lockfileVersion 2 with a configVersion, which Bun 1.2 and 1.3
// ignore ("Ignoring lockfile"), so a frozen install fails there.
var bunLockText = regexp.MustCompile(`"lockfileVersion"\s*:\s*(\d+)`)

// bunLockVersion derives the Bun release a lockfile needs when nothing
// pins one: the text bun.lock's generation is a floor for the image.
func bunLockVersion(fsys fs.FS, r *recorder) {
	src, ok := readSource(fsys, "bun.lock")
	if !ok {
		return
	}
	m := bunLockText.FindSubmatch(src)
	if m == nil {
		return
	}
	floor, reason := "1.2", "text lockfile (Bun 1.2 and later)"
	if n, _ := strconv.Atoi(string(m[1])); n >= 2 {
		floor, reason = "1.4", "written by Bun 1.4 and later (earlier releases ignore it)"
	}
	r.f.Version = VersionReq{Raw: ">=" + floor, Pinned: false, Source: "bun.lock"}
	r.evidence("version", "bun.lock", fmt.Sprintf("lockfileVersion %s: %s", m[1], reason))
}

// bunCommand: a simple scripts.start run directly (bun run src/index.ts),
// else bun run start; else package.json "module" or "main"; else a
// conventional entry file. The port comes from the entry, else 3000 (Bun's
// default for Bun.serve and Hono).
func bunCommand(fsys fs.FS, r *recorder, pkg packageJSON) {
	entry := ""
	if script, ok := pkg.Scripts["start"]; ok {
		fields := strings.Fields(script)
		switch {
		case scriptSafe.MatchString(script) && len(fields) >= 2 && fields[0] == "bun" && fields[1] == "run" && len(fields) >= 3:
			r.f.Command = fields
		case scriptSafe.MatchString(script) && len(fields) >= 2 && fields[0] == "bun":
			r.f.Command = append([]string{"bun", "run"}, fields[1:]...)
		case scriptSafe.MatchString(script) && scriptBins[fields[0]]:
			// next start: the package's CLI, run by bun itself (the
			// image has no node for its #!/usr/bin/env node line).
			r.f.Command = append([]string{"bun", "node_modules/.bin/" + fields[0]}, fields[1:]...)
			if p := firstPort([]byte(script), nextPort); p != 0 && r.f.Framework == "next" {
				r.f.Port = p
				r.evidence("port", "package.json", "scripts.start sets the port: "+quote(script))
			}
		default:
			r.f.Command = []string{"bun", "run", "start"}
		}
		r.evidence("command", "package.json", "scripts.start = "+quote(script))
		for _, f := range fields {
			if resolved := resolveJS(fsys, f); resolved != "" && f != "bun" && f != "run" {
				entry = resolved
				break
			}
		}
	} else if m := packageModule(fsys); m != "" || pkg.Main != "" {
		if m == "" {
			m = pkg.Main
		}
		if f := resolveJS(fsys, m); f != "" {
			r.f.Command = []string{"bun", "run", f}
			r.evidence("command", "package.json", "module/main = "+quote(m))
			entry = f
		}
	}
	if entry == "" {
		entry = firstExisting(fsys, bunEntries)
	}
	if r.f.Command == nil && entry != "" {
		r.f.Command = []string{"bun", "run", entry}
		r.evidence("command", entry, entry+" exists (no start script, module or main)")
	}
	if r.f.Port != 0 {
		return
	}
	if entry != "" {
		r.evidence("entrypoint", entry, "start file")
		if src, ok := readSource(fsys, entry); ok {
			if p := firstPort(src, jsEnvPort, jsPortKey, nodeListen); p != 0 {
				r.f.Port = p
				r.evidence("port", entry, fmt.Sprintf("listens on %d", p))
				return
			}
		}
	}
	if r.f.Command != nil {
		r.f.Port = 3000
		reason := "Bun.serve's default 3000"
		if bunBuilds[r.f.Framework] {
			r.f.Port = NodeDefaultPort(r.f.Framework) // Astro's 4321 too
			reason = fmt.Sprintf("%s listens on %d by default", r.f.Framework, r.f.Port)
		}
		r.evidence("port", "package.json", reason)
	}
}

// packageModule is package.json's "module" field (bun init writes it),
// "" when absent or not a string.
func packageModule(fsys fs.FS) string {
	data, err := readFile(fsys, "package.json")
	if err != nil {
		return ""
	}
	var v struct {
		Module any `json:"module"`
	}
	if json.Unmarshal(data, &v) != nil {
		return ""
	}
	s, _ := v.Module.(string)
	return s
}
