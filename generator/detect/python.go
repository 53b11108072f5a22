package detect

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// pythonMarkers make a repository a Python one, checked in this order; the
// first found is the language evidence.
var pythonMarkers = []string{
	"pyproject.toml", "requirements.txt", "Pipfile", "Pipfile.lock",
	"poetry.lock", "uv.lock", "pdm.lock", "setup.py", "manage.py",
}

// pyproject is the part of pyproject.toml detection reads.
type pyproject struct {
	Project *struct {
		Name           string            `toml:"name"`
		RequiresPython string            `toml:"requires-python"`
		Dependencies   []string          `toml:"dependencies"`
		Scripts        map[string]string `toml:"scripts"`
	} `toml:"project"`
	Tool struct {
		Poetry *struct {
			Dependencies map[string]any `toml:"dependencies"`
		} `toml:"poetry"`
		PDM map[string]any `toml:"pdm"`
	} `toml:"tool"`
}

// pipfile is the part of a Pipfile detection reads.
type pipfile struct {
	Requires struct {
		PythonVersion     string `toml:"python_version"`
		PythonFullVersion string `toml:"python_full_version"`
	} `toml:"requires"`
	Packages map[string]any `toml:"packages"`
}

// readTOML parses a TOML manifest into v. ok is false when the file is absent
// or malformed; a malformed or unreadable file is recorded as a warning.
func readTOML(fsys fs.FS, r *recorder, name string, v any) bool {
	data, ok, w := readManifest(fsys, name)
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return false
	}
	if err := toml.Unmarshal(data, v); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			r.warn("%s: invalid TOML: line %d: %s", name, row, strings.TrimPrefix(oneLine(de.Error()), "toml: "))
		} else {
			r.warn("%s: invalid TOML: %s", name, strings.TrimPrefix(oneLine(err.Error()), "toml: "))
		}
		return false
	}
	return true
}

// pyDeps collects direct dependency names, remembering the first file that
// declared each and the extras asked for.
type pyDeps struct {
	from   map[string]string
	extras map[string][]string
}

func (d *pyDeps) add(name, file string, extras []string) {
	if name == "" || name == "python" {
		return
	}
	if d.from == nil {
		d.from = map[string]string{}
		d.extras = map[string][]string{}
	}
	if _, ok := d.from[name]; !ok {
		d.from[name] = file
	}
	d.extras[name] = append(d.extras[name], extras...)
}

func (d *pyDeps) has(name string) bool { _, ok := d.from[name]; return ok }

// sorted returns the names in order, nil when there are none.
func (d *pyDeps) sorted() []string { return sortedKeys(d.from) }

