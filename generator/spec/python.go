package spec

import (
	"regexp"
	"strconv"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// pinnedPackage is a Python package pinned to one release.
var pinnedPackage = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][0-9A-Za-z.]*$`)

var pythonStack = Stack{
	Language: "python",
	Prepare: func(s *Spec, _ Answers) error {
		for _, p := range s.AddPackages {
			if !pinnedPackage.MatchString(p) {
				return errf(p, "package to install is not a pinned name==version")
			}
		}
		return nil
	},
	PackageManagers: []string{"pip", "poetry", "uv", "pipenv", "pdm"},
	Frameworks:      []string{"flask", "django", "fastapi", "starlette", "streamlit", "sanic", "litestar", "falcon", "bottle", "tornado", "aiohttp"},
	NewManifests: map[string][]string{
		"pip":    {"requirements.txt"},
		"poetry": {"pyproject.toml", "poetry.lock"},
		"uv":     {"pyproject.toml", "uv.lock"},
		"pipenv": {"Pipfile", "Pipfile.lock"},
		"pdm":    {"pyproject.toml", "pdm.lock"},
	},
	DefaultPort: func(framework string) int {
		switch framework {
		case "streamlit":
			return 8501
		case "bottle", "aiohttp":
			return 8080 // bottle.run's and web.run_app's default
		case "tornado":
			return 8888 // a convention: Tornado has no default
		}
		return 8000
	},
	DefaultCommand: func(s Spec) []string {
		port := strconv.Itoa(s.Port)
		switch s.Framework {
		case "flask":
			return []string{"gunicorn", "--bind", "0.0.0.0:" + port, "app:app"}
		case "django":
			return []string{"gunicorn", "--bind", "0.0.0.0:" + port, "config.wsgi:application"}
		case "fastapi", "starlette":
			return []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", port}
		case "streamlit":
			return []string{"streamlit", "run", "app.py", "--server.port", port, "--server.address", "0.0.0.0"}
		case "sanic":
			return []string{"sanic", "main:app", "--host", "0.0.0.0", "--port", port}
		case "litestar":
			return []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", port}
		case "falcon", "bottle":
			return []string{"gunicorn", "--bind", "0.0.0.0:" + port, "app:app"}
		}
		return []string{"python", "main.py"}
	},
	// A virtualenv is built in a first stage on the same image, so the
	// installers (pip caches, poetry, uv) stay out of the final image.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		ref := stack.Ref(s.Version, v)
		return ref, ref
	},
	Shapes: func(pm string) []detect.Facts {
		switch pm {
		case "pip":
			return []detect.Facts{{Manifests: []string{"requirements.txt"}}, {Manifests: []string{"pyproject.toml"}}, {Manifests: []string{"requirements.txt", "constraints.txt"}}, {Manifests: []string{"requirements.txt", "requirements/base.txt", "requirements/prod.txt"}}, {Manifests: []string{"pyproject.toml"}, InstallProject: true}, {Manifests: []string{"requirements.txt", "pyproject.toml"}, InstallProject: true}, {Manifests: []string{"requirements.txt"}, AddPackages: []string{"gunicorn==23.0.0"}}, {Manifests: []string{"requirements.txt"}, Dependencies: []string{"django", "uwsgi"}}, {AddPackages: []string{"flask==3.1.0", "gunicorn==23.0.0"}}}
		case "poetry":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "poetry.lock"}}, {Manifests: []string{"pyproject.toml", "poetry.lock"}, PackageManagerVersion: "2.1.3"}, {Manifests: []string{"pyproject.toml", "poetry.lock"}, InstallProject: true}, {Manifests: []string{"pyproject.toml", "poetry.lock"}, AddPackages: []string{"gunicorn==23.0.0"}}}
		case "uv":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "uv.lock"}}, {Manifests: []string{"pyproject.toml"}}, {Manifests: []string{"pyproject.toml", "uv.lock"}, InstallProject: true}, {Manifests: []string{"pyproject.toml", "uv.lock"}, InstallProject: true, AddPackages: []string{"uvicorn==0.34.0"}}}
		case "pipenv":
			return []detect.Facts{{Manifests: []string{"Pipfile", "Pipfile.lock"}}, {Manifests: []string{"Pipfile"}}}
		case "pdm":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "pdm.lock"}}, {Manifests: []string{"pyproject.toml"}}, {Manifests: []string{"pyproject.toml", "pdm.lock"}, InstallProject: true}}
		}
		return []detect.Facts{{}}
	},
}
