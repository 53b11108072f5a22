package spec

import (
	"strconv"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var pythonStack = Stack{
	Language:        "python",
	PackageManagers: []string{"pip", "poetry", "uv", "pipenv"},
	Frameworks:      []string{"flask", "django", "fastapi"},
	NewManifests: map[string][]string{
		"pip":    {"requirements.txt"},
		"poetry": {"pyproject.toml", "poetry.lock"},
		"uv":     {"pyproject.toml", "uv.lock"},
		"pipenv": {"Pipfile", "Pipfile.lock"},
	},
	DefaultPort: func(string) int { return 8000 },
	DefaultCommand: func(s Spec) []string {
		port := strconv.Itoa(s.Port)
		switch s.Framework {
		case "flask":
			return []string{"gunicorn", "--bind", "0.0.0.0:" + port, "app:app"}
		case "django":
			return []string{"gunicorn", "--bind", "0.0.0.0:" + port, "config.wsgi:application"}
		case "fastapi":
			return []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", port}
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
			return []detect.Facts{{Manifests: []string{"requirements.txt"}}, {Manifests: []string{"pyproject.toml"}}, {Manifests: []string{"requirements.txt", "constraints.txt"}}}
		case "poetry":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "poetry.lock"}}, {Manifests: []string{"pyproject.toml", "poetry.lock"}, PackageManagerVersion: "2.1.3"}}
		case "uv":
			return []detect.Facts{{Manifests: []string{"pyproject.toml", "uv.lock"}}, {Manifests: []string{"pyproject.toml"}}}
		case "pipenv":
			return []detect.Facts{{Manifests: []string{"Pipfile", "Pipfile.lock"}}, {Manifests: []string{"Pipfile"}}}
		}
		return []detect.Facts{{}}
	},
}