var (
	// reqName is a PEP 508 distribution name at the start of a requirement.
	reqName   = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?`)
	reqExtras = regexp.MustCompile(`^\s*\[([^\]]*)\]`)
	nameSeps  = regexp.MustCompile(`[-_.]+`)
)

// normalizeName normalizes a Python distribution name (PEP 503): lowercase,
// runs of "-", "_" and "." become "-".
func normalizeName(s string) string {
	return nameSeps.ReplaceAllString(strings.ToLower(strings.TrimSpace(s)), "-")
}

// parseRequirement returns the normalized name and extras of one PEP 508
// requirement ("Flask[async]>=3.0; python_version>'3.8'" -> "flask",
// ["async"]); "" when the line names no distribution.
func parseRequirement(s string) (name string, extras []string) {
	s = strings.TrimSpace(s)
	raw := reqName.FindString(s)
	if raw == "" {
		return "", nil
	}
	if m := reqExtras.FindStringSubmatch(s[len(raw):]); m != nil {
		for _, e := range strings.Split(m[1], ",") {
			if e = normalizeName(e); e != "" {
				extras = append(extras, e)
			}
		}
	}
	return normalizeName(raw), extras
}

// requirementsFile is one parsed requirements file.
type requirementsFile struct {
	names    []string
	extras   [][]string
	includes []string // -r / -c files it names, relative to the root
	// constraints are the includes named with -c: they pin versions and
	// add no dependency.
	constraints []string
}

// parseRequirements reads a pip requirements file: comments, options and
// URLs are skipped, continuation lines joined; -r/-c include paths are
// returned, not followed.
func parseRequirements(name string, data []byte) requirementsFile {
	var out requirementsFile
	text := strings.ReplaceAll(string(data), "\\\r\n", " ")
	text = strings.ReplaceAll(text, "\\\n", " ")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "-") {
			if inc, constraint := includedFile(line); inc != "" {
				if p := path.Join(path.Dir(name), inc); fs.ValidPath(p) {
					out.includes = append(out.includes, p)
					if constraint {
						out.constraints = append(out.constraints, p)
					}
				}
			}
			continue // other options: -e, --index-url, --hash, ...
		}
		if strings.Contains(line, "://") && !strings.Contains(line, " @ ") {
			continue // a URL (git+https://..., a wheel) without a PEP 508 name
		}
		if n, ex := parseRequirement(line); n != "" {
			out.names = append(out.names, n)
			out.extras = append(out.extras, ex)
		}
	}
	return out
}

// includedFile returns the file named by a -r/-c (--requirement,
// --constraint) option line, "" for any other option or a URL; constraint
// is true for -c.
func includedFile(line string) (file string, constraint bool) {
	for _, opt := range []string{"--requirement", "--constraint", "-r", "-c"} {
		rest, ok := strings.CutPrefix(line, opt)
		if !ok {
			continue
		}
		if strings.HasPrefix(opt, "--") && rest != "" && rest[0] != ' ' && rest[0] != '=' {
			continue // a longer option that merely starts the same way
		}
		f := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest), "="))
		if strings.Contains(f, "://") {
			return "", false
		}
		return f, strings.HasSuffix(opt, "c") || opt == "--constraint"
	}
	return "", false
}

// detectPython detects a Python repository; ok is false when no Python
// marker exists.
func detectPython(fsys fs.FS) (Facts, bool) {
	marker := firstExisting(fsys, pythonMarkers)
	imported, importFile := "", ""
	if marker == "" {
		// No manifest: an app module that imports a web framework.
		if importFile, imported = pythonImportedFramework(fsys); importFile == "" {
			return Facts{}, false
		}
		marker = importFile
	}
	r := &recorder{}
	r.f.Language = "python"
	r.f.FromSource = imported != ""
	if imported != "" {
		r.evidence("language", importFile, importFile+" imports "+imported+" (no requirements file or pyproject.toml)")
	} else {
		r.evidence("language", marker, marker+" exists")
	}

	var pp pyproject
	hasPyproject := readTOML(fsys, r, "pyproject.toml", &pp)
	var pf pipfile
	hasPipfile := readTOML(fsys, r, "Pipfile", &pf)

	pythonVersion(fsys, r, &pp, hasPyproject, &pf, hasPipfile)
	reqFiles := pythonPackageManager(fsys, r, &pp, hasPyproject)
	deps := pythonDependencies(fsys, r, reqFiles, &pp, hasPyproject, &pf, hasPipfile)
	if imported != "" {
		deps.add(imported, importFile, nil)
		r.addPackage(imported)
	}
	r.f.Dependencies = deps.sorted()
	pythonApp(fsys, r, deps, &pp, hasPyproject)
	if i := evidenceIndex(&r.f, "framework"); imported != "" && i >= 0 {
		r.f.Evidence[i].Reason = "imports " + imported
	}
	if imported != "" {
		r.warn("%s: no requirements file: the image installs %s (pinned by dockgen); a requirements.txt naming them would make the build reproducible", importFile, strings.Join(r.f.AddPackages, " and "))
	}
	return r.f, true
}

// pythonImportModules are the modules an app with no manifest is looked
// for in, and pythonImport the frameworks it may import.
var (
	pythonImportModules = []string{"app.py", "main.py", "wsgi.py", "application.py", "server.py"}
	pythonImport        = regexp.MustCompile(`(?m)^\s*(?:from|import)\s+(flask|fastapi|django)\b`)
)

// pythonImportedFramework finds the first app module importing flask,
// fastapi or django; "" when none does.
func pythonImportedFramework(fsys fs.FS) (file, framework string) {
	for _, f := range pythonImportModules {
		if data, ok := readSource(fsys, f); ok {
			if m := pythonImport.FindSubmatch(data); m != nil {
				return f, string(m[1])
			}
		}
	}
	return "", ""
}

// pythonPins are the releases dockgen installs when a project lacks a
// package: the production server it is run with, or (no manifest) the
// framework its code imports. Pinned so the build repeats; a warning says
// what to add to the project's own manifest.
var pythonPins = map[string]string{
	"gunicorn": "23.0.0",
	"uvicorn":  "0.34.0",
	"flask":    "3.1.0",
	"fastapi":  "0.115.6",
	"django":   "5.1.4",
}

// addPackage adds name, pinned, to AddPackages and returns the pin.
func (r *recorder) addPackage(name string) string {
	p := name + "==" + pythonPins[name]
	if !contains(r.f.AddPackages, p) {
		r.f.AddPackages = append(r.f.AddPackages, p)
	}
	return p
}

// needServer installs a production server the project does not depend on,
// with a warning naming the manifest to add it to (none when the app has no
// manifest: detectPython's warning lists every package then).
func (r *recorder) needServer(server, target, add string) {
	p := r.addPackage(server)
	if len(r.f.Manifests) > 0 {
		r.warn("%s: %s is not a dependency; the image installs %s (pinned by dockgen) to serve %s in production; add %s to %s", r.f.Manifests[0], server, p, target, add, r.f.Manifests[0])
	}
}

// pythonVersion sets the version requirement: .python-version, then
// requires-python, then Poetry's python dependency, then Pipfile's
// python_version, then runtime.txt.
func pythonVersion(fsys fs.FS, r *recorder, pp *pyproject, hasPyproject bool, pf *pipfile, hasPipfile bool) {
	set := func(raw string, pinned bool, source, reason string) {
		r.f.Version = VersionReq{Raw: raw, Pinned: pinned, Source: source}
		r.evidence("version", source, reason)
	}
	if data, ok := readSource(fsys, ".python-version"); ok {
		if v := firstLine(data); v != "" {
			set(v, true, ".python-version", ".python-version pins "+quote(v))
			return
		}
	}
	if hasPyproject && pp.Project != nil {
		if v := strings.TrimSpace(pp.Project.RequiresPython); v != "" {
			set(v, false, "pyproject.toml", "requires-python = "+quote(v))
			return
		}
	}
	if hasPyproject && pp.Tool.Poetry != nil {
		if v, ok := pp.Tool.Poetry.Dependencies["python"].(string); ok && strings.TrimSpace(v) != "" {
			v = strings.TrimSpace(v)
			set(v, false, "pyproject.toml", "[tool.poetry.dependencies] python = "+quote(v))
			return
		}
	}
	if hasPipfile {
		if v := strings.TrimSpace(pf.Requires.PythonVersion); v != "" {
			set(v, true, "Pipfile", "[requires] python_version = "+quote(v))
			return
		}
		if v := strings.TrimSpace(pf.Requires.PythonFullVersion); v != "" {
			set(v, true, "Pipfile", "[requires] python_full_version = "+quote(v))
			return
		}
	}
	if data, ok := readSource(fsys, "runtime.txt"); ok {
		if line := firstLine(data); line != "" {
			v := strings.TrimPrefix(line, "python-")
			set(v, true, "runtime.txt", "runtime.txt pins "+quote(line))
		}
	}
}

// pythonLocks are the lockfiles that pick a manager, in precedence order.
var pythonLocks = []struct{ file, manager string }{
	{"uv.lock", "uv"},
	{"poetry.lock", "poetry"},
	{"pdm.lock", "pdm"},
	{"Pipfile.lock", "pipenv"},
}

// pythonPackageManager sets the manager and manifests: uv.lock -> uv;
// poetry.lock or [tool.poetry] -> poetry; pdm.lock or [tool.pdm] -> pdm;
// Pipfile(.lock) -> pipenv;
// requirements.txt -> pip; pyproject [project] -> pip. It returns the
// requirements files read (requirements.txt and what it includes).
func pythonPackageManager(fsys fs.FS, r *recorder, pp *pyproject, hasPyproject bool) []string {
	var locks []string
	manager, lock := "", ""
	for _, l := range pythonLocks {
		if exists(fsys, l.file) {
			locks = append(locks, l.file)
			if manager == "" {
				manager, lock = l.manager, l.file
			}
		}
	}
	if len(locks) > 1 {
		r.warn("%s: several Python lockfiles (%s); using %s", lock, strings.Join(locks, ", "), manager)
	}
	reqFiles := requirementsClosure(fsys, r)
	switch {
	case manager == "uv":
		r.evidence("package_manager", lock, "uv.lock exists")
		r.manifests(fsys, "pyproject.toml", "uv.lock")
	case manager == "poetry":
		r.evidence("package_manager", lock, "poetry.lock exists")
		r.manifests(fsys, "pyproject.toml", "poetry.lock")
	case hasPyproject && pp.Tool.Poetry != nil:
		manager = "poetry"
		r.evidence("package_manager", "pyproject.toml", "[tool.poetry] without a lockfile")
		r.manifests(fsys, "pyproject.toml", "poetry.lock")
	case manager == "pdm":
		r.evidence("package_manager", lock, "pdm.lock exists")
		r.manifests(fsys, "pyproject.toml", "pdm.lock")
	case hasPyproject && pp.Tool.PDM != nil:
		manager = "pdm"
		r.evidence("package_manager", "pyproject.toml", "[tool.pdm] without a lockfile")
		r.manifests(fsys, "pyproject.toml")
	case manager == "pipenv":
		r.evidence("package_manager", lock, "Pipfile.lock exists")
		r.manifests(fsys, "Pipfile", "Pipfile.lock")
	case exists(fsys, "Pipfile"):
		manager = "pipenv"
		r.evidence("package_manager", "Pipfile", "Pipfile exists (no Pipfile.lock)")
		r.manifests(fsys, "Pipfile", "Pipfile.lock")
	case len(reqFiles) > 0:
		manager = "pip"
		r.evidence("package_manager", "requirements.txt", "requirements.txt exists")
		r.manifests(fsys, reqFiles...)
	case hasPyproject && pp.Project != nil:
		manager = "pip"
		r.evidence("package_manager", "pyproject.toml", "[project] table without a lockfile")
		r.manifests(fsys, "pyproject.toml")
	default:
		manager = "pip"
		r.evidence("package_manager", r.f.Evidence[0].File, "no lockfile or requirements.txt; pip by default")
	}
	r.f.PackageManager = manager
	return reqFiles
}

// requirementsClosure returns requirements.txt and the files it includes
// with -r/-c (five levels deep, files that exist), in first-seen order.
func requirementsClosure(fsys fs.FS, r *recorder) []string {
	if !exists(fsys, "requirements.txt") {
		return nil
	}
	files := []string{"requirements.txt"}
	for depth, i := 0, 0; depth < 5 && i < len(files); depth++ {
		end := len(files)
		for ; i < end; i++ {
			data, ok, w := readManifest(fsys, files[i])
			if w != "" {
				r.warn("%s", w)
			}
			if !ok {
				continue
			}
			for _, inc := range parseRequirements(files[i], data).includes {
				if exists(fsys, inc) && !contains(files, inc) {
					files = append(files, inc)
				}
			}
		}
	}
	return files
}

// pythonDependencies collects direct dependency names from the requirements
// files, pyproject [project].dependencies, [tool.poetry.dependencies] and
// Pipfile [packages].
func pythonDependencies(fsys fs.FS, r *recorder, reqFiles []string, pp *pyproject, hasPyproject bool, pf *pipfile, hasPipfile bool) *pyDeps {
	deps := &pyDeps{}
	// Names count as dependencies in requirements.txt and the files it
	// names with -r, never in a file reached only through -c (constraints).
	required := map[string]bool{"requirements.txt": true}
	for _, f := range reqFiles {
		data, ok, _ := readManifest(fsys, f)
		if !ok {
			continue
		}
		rf := parseRequirements(f, data)
		for _, inc := range rf.includes {
			if required[f] && !contains(rf.constraints, inc) {
				required[inc] = true
			}
		}
		if !required[f] {
			continue
		}
		for i, n := range rf.names {
			deps.add(n, f, rf.extras[i])
		}
	}
	if hasPyproject && pp.Project != nil {
		for _, req := range pp.Project.Dependencies {
			n, ex := parseRequirement(req)
			deps.add(n, "pyproject.toml", ex)
		}
	}
	if hasPyproject && pp.Tool.Poetry != nil {
		for _, n := range sortedKeys(pp.Tool.Poetry.Dependencies) {
			var ex []string
			if t, ok := pp.Tool.Poetry.Dependencies[n].(map[string]any); ok {
				if list, ok := t["extras"].([]any); ok {
					for _, e := range list {
						if s, ok := e.(string); ok {
							ex = append(ex, normalizeName(s))
						}
					}
				}
			}
			deps.add(normalizeName(n), "pyproject.toml", ex)
		}
	}
	if hasPipfile {
		for _, n := range sortedKeys(pf.Packages) {
			deps.add(normalizeName(n), "Pipfile", nil)
		}
	}
	return deps
}

// sortedKeys returns the keys of m in order (never map order), nil when empty.
func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var (
	djangoSettings = regexp.MustCompile(`DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][\w.]*)["']`)
	fastAPIApp     = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:fastapi\.)?FastAPI\(`)
	flaskApp       = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:flask\.)?Flask\(`)
	flaskFactory   = regexp.MustCompile(`(?m)^def create_app\(`)
	// factoryCall is a module-level app object built by a factory
	// (app = create_app()), for Flask and the ASGI frameworks alike.
	factoryCall  = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:[\w.]+\.)?(?:create_app|make_app)\(`)
	starletteApp = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:starlette\.applications\.)?Starlette\(`)
	streamlitUse = regexp.MustCompile(`(?m)^\s*import streamlit\b|^\s*from streamlit\b`)
	// pyRunPort finds port=NNNN inside app.run(...) or uvicorn.run(...).
	pyRunPort = regexp.MustCompile(`(?:\.run|uvicorn\.run)\([^)]*?\bport\s*=\s*(\d{2,5})`)
)

