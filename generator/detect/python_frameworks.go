package detect

import (
	"fmt"
	"io/fs"
	"regexp"
)

// The Python web frameworks after Django, FastAPI, Flask, Starlette and
// Streamlit (pythonApp), each with its production server: Sanic's own
// server (its CLI), Litestar on uvicorn, Falcon on gunicorn (WSGI) or
// uvicorn (ASGI), Bottle on gunicorn, Tornado's and aiohttp's own HTTP
// servers (the script runs them). In this order; the first a dependency
// names wins.
var (
	sanicApp    = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:sanic\.)?Sanic\(`)
	litestarApp = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::\s*[\w.]+\s*)?=\s*(?:litestar\.)?Litestar\(`)
	falconWSGI  = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*=\s*falcon\.App\(`)
	falconASGI  = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*=\s*falcon\.asgi\.App\(`)
	bottleApp   = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*=\s*(?:bottle\.)?Bottle\(`)
	tornadoUse  = regexp.MustCompile(`tornado\.web\.Application\(|from tornado\.web import|(?m)^\s*import tornado\b`)
	aiohttpUse  = regexp.MustCompile(`web\.run_app\(|web\.Application\(`)
	// pyListen finds Tornado's app.listen(8888) and aiohttp's
	// run_app(app, port=8080) / bottle's run(port=8080).
	pyListen   = regexp.MustCompile(`\.listen\(\s*(\d{2,5})\b`)
	pyPortKwrd = regexp.MustCompile(`(?:run_app|\brun)\([^)]*?\bport\s*=\s*(\d{2,5})`)
)

// pythonAppFiles are the modules that may define the app, in order.
func pythonAppFiles(fsys fs.FS) []string {
	candidates := []string{"app.py", "main.py", "server.py", "wsgi.py", "asgi.py", "application.py", "app/main.py", "app/__init__.py", "app/app.py"}
	for _, pkg := range srcPackages(fsys) {
		candidates = append(candidates, "src/"+pkg+"/main.py", "src/"+pkg+"/app.py", "src/"+pkg+"/__init__.py")
	}
	return candidates
}

// pythonWebFramework sets framework, port and command for the frameworks
// above; false when the dependencies name none of them.
func pythonWebFramework(fsys fs.FS, r *recorder, deps *pyDeps) bool {
	set := func(name string) {
		r.f.Framework = name
		r.evidence("framework", deps.from[name], "depends on "+name)
	}
	candidates := pythonAppFiles(fsys)
	switch {
	case deps.has("sanic"):
		set("sanic")
		pythonSanic(fsys, r, deps, candidates)
	case deps.has("litestar"):
		set("litestar")
		uvicornApp(fsys, r, deps, "litestar", "Litestar", candidates, litestarApp,
			deps.has("uvicorn") || hasExtra(deps, "litestar", "standard", "full"), "uvicorn (or litestar[standard])")
	case deps.has("falcon"):
		set("falcon")
		if file, _, _ := findAppModule(fsys, candidates, falconASGI); file != "" {
			uvicornApp(fsys, r, deps, "falcon", "falcon.asgi.App", candidates, falconASGI, deps.has("uvicorn"), "uvicorn")
		} else {
			gunicornApp(fsys, r, deps, "falcon", "falcon.App", candidates, falconWSGI, 8000, "gunicorn's default 8000")
		}
	case deps.has("bottle"):
		set("bottle")
		gunicornApp(fsys, r, deps, "bottle", "Bottle", candidates, bottleApp, 8080, "bottle.run's default 8080")
	case deps.has("tornado"):
		set("tornado")
		scriptServer(fsys, r, deps, "tornado", candidates, tornadoUse, pyListen, 8888, false)
	case deps.has("aiohttp"):
		// aiohttp is also an HTTP client: a framework only when a module
		// builds a web.Application or calls web.run_app.
		file, _, _ := findAppModule(fsys, candidates, aiohttpUse)
		if file == "" {
			return false
		}
		set("aiohttp")
		scriptServer(fsys, r, deps, "aiohttp", candidates, aiohttpUse, pyPortKwrd, 8080, true)
	default:
		return false
	}
	return true
}

// pythonSanic serves app = Sanic(...) with Sanic's own server, its CLI
// (the production server, with --workers to scale), on 8000, Sanic's
// default, unless app.run names a port.
func pythonSanic(fsys fs.FS, r *recorder, deps *pyDeps, candidates []string) {
	file, variable, src := findAppModule(fsys, candidates, sanicApp)
	r.f.Port = 8000
	portFile, portReason := deps.from["sanic"], "Sanic's default 8000"
	if p := firstPort(src, pyRunPort); p != 0 {
		r.f.Port, portFile, portReason = p, file, fmt.Sprintf("app.run(..., port=%d)", p)
	}
	r.evidence("port", portFile, portReason)
	if file == "" {
		r.warn("%s: sanic is a dependency but no module defines app = Sanic(...); pass --cmd to set the start command", deps.from["sanic"])
		return
	}
	mod, appDir := moduleRef(file)
	r.evidence("entrypoint", file, fmt.Sprintf("defines %s = Sanic(...)", variable))
	r.f.Command = []string{"sanic", mod + ":" + variable, "--host", "0.0.0.0", "--port", fmt.Sprint(r.f.Port)}
	if appDir != "" {
		r.warn("%s: a src layout; Sanic's CLI imports %s from the working folder, so install the project or pass --cmd", file, mod)
	}
	r.evidence("command", file, "sanic (Sanic's production server) serves "+mod+":"+variable)
}

// gunicornApp serves a WSGI app (found by appRe) with gunicorn on port
// (or the port app.run/run names), through gunicornCommand: the project's
// gunicorn.conf.py is used, and gunicorn is installed when it is not a
// dependency.
func gunicornApp(fsys fs.FS, r *recorder, deps *pyDeps, dep, label string, candidates []string, appRe *regexp.Regexp, port int, portReason string) {
	file, variable, src := findAppModule(fsys, candidates, appRe)
	portFile := deps.from[dep]
	if p := firstPort(src, pyPortKwrd); p != 0 {
		port, portFile, portReason = p, file, fmt.Sprintf("run(..., port=%d)", p)
	}
	if file == "" {
		r.f.Port = port
		r.evidence("port", portFile, portReason)
		r.warn("%s: %s is a dependency but no module defines app = %s(...); pass --cmd to set the start command", deps.from[dep], dep, label)
		return
	}
	mod, appDir := moduleRef(file)
	r.evidence("entrypoint", file, fmt.Sprintf("defines %s = %s(...)", variable, label))
	gunicornCommand(fsys, r, deps, mod+":"+variable, appDir, port, portFile, portReason)
	r.evidence("command", file, "gunicorn serves "+mod+":"+variable+" (WSGI)")
}

// scriptServer runs the module that starts the framework's own HTTP
// server (Tornado's IOLoop, aiohttp's run_app) with python; the port is
// the one the code names, else dflt: the framework's default when
// isDefault, otherwise only a convention, said so.
func scriptServer(fsys fs.FS, r *recorder, deps *pyDeps, dep string, candidates []string, use, portRe *regexp.Regexp, dflt int, isDefault bool) {
	file, _, src := findAppModule(fsys, candidates, use)
	r.f.Port = dflt
	reason := fmt.Sprintf("%s's default %d", dep, dflt)
	if !isDefault {
		reason = fmt.Sprintf("no port in the code; %d is a convention (%s's documentation examples), %s has no default", dflt, dep, dep)
	}
	portFile := deps.from[dep]
	if p := firstPort(src, portRe); p != 0 {
		r.f.Port, portFile, reason = p, file, fmt.Sprintf("listens on %d", p)
	}
	r.evidence("port", portFile, reason)
	if file == "" {
		r.warn("%s: %s is a dependency but no module starts its server (app.py, main.py, server.py); pass --cmd to set the start command", deps.from[dep], dep)
		return
	}
	r.evidence("entrypoint", file, "starts the "+dep+" server")
	r.f.Command = []string{"python", file}
	r.evidence("command", file, dep+"'s own HTTP server, run by the script")
}
