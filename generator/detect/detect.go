package detect

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// maxReadSize caps every file read during detection. Manifests and the few
// source files scanned for a port are small; anything larger is skipped (a
// manifest) or scanned only up to the cap (a source file).
const maxReadSize = 256 << 10

// Detect reads the repository in fsys (rooted at the repository) and returns
// what it found. It never fails: unreadable or malformed files become
// Warnings, and an empty repository yields the zero Facts.
//
// Detectors run in this fixed order: python, node, go. Each reads only known
// file paths (plus fs.ReadDir of a few specific folders, at most two levels
// deep, never dependency or build folders), so detection stays fast whatever
// sits in node_modules.
//
// A language found from its code alone, with no manifest (Facts.FromSource),
// is dropped when another language has one. When more than one language
// is then present, one is chosen by, in order:
//  1. a language whose detector found a start entry (a start command, or a
//     Go main package) beats one that did not: a package.json that only
//     builds frontend assets does not outrank a Django app's manage.py;
//  2. then one with a detected framework;
//  3. then the fixed precedence go, rust, python, node (a go.mod, Cargo.toml
//     or Python app beside a package.json is far more often a service with
//     frontend tooling than the reverse); java and dotnet rank with python.
//
// Bun (bun.lock, bun.lockb, bunfig.toml, packageManager bun@) and Deno
// (deno.json, deno.jsonc, deno.lock) replace Node.js outright: their
// package.json is theirs, so node is no candidate beside them.
//
// The choice is recorded as a warning naming the files of each candidate.
// Warnings of every detector are kept, in detection order.
//
// A Procfile's web: line then replaces the detected start command
// (applyProcfile, procfile.go).
//
// The runtime version then comes, for every language, first from the
// version managers' files (mise.toml, .mise.toml, .tool-versions: they
// pin), and only then from the stack's own files, which stay listed as
// candidates (applyVersionFiles, toolversions.go).
//
// Only regular files and folders are read, through a guard: a named pipe, a
// socket or a device is never opened (a pipe would hang), and an entry the
// FS refuses (os.Root's FS: a symlink that leaves the repository, a loop) is
// skipped; each is named in a warning, as is a manifest that is a folder.
func Detect(fsys fs.FS) Facts {
	g := newRegularFS(fsys)
	f := chooseLanguage(g)
	ownFiles(g, &f)
	applyProcfile(g, &f)
	applyVersionFiles(g, &f)
	frontEndNode(g, &f)
	explainChoices(g, &f)
	f.Warnings = append(f.Warnings, g.warnings()...)
	return f
}

// chooseLanguage runs the detectors and picks one language's Facts by the
// rules documented on Detect.
func chooseLanguage(fsys fs.FS) Facts {
	var found []candidate
	for _, d := range []struct {
		lang string
		run  func(fs.FS) (Facts, bool)
	}{
		{"python", detectPython},
		{"node", detectNode},
		// Plain HTML only; a package.json whose build writes a static
		// site is turned into one by detectNode. Lowest precedence.
		{"static", detectStatic},
		{"go", detectGo},
		{"rust", detectRust},
		{"bun", detectBun},
		{"deno", detectDeno},
		{"ruby", detectRuby},
		{"php", detectPHP},
		{"elixir", detectElixir},
		{"java", detectJava},
		{"dotnet", detectDotnet},
	} {
		if f, ok := d.run(fsys); ok {
			found = append(found, candidate{lang: d.lang, facts: f})
		}
	}
	// A bun.lock or deno.json makes the package.json beside it a Bun or
	// Deno project: the Node.js candidate is the same project.
	if slices.ContainsFunc(found, func(c candidate) bool { return c.lang == "bun" || c.lang == "deno" }) {
		found = slices.DeleteFunc(found, func(c candidate) bool { return c.lang == "node" })
	}
	// A language found from its code alone (an app.py importing flask, no
	// manifest) is no candidate beside one that has a manifest.
	if slices.ContainsFunc(found, func(c candidate) bool { return !c.facts.FromSource }) {
		found = slices.DeleteFunc(found, func(c candidate) bool { return c.facts.FromSource })
	}
	switch len(found) {
	case 0:
		return Facts{}
	case 1:
		return found[0].facts
	}
	best := 0
	for i := 1; i < len(found); i++ {
		if found[i].rank() > found[best].rank() {
			best = i
		}
	}
	out := found[best].facts
	var warnings, names []string
	var others []Candidate
	for i, c := range found {
		names = append(names, fmt.Sprintf("%s (%s)", c.lang, c.markerFile()))
		warnings = append(warnings, c.facts.Warnings...)
		if i != best {
			others = append(others, Candidate{Value: c.lang, File: c.markerFile(), Reason: c.markerFile() + " exists"})
		}
	}
	// The language evidence says which rule chose it and what else was seen.
	out.Evidence = slices.Clone(out.Evidence)
	if i := evidenceIndex(&out, "language"); i >= 0 {
		out.Evidence[i].Rule = found[best].why()
		out.Evidence[i].Candidates = others
	}
	warnings = append(warnings, fmt.Sprintf("%s: several languages found: %s; chose %s (%s); pass --language to override",
		found[best].markerFile(), strings.Join(names, ", "), found[best].lang, found[best].why()))
	out.Warnings = warnings
	return out
}