// pythonApp sets framework, port, command and entry point: Django, then
// FastAPI, then Flask, then Starlette, then Streamlit, then a
// [project.scripts] entry (the only one, or the one named after the
// project), then a main.py/app.py script.
func pythonApp(fsys fs.FS, r *recorder, deps *pyDeps, pp *pyproject, hasPyproject bool) {
	hasManage := exists(fsys, "manage.py")
	switch {
	case hasManage || deps.has("django"):
		r.f.Framework = "django"
		if hasManage {
			r.evidence("framework", "manage.py", "manage.py exists")
		} else {
			r.evidence("framework", deps.from["django"], "depends on django")
		}
		pythonDjango(fsys, r, deps, hasManage)
		return
	case deps.has("fastapi"):
		r.f.Framework = "fastapi"
		r.evidence("framework", deps.from["fastapi"], "depends on fastapi")
		pythonFastAPI(fsys, r, deps)
		return
	case deps.has("flask"):
		r.f.Framework = "flask"
		r.evidence("framework", deps.from["flask"], "depends on flask")
		pythonFlask(fsys, r, deps)
		return
	case deps.has("starlette"):
		r.f.Framework = "starlette"
		r.evidence("framework", deps.from["starlette"], "depends on starlette")
		pythonStarlette(fsys, r, deps)
		return
	case deps.has("streamlit"):
		r.f.Framework = "streamlit"
		r.evidence("framework", deps.from["streamlit"], "depends on streamlit")
		pythonStreamlit(fsys, r, deps)
		return
	}
	if pythonWebFramework(fsys, r, deps) {
		return
	}
	if hasPyproject && pp.Project != nil && pythonScript(r, pp) {
		return
	}
	for _, f := range []string{"main.py", "app.py"} {
		if src, ok := readSource(fsys, f); ok {
			r.f.Command = []string{"python", f}
			r.evidence("entrypoint", f, f+" exists (no web framework found)")
			r.evidence("command", f, "runs the script")
			if port, env := pythonPortEnv(r, f, src); env && port != 0 {
				r.f.Port = port
				r.evidence("port", f, fmt.Sprintf("PORT defaults to %d in the code", port))
			}
			return
		}
	}
}

var (
	// pyEnvPort is the app reading PORT: os.environ.get("PORT", "5000"),
	// os.getenv("PORT", 5000), os.environ["PORT"]; the default is captured.
	pyEnvPort = regexp.MustCompile(`os\.(?:environ\.get|getenv)\(\s*["']PORT["']\s*(?:,\s*(?:int\()?["']?(\d{2,5})["']?)?|os\.environ\[\s*["']PORT["']\s*\]`)
)

// pythonPortEnv records that src reads $PORT (PortEnv) and returns the
// default it gives, 0 when none.
func pythonPortEnv(r *recorder, file string, src []byte) (port int, env bool) {
	m := pyEnvPort.FindSubmatch(stripLineComments(src, "#"))
	if m == nil {
		return 0, false
	}
	r.f.PortEnv = true
	r.evidence("port_env", file, "reads the PORT environment variable")
	return parsePort(string(m[1])), true
}

// gunicornConf is the file gunicorn reads from its working directory.
const gunicornConf = "gunicorn.conf.py"

// gunicornBind is a bind setting in gunicorn.conf.py: bind = "0.0.0.0:8080"
// or bind = ["0.0.0.0:8080"]; and one that reads PORT.
var (
	gunicornBind    = regexp.MustCompile(`(?m)^bind\s*=\s*\[?\s*[fr]?["'][^"':]*:(\d{2,5})["']`)
	gunicornBindAny = regexp.MustCompile(`(?m)^bind\s*=`)
)