// candidate is one language's detection result while choosing between them.
type candidate struct {
	lang  string
	facts Facts
}

// precedence is the last tie-break between languages; higher wins.
func (c candidate) precedence() int {
	switch c.lang {
	case "go":
		return 4
	case "rust":
		return 3
	case "python", "ruby", "php", "elixir":
		// Ruby, PHP and Elixir apps carry a package.json for their assets
		// far more often than the reverse; between them, detector order.
		return 2
	case "java", "dotnet":
		// Spring Boot or ASP.NET Core apps with a frontend build beside
		// them: the service is the JVM or .NET one.
		return 2
	case "node", "bun", "deno":
		return 1
	}
	return 0
}

func (c candidate) hasEntry() bool {
	return c.facts.Command != nil || c.facts.GoMain != "" || c.facts.Binary != ""
}

// rank orders candidates by the rules documented on Detect.
func (c candidate) rank() int {
	r := c.precedence()
	if c.facts.Framework != "" {
		r += 10
	}
	if c.hasEntry() {
		r += 100
	}
	return r
}

func (c candidate) why() string {
	switch {
	case c.hasEntry():
		return "it has a start entry"
	case c.facts.Framework != "":
		return "it has a framework"
	}
	return "by precedence go > python > node"
}

// markerFile is the file that made the language detected.
func (c candidate) markerFile() string {
	for _, e := range c.facts.Evidence {
		if e.Field == "language" {
			return e.File
		}
	}
	return c.lang
}

// skipDirs are never listed or read: dependency, VCS, virtualenv, cache and
// build output folders.
var skipDirs = map[string]bool{
	"node_modules": true, ".git": true, "vendor": true, ".venv": true,
	"venv": true, "env": true, "__pycache__": true, "dist": true,
	"build": true, "target": true, ".next": true, ".tox": true,
	".mypy_cache": true,
}

// skipDir reports whether a folder of this name must not be searched.
// Hidden folders and testdata are skipped too.
func skipDir(name string) bool {
	return skipDirs[name] || strings.HasPrefix(name, ".") || name == "testdata"
}

// inSkippedDir reports whether a slash path lies in a folder that is never
// read (build output such as dist/, dependencies such as node_modules/).
func inSkippedDir(p string) bool {
	parts := strings.Split(p, "/")
	for _, d := range parts[:len(parts)-1] {
		if skipDirs[d] {
			return true
		}
	}
	return false
}

// exists reports whether name is a regular file (not a folder, not a
// special file) in fsys.
func exists(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.Mode().IsRegular()
}

// firstExisting is the first of names that exists as a file, "" when none.
func firstExisting(fsys fs.FS, names []string) string {
	for _, n := range names {
		if exists(fsys, n) {
			return n
		}
	}
	return ""
}

// errTooLarge is returned by readFile when the file exceeds maxReadSize.
var errTooLarge = errors.New("larger than 256 KiB")

// readFile reads a whole small file. It returns errTooLarge (with the first
// maxReadSize bytes) when the file is bigger than maxReadSize.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxReadSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxReadSize {
		return data[:maxReadSize], errTooLarge
	}
	return data, nil
}

// readManifest reads a manifest that must be parsed whole. ok is false when
// the file is absent; a read problem is returned as a one-line warning.
func readManifest(fsys fs.FS, name string) (data []byte, ok bool, warning string) {
	if !exists(fsys, name) {
		return nil, false, ""
	}
	data, err := readFile(fsys, name)
	if err != nil {
		return nil, false, fmt.Sprintf("%s: not read: %s", name, oneLine(err.Error()))
	}
	return data, true, ""
}