// gunicornCommand serves target with gunicorn, deferring to the project's
// gunicorn.conf.py when it has one (its bind wins; the file is used as it
// is, never written), else binding to port. The server is installed when
// the project does not depend on it.
func gunicornCommand(fsys fs.FS, r *recorder, deps *pyDeps, target, appDir string, port int, portFile, portReason string) {
	if !deps.has("gunicorn") {
		r.needServer("gunicorn", target, "gunicorn")
	}
	cmd := []string{"gunicorn"}
	if src, ok := readSource(fsys, gunicornConf); ok {
		cmd = append(cmd, "-c", gunicornConf)
		r.evidence("server_config", gunicornConf, "the project's gunicorn config: the command defers to it, and dockgen never writes it")
		if m := gunicornBind.FindSubmatch(src); m != nil {
			port, portFile, portReason = parsePort(string(m[1])), gunicornConf, "bind = "+quote(":"+string(m[1]))
		} else if gunicornBindAny.Match(src) {
			if p, env := pythonPortEnv(r, gunicornConf, src); env {
				if p != 0 {
					port, portFile, portReason = p, gunicornConf, fmt.Sprintf("bind reads PORT, default %d", p)
				}
			} else {
				r.warn("%s: bind is not a literal address; EXPOSE %d may not be where it listens (pass --port)", gunicornConf, port)
			}
		} else {
			cmd = append(cmd, "--bind", fmt.Sprintf("0.0.0.0:%d", port))
		}
	} else {
		cmd = append(cmd, "--bind", fmt.Sprintf("0.0.0.0:%d", port))
	}
	if appDir != "" {
		cmd = append(cmd, "--chdir", appDir)
	}
	r.f.Port = port
	r.evidence("port", portFile, portReason)
	r.f.Command = append(cmd, target)
}

// uwsgiINI is the project's uWSGI config, used when it depends on uwsgi.
const uwsgiINI = "uwsgi.ini"

// uwsgiHTTP is an HTTP listener in uwsgi.ini: http = :8000,
// http-socket = 0.0.0.0:8000.
var uwsgiHTTP = regexp.MustCompile(`(?m)^\s*(?:http|http-socket)\s*=\s*[^\s:]*:(\d{2,5})\s*$`)

// uwsgiCommand runs `uwsgi --ini uwsgi.ini` when the project depends on
// uwsgi and ships the ini: its listener decides the port. ok is false
// otherwise.
func uwsgiCommand(fsys fs.FS, r *recorder, deps *pyDeps) bool {
	src, ok := readSource(fsys, uwsgiINI)
	if !ok || !deps.has("uwsgi") {
		return false
	}
	r.f.Command = []string{"uwsgi", "--ini", uwsgiINI}
	r.evidence("server_config", uwsgiINI, "the project's uWSGI config: the command defers to it, and dockgen never writes it")
	r.evidence("command", uwsgiINI, "uwsgi is a dependency and uwsgi.ini exists")
	if m := uwsgiHTTP.FindSubmatch(src); m != nil {
		r.f.Port = parsePort(string(m[1]))
		r.evidence("port", uwsgiINI, "http listener on :"+string(m[1]))
	} else {
		r.warn("%s: no http = or http-socket = listener (a uwsgi-protocol socket needs a web server in front); pass --port", uwsgiINI)
	}
	return true
}

// projectScript is a [project.scripts] name that can be an exec-form
// command: a console-script name pip would install into the venv's bin/.
var projectScript = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// pythonScript runs a [project.scripts] entry: the only one, or the one
// named after the project. The project itself is then installed into the
// virtualenv (InstallProject), so the script exists there.
func pythonScript(r *recorder, pp *pyproject) bool {
	scripts := pp.Project.Scripts
	name, reason := "", ""
	switch {
	case len(scripts) == 1:
		name = sortedKeys(scripts)[0]
		reason = "the only [project.scripts] entry"
	case len(scripts) > 1 && scripts[pp.Project.Name] != "":
		name = pp.Project.Name
		reason = "the [project.scripts] entry named after the project"
	default:
		return false
	}
	if !projectScript.MatchString(name) {
		r.warn("pyproject.toml: [project.scripts] name %s is not a command name; pass --cmd", quote(name))
		return false
	}
	r.f.Command = []string{name}
	r.f.InstallProject = true
	r.evidence("entrypoint", "pyproject.toml", fmt.Sprintf("[project.scripts] %s = %s", name, quote(scripts[name])))
	r.evidence("command", "pyproject.toml", reason+"; the project is installed into the virtualenv")
	return true
}

// pythonStarlette serves a module defining app = Starlette(...) with
// uvicorn, Starlette's documented server, on 8000.
func pythonStarlette(fsys fs.FS, r *recorder, deps *pyDeps) {
	candidates := []string{"main.py", "app.py", "app/main.py"}
	for _, pkg := range srcPackages(fsys) {
		candidates = append(candidates, "src/"+pkg+"/main.py", "src/"+pkg+"/app.py")
	}
	candidates = append(candidates, "asgi.py", "server.py", "app/__init__.py", "src/main.py")
	uvicornApp(fsys, r, deps, "starlette", "Starlette", candidates, starletteApp, deps.has("uvicorn"), "uvicorn")
}

// pythonStreamlit runs the first script that imports streamlit with
// `streamlit run`, on Streamlit's port 8501 and every interface.
func pythonStreamlit(fsys fs.FS, r *recorder, deps *pyDeps) {
	r.f.Port = 8501
	r.evidence("port", deps.from["streamlit"], "streamlit run default 8501")
	candidates := []string{"streamlit_app.py", "app.py", "main.py", "Home.py", "dashboard.py", "src/app.py", "src/streamlit_app.py"}
	file, _, _ := findAppModule(fsys, candidates, streamlitUse)
	if file == "" {
		r.warn("%s: streamlit is a dependency but no script imports it (streamlit_app.py, app.py, main.py); pass --cmd to set the start command", deps.from["streamlit"])
		return
	}
	r.evidence("entrypoint", file, "imports streamlit")
	r.f.Command = []string{"streamlit", "run", file, "--server.port", "8501", "--server.address", "0.0.0.0"}
	r.evidence("command", file, "streamlit run serves the script")
}

// pythonDevServer is a Python development server or auto-reload in a start
// command (flask run, manage.py runserver, uvicorn/gunicorn --reload).
var pythonDevServer = regexp.MustCompile(`\bflask\s+(?:--app\s+\S+\s+)?run\b|\bmanage\.py\s+runserver\b|(?:^|\s)--reload\b`)

// pythonDjango serves the project's WSGI application (WSGI_APPLICATION in
// its settings, else <project>/wsgi.py) with a production server, never
// runserver: uwsgi with the project's uwsgi.ini when it depends on uwsgi,
// uvicorn on asgi.py when it depends on uvicorn and not gunicorn, else
// gunicorn (installed, pinned, when it is not a dependency).
func pythonDjango(fsys fs.FS, r *recorder, deps *pyDeps, hasManage bool) {
	r.f.Port = 8000
	settings := ""
	if data, ok := readSource(fsys, "manage.py"); ok {
		if m := djangoSettings.FindSubmatch(data); m != nil {
			settings = string(m[1])
		}
	}
	module, variable, file, reason := djangoWSGI(fsys, settings)
	if file != "" {
		r.evidence("entrypoint", file, reason)
	}
	if uwsgiCommand(fsys, r, deps) {
		return
	}
	if module == "" {
		r.evidence("port", "", "Django default 8000")
		r.warn("django: no WSGI application found (WSGI_APPLICATION in the settings, or <project>/wsgi.py); pass --cmd to set the start command")
		return
	}
	if asgi := strings.TrimSuffix(file, "wsgi.py") + "asgi.py"; deps.has("uvicorn") && !deps.has("gunicorn") && exists(fsys, asgi) {
		mod := dotted(asgi)
		r.f.Command = []string{"uvicorn", mod + ":application", "--host", "0.0.0.0", "--port", "8000"}
		r.evidence("command", asgi, "uvicorn is a dependency; serves "+mod+":application")
		r.evidence("port", asgi, "uvicorn bound to 8000, Django's default")
		return
	}
	target := module + ":" + variable
	gunicornCommand(fsys, r, deps, target, "", 8000, file, "gunicorn bound to 8000, Django's default")
	r.evidence("command", file, "gunicorn serves "+target)
}