// readSource reads a source file for scanning, up to maxReadSize; ok is
// false when it is absent or unreadable.
func readSource(fsys fs.FS, name string) ([]byte, bool) {
	if !exists(fsys, name) {
		return nil, false
	}
	data, err := readFile(fsys, name)
	if err != nil && !errors.Is(err, errTooLarge) {
		return nil, false
	}
	return data, true
}

// stripLineComments drops the lines that start with marker ("#", "//"),
// white space aside, so a scan of source code does not read commented-out
// code (a `// app.listen(9999)`, a `# import flask`). Comments after code
// stay: telling them from a "//" or "#" inside a string needs a parser.
func stripLineComments(src []byte, marker string) []byte {
	var out []byte
	for _, line := range bytes.SplitAfter(src, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte(marker)) {
			out = append(out, line...)
		}
	}
	return out
}

// firstLine returns the first line that is neither blank nor a # comment,
// trimmed; "" when there is none.
func firstLine(data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		return line
	}
	return ""
}

// oneLine keeps the first line of s, trimmed, so warnings stay one line.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(s)
}

// firstPort returns the first port that one of the patterns captures in src
// (the first submatch), trying patterns in order; 0 when none matches.
func firstPort(src []byte, patterns ...*regexp.Regexp) int {
	for _, re := range patterns {
		for _, m := range re.FindAllSubmatch(src, -1) {
			if p := parsePort(string(m[1])); p != 0 {
				return p
			}
		}
	}
	return 0
}

// loopbackAddr is a literal address on the loopback interface
// ("localhost:8080", "127.0.0.1:3000", "[::1]:80").
var loopbackAddr = regexp.MustCompile(`"(?:localhost|127\.0\.0\.1|\[::1\]):(\d{2,5})"`)

// warnLoopback warns when the port was found in a loopback address: a
// server bound there inside a container is not reachable through the
// published port, and dockgen cannot change the code.
func warnLoopback(r *recorder, file string, src []byte, port int) {
	if firstPort(src, loopbackAddr) == port {
		r.warn("%s: binds the loopback interface on port %d, which cannot be reached from outside the container; bind 0.0.0.0 (or \":%d\") instead", file, port, port)
	}
}

// unprivilegedPort handles a port below 1024 for an image that runs as a
// non-root user: when the app reads $PORT the image sets PORT=8080 instead
// (and EXPOSEs 8080); otherwise the port stays as the code binds it, with a
// warning naming the file (Docker sets net.ipv4.ip_unprivileged_port_start=0
// in containers, so it works there, but not everywhere).
func unprivilegedPort(r *recorder, file string, port int, reason string) (int, string) {
	if port == 0 || port >= 1024 {
		return port, reason
	}
	if r.f.PortEnv {
		return 8080, reason + ", a privileged port; the app reads PORT, so the image sets PORT=8080 for its non-root user"
	}
	r.warn("%s: listens on :%d, a port below 1024: the image's non-root user may bind it under Docker (which sets net.ipv4.ip_unprivileged_port_start=0 in the container), not under a runtime that keeps the kernel's 1024; EXPOSE %d as the code says, or read the port from $PORT", file, port, port)
	return port, reason
}

// parsePort parses a TCP port number, 0 when it is not one.
func parsePort(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0
	}
	return n
}

// recorder accumulates Facts, their evidence and warnings for one detector.
type recorder struct {
	f Facts
}

func (r *recorder) evidence(field, file, reason string) {
	r.f.Evidence = append(r.f.Evidence, Evidence{Field: field, File: file, Reason: reason})
}

// drop removes the evidence of field, for a value found again later.
func (r *recorder) drop(field string) {
	r.f.Evidence = slices.DeleteFunc(r.f.Evidence, func(e Evidence) bool { return e.Field == field })
}

func (r *recorder) warn(format string, args ...any) {
	r.f.Warnings = append(r.f.Warnings, oneLine(fmt.Sprintf(format, args...)))
}

// manifests appends the files among names that exist, in order.
func (r *recorder) manifests(fsys fs.FS, names ...string) {
	for _, n := range names {
		if exists(fsys, n) && !contains(r.f.Manifests, n) {
			r.f.Manifests = append(r.f.Manifests, n)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// dotted turns a slash path to a Python file into its module name:
// "app/main.py" -> "app.main", "app/__init__.py" -> "app".
func dotted(file string) string {
	file = strings.TrimSuffix(file, ".py")
	file = strings.TrimSuffix(file, "/__init__")
	return strings.ReplaceAll(file, "/", ".")
}

// quote formats s for an evidence reason.
func quote(s string) string { return strconv.Quote(s) }