// djangoWSGIApp is WSGI_APPLICATION = "mysite.wsgi.application".
var djangoWSGIApp = regexp.MustCompile(`(?m)^WSGI_APPLICATION\s*=\s*["']([A-Za-z_][\w.]*)\.([A-Za-z_]\w*)["']`)

// djangoWSGI finds the WSGI application: WSGI_APPLICATION in the settings
// module manage.py names (or its package's base/common module), else a
// <project>/wsgi.py. It returns the module, the variable, the module's file
// and the reason; "" when none exists.
func djangoWSGI(fsys fs.FS, settings string) (module, variable, file, reason string) {
	if settings != "" {
		p := strings.ReplaceAll(settings, ".", "/")
		dir := path.Dir(p)
		for _, f := range []string{p + ".py", p + "/__init__.py", p + "/base.py", dir + "/base.py", dir + "/common.py"} {
			data, ok := readSource(fsys, f)
			if !ok {
				continue
			}
			if m := djangoWSGIApp.FindSubmatch(data); m != nil {
				mod := string(m[1])
				if wf := strings.ReplaceAll(mod, ".", "/") + ".py"; exists(fsys, wf) {
					return mod, string(m[2]), wf, f + " sets WSGI_APPLICATION = " + quote(mod+"."+string(m[2]))
				}
			}
		}
		parts := strings.Split(settings, ".")
		end := len(parts) - 1
		for i, p := range parts {
			if p == "settings" {
				end = i
				break
			}
		}
		if pkg := strings.Join(parts[:end], "/"); pkg != "" && exists(fsys, pkg+"/wsgi.py") {
			return dotted(pkg + "/wsgi.py"), "application", pkg + "/wsgi.py", "manage.py sets DJANGO_SETTINGS_MODULE=" + quote(settings)
		}
	}
	if wf := findWSGI(fsys); wf != "" {
		return dotted(wf), "application", wf, "wsgi.py found in the project package"
	}
	return "", "", "", ""
}

// findWSGI lists the root and each top-level folder (two levels, skipping
// dependency and build folders) for <pkg>/wsgi.py; "" when none.
func findWSGI(fsys fs.FS) string {
	top, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return ""
	}
	var second []string
	for _, e := range top {
		if !e.IsDir() || skipDir(e.Name()) {
			continue
		}
		if exists(fsys, e.Name()+"/wsgi.py") {
			return e.Name() + "/wsgi.py"
		}
		second = append(second, e.Name())
	}
	for _, dir := range second {
		sub, err := fs.ReadDir(fsys, dir)
		if err != nil {
			continue
		}
		for _, e := range sub {
			if !e.IsDir() || skipDir(e.Name()) {
				continue
			}
			if p := dir + "/" + e.Name() + "/wsgi.py"; exists(fsys, p) {
				return p
			}
		}
	}
	return ""
}

// srcPackages lists the packages under src/ (sorted), for src layouts.
func srcPackages(fsys fs.FS) []string {
	entries, err := fs.ReadDir(fsys, "src")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && !skipDir(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

// findAppModule returns the first candidate file defining an app with re,
// the app variable name and the file contents.
func findAppModule(fsys fs.FS, candidates []string, re *regexp.Regexp) (file, variable string, src []byte) {
	for _, c := range candidates {
		data, ok := readSource(fsys, c)
		if !ok {
			continue
		}
		if m := re.FindSubmatch(data); m != nil {
			if len(m) > 1 {
				variable = string(m[1])
			}
			return c, variable, data
		}
	}
	return "", "", nil
}

// moduleRef returns the import path of a module file and, for a src layout,
// the folder to put on the import path.
func moduleRef(file string) (module, appDir string) {
	if rest, ok := strings.CutPrefix(file, "src/"); ok {
		return dotted(rest), "src"
	}
	return dotted(file), ""
}

func pythonFastAPI(fsys fs.FS, r *recorder, deps *pyDeps) {
	candidates := []string{"main.py", "app.py", "app/main.py"}
	for _, pkg := range srcPackages(fsys) {
		candidates = append(candidates, "src/"+pkg+"/main.py")
	}
	candidates = append(candidates, "api.py", "server.py", "app/__init__.py", "src/main.py")
	uvicornApp(fsys, r, deps, "fastapi", "FastAPI", candidates, fastAPIApp,
		deps.has("uvicorn") || hasExtra(deps, "fastapi", "standard", "all"), "uvicorn (or fastapi[standard])")
}

// uvicornApp finds the module that defines an ASGI app of framework (by
// appRe among candidates) and serves it with uvicorn: port 8000 unless
// uvicorn.run names one, the module and variable as the app reference.
// served says whether uvicorn is installed; if not, a warning names what
// to add.
func uvicornApp(fsys fs.FS, r *recorder, deps *pyDeps, dep, label string, candidates []string, appRe *regexp.Regexp, served bool, add string) {
	file, variable, src := findAppModule(fsys, candidates, appRe)
	how := label + "(...)"
	if file == "" {
		if file, variable, src = findAppModule(fsys, candidates, factoryCall); file != "" {
			how = "create_app()"
		}
	}
	r.f.Port = 8000
	portReason, portFile := label+" served by uvicorn on 8000", deps.from[dep]
	if p := firstPort(src, pyRunPort); p != 0 {
		r.f.Port, portReason, portFile = p, fmt.Sprintf("uvicorn.run(..., port=%d)", p), file
	} else if p, _ := pythonPortEnv(r, file, src); p != 0 {
		r.f.Port, portReason, portFile = p, fmt.Sprintf("PORT defaults to %d in the code", p), file
	}
	r.evidence("port", portFile, portReason)
	if file == "" {
		r.warn("%s: %s is a dependency but no module defines app = %s(...); pass --cmd to set the start command", deps.from[dep], dep, label)
		return
	}
	mod, appDir := moduleRef(file)
	r.evidence("entrypoint", file, fmt.Sprintf("defines %s = %s", variable, how))
	r.f.Command = []string{"uvicorn", mod + ":" + variable, "--host", "0.0.0.0", "--port", fmt.Sprint(r.f.Port)}
	if appDir != "" {
		r.f.Command = append(r.f.Command, "--app-dir", appDir)
	}
	r.evidence("command", file, "uvicorn serves "+mod+":"+variable)
	if !served {
		r.needServer("uvicorn", mod+":"+variable, add)
	}
}

func hasExtra(deps *pyDeps, name string, extras ...string) bool {
	for _, e := range deps.extras[name] {
		if contains(extras, e) {
			return true
		}
	}
	return false
}

// pythonFlask serves the app object (found by assignment: app =
// Flask(...), server = Flask(...), app = create_app()) or the factory
// (def create_app) with a production server: uwsgi with the project's
// uwsgi.ini when it depends on uwsgi, else gunicorn (installed, pinned,
// when it is not a dependency). Never `flask run`.
func pythonFlask(fsys fs.FS, r *recorder, deps *pyDeps) {
	candidates := []string{"app.py", "wsgi.py", "main.py", "application.py", "server.py", "app/__init__.py", "app/app.py"}
	for _, pkg := range srcPackages(fsys) {
		candidates = append(candidates, "src/"+pkg+"/__init__.py", "src/"+pkg+"/app.py")
	}
	file, variable, src := findAppModule(fsys, candidates, flaskApp)
	how := "Flask(...)"
	if file == "" {
		// An app object a factory built: app = create_app() in wsgi.py.
		if file, variable, src = findAppModule(fsys, candidates, factoryCall); file != "" {
			how = "create_app()"
		}
	}
	factory := false
	if file == "" {
		// The application-factory pattern: create_app() builds the app.
		file, _, src = findAppModule(fsys, candidates, flaskFactory)
		factory = file != ""
	}
	port, portFile, portReason := 8000, deps.from["flask"], "gunicorn's default 8000 (a convention: Flask names no production port)"
	if p := firstPort(src, pyRunPort); p != 0 {
		port, portFile, portReason = p, file, fmt.Sprintf("app.run(..., port=%d)", p)
	} else if p, _ := pythonPortEnv(r, file, src); p != 0 {
		port, portFile, portReason = p, file, fmt.Sprintf("PORT defaults to %d in the code", p)
	}
	if file == "" {
		r.f.Port = port
		r.evidence("port", portFile, portReason)
		r.warn("%s: flask is a dependency but no module defines app = Flask(...); pass --cmd to set the start command", deps.from["flask"])
		return
	}
	mod, appDir := moduleRef(file)
	target := mod + ":" + variable
	if factory {
		target = mod + ":create_app()"
		r.evidence("entrypoint", file, "defines create_app()")
	} else {
		r.evidence("entrypoint", file, fmt.Sprintf("defines %s = %s", variable, how))
	}
	if uwsgiCommand(fsys, r, deps) {
		return
	}
	gunicornCommand(fsys, r, deps, target, appDir, port, portFile, portReason)
	r.evidence("command", file, "gunicorn serves "+target)
}
