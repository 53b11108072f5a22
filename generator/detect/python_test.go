package detect

import (
	"reflect"
	"testing"
	"testing/fstest"
)

// files builds a MapFS from path, content pairs.
func files(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

func TestPythonVersion(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  VersionReq
	}{
		{".python-version", files(".python-version", "3.12\n", "requirements.txt", ""), VersionReq{"3.12", true, ".python-version"}},
		{".python-version skips comments, keeps the first version", files(".python-version", "# pyenv\n\n 3.12.4 \n3.11\n", "requirements.txt", ""), VersionReq{"3.12.4", true, ".python-version"}},
		{".python-version beats requires-python", files(".python-version", "3.13", "pyproject.toml", "[project]\nrequires-python = \">=3.11\"\n"), VersionReq{"3.13", true, ".python-version"}},
		{"requires-python range", files("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.10,<3.13\"\n"), VersionReq{">=3.10,<3.13", false, "pyproject.toml"}},
		{"requires-python compatible release", files("pyproject.toml", "[project]\nrequires-python = \"~=3.10\"\n"), VersionReq{"~=3.10", false, "pyproject.toml"}},
		{"requires-python beats poetry python", files("pyproject.toml", "[project]\nrequires-python = \">=3.11\"\n[tool.poetry.dependencies]\npython = \"^3.10\"\n"), VersionReq{">=3.11", false, "pyproject.toml"}},
		{"poetry python", files("pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\nflask = \"^3\"\n"), VersionReq{"^3.11", false, "pyproject.toml"}},
		{"poetry python beats Pipfile", files("pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\n", "Pipfile", "[requires]\npython_version = \"3.9\"\n"), VersionReq{"^3.11", false, "pyproject.toml"}},
		{"Pipfile python_version", files("Pipfile", "[requires]\npython_version = \"3.10\"\n"), VersionReq{"3.10", true, "Pipfile"}},
		{"Pipfile python_full_version", files("Pipfile", "[requires]\npython_full_version = \"3.10.14\"\n"), VersionReq{"3.10.14", true, "Pipfile"}},
		{"Pipfile beats runtime.txt", files("Pipfile", "[requires]\npython_version = \"3.10\"\n", "runtime.txt", "python-3.9.1"), VersionReq{"3.10", true, "Pipfile"}},
		{"runtime.txt", files("requirements.txt", "flask", "runtime.txt", "python-3.11.4\n"), VersionReq{"3.11.4", true, "runtime.txt"}},
		{"none", files("requirements.txt", "flask"), VersionReq{}},
		{"empty .python-version falls through", files(".python-version", "\n", "pyproject.toml", "[project]\nrequires-python = \">=3.9\"\n"), VersionReq{">=3.9", false, "pyproject.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Version != tt.want {
				t.Errorf("Version = %+v, want %+v", got.Version, tt.want)
			}
			checkEvidence(t, got)
		})
	}
}

func TestPythonPackageManager(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		pm        string
		manifests []string
		warn      string
	}{
		{"uv.lock", files("pyproject.toml", "[project]\n", "uv.lock", "version = 1\n"), "uv", []string{"pyproject.toml", "uv.lock"}, ""},
		{"uv and poetry lockfiles: uv, with a warning", files("pyproject.toml", "[project]\n", "uv.lock", "", "poetry.lock", ""), "uv", []string{"pyproject.toml", "uv.lock"}, "uv.lock: several Python lockfiles (uv.lock, poetry.lock); using uv"},
		{"poetry and Pipfile lockfiles: poetry, with a warning", files("poetry.lock", "", "Pipfile.lock", "{}", "pyproject.toml", "[tool.poetry]\n"), "poetry", []string{"pyproject.toml", "poetry.lock"}, "several Python lockfiles (poetry.lock, Pipfile.lock)"},
		{"poetry.lock", files("pyproject.toml", "[tool.poetry]\nname = \"x\"\n", "poetry.lock", ""), "poetry", []string{"pyproject.toml", "poetry.lock"}, ""},
		{"[tool.poetry] without a lockfile", files("pyproject.toml", "[tool.poetry]\nname = \"x\"\n"), "poetry", []string{"pyproject.toml"}, ""},
		{"[tool.poetry] with requirements.txt is still poetry", files("pyproject.toml", "[tool.poetry]\n", "requirements.txt", "requests\n"), "poetry", []string{"pyproject.toml"}, ""},
		{"Pipfile.lock", files("Pipfile", "[packages]\n", "Pipfile.lock", "{}"), "pipenv", []string{"Pipfile", "Pipfile.lock"}, ""},
		{"Pipfile alone", files("Pipfile", "[packages]\nrequests = \"*\"\n"), "pipenv", []string{"Pipfile"}, ""},
		{"requirements.txt", files("requirements.txt", "requests\n"), "pip", []string{"requirements.txt"}, ""},
		{"requirements.txt with includes", files("requirements.txt", "-r requirements/base.txt\n-c constraints.txt\n-r missing.txt\n", "requirements/base.txt", "-r common.txt\nrequests\n", "requirements/common.txt", "gunicorn\n", "constraints.txt", "requests<4\n"), "pip", []string{"requirements.txt", "requirements/base.txt", "constraints.txt", "requirements/common.txt"}, ""},
		{"requirements.txt beats a tool-only pyproject", files("pyproject.toml", "[tool.black]\nline-length = 100\n", "requirements.txt", "requests\n"), "pip", []string{"requirements.txt"}, ""},
		{"pyproject [project] alone", files("pyproject.toml", "[project]\nname = \"x\"\ndependencies = [\"httpx\"]\n"), "pip", []string{"pyproject.toml"}, ""},
		{"setup.py alone", files("setup.py", "from setuptools import setup\nsetup()\n"), "pip", nil, ""},
		{"pdm.lock", files("pyproject.toml", "[project]\nname = \"x\"\n", "pdm.lock", "# @generated by PDM\n"), "pdm", []string{"pyproject.toml", "pdm.lock"}, ""},
		{"pdm.lock alone is Python", files("pdm.lock", ""), "pdm", []string{"pdm.lock"}, ""},
		{"[tool.pdm] without a lockfile", files("pyproject.toml", "[project]\nname = \"x\"\n[tool.pdm]\ndistribution = false\n"), "pdm", []string{"pyproject.toml"}, ""},
		{"poetry.lock beats pdm.lock, with a warning", files("pyproject.toml", "[tool.poetry]\n", "poetry.lock", "", "pdm.lock", ""), "poetry", []string{"pyproject.toml", "poetry.lock"}, "several Python lockfiles (poetry.lock, pdm.lock)"},
		{"pdm.lock beats Pipfile.lock", files("pyproject.toml", "[project]\n", "pdm.lock", "", "Pipfile", "", "Pipfile.lock", "{}"), "pdm", []string{"pyproject.toml", "pdm.lock"}, "several Python lockfiles (pdm.lock, Pipfile.lock)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != "python" || got.PackageManager != tt.pm {
				t.Errorf("Language, PackageManager = %q, %q; want python, %q", got.Language, got.PackageManager, tt.pm)
			}
			if !reflect.DeepEqual(got.Manifests, tt.manifests) {
				t.Errorf("Manifests = %q, want %q", got.Manifests, tt.manifests)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			checkWarnings(t, got.Warnings, want)
			checkEvidence(t, got)
		})
	}
}

func TestParseRequirements(t *testing.T) {
	data := `# a comment
Flask[async, dotenv]>=3.0 ; python_version > "3.8"  # web
django_rest_framework==3.15
zope.interface
   requests \
     >=2.31
-r base.txt
--requirement=other.txt
-e .
git+https://github.com/org/lib.git@v1.0#egg=lib
-rdev.txt
--index-url https://pypi.example.com/simple
https://example.com/pkg-1.0.whl
mypkg @ https://example.com/mypkg-1.0.tar.gz
uvicorn[standard]
`
	got := parseRequirements("reqs/requirements.txt", []byte(data))
	wantNames := []string{"flask", "django-rest-framework", "zope-interface", "requests", "mypkg", "uvicorn"}
	if !reflect.DeepEqual(got.names, wantNames) {
		t.Errorf("names = %q, want %q", got.names, wantNames)
	}
	if !reflect.DeepEqual(got.extras[0], []string{"async", "dotenv"}) || !reflect.DeepEqual(got.extras[5], []string{"standard"}) {
		t.Errorf("extras = %q", got.extras)
	}
	if want := []string{"reqs/base.txt", "reqs/other.txt", "reqs/dev.txt"}; !reflect.DeepEqual(got.includes, want) {
		t.Errorf("includes = %q, want %q", got.includes, want)
	}
}

func TestPythonDependencies(t *testing.T) {
	got := Detect(files(
		"pyproject.toml", "[project]\ndependencies = [\"FastAPI>=0.110\", \"Pydantic_Settings\"]\n[tool.poetry.dependencies]\npython = \"^3.11\"\nSQLAlchemy = \"^2\"\n",
		"requirements.txt", "gunicorn\n",
		"Pipfile", "[packages]\nRequests = \"*\"\n[dev-packages]\npytest = \"*\"\n",
	))
	want := []string{"fastapi", "gunicorn", "pydantic-settings", "requests", "sqlalchemy"}
	if !reflect.DeepEqual(got.Dependencies, want) {
		t.Errorf("Dependencies = %q, want %q", got.Dependencies, want)
	}
}

func TestPythonApp(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		port      int
		command   []string
		portEnv   bool
		add       []string // AddPackages
		warn      string
	}{
		{
			name:      "django without gunicorn: gunicorn installed, never runserver",
			files:     files("manage.py", "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n", "site/wsgi.py", "application = None\n", "requirements.txt", "Django\n"),
			framework: "django", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "site.wsgi:application"},
			add:  []string{"gunicorn==23.0.0"},
			warn: "requirements.txt: gunicorn is not a dependency; the image installs gunicorn==23.0.0 (pinned by dockgen) to serve site.wsgi:application in production; add gunicorn to requirements.txt",
		},
		{
			name:      "django project package found by listing when manage.py does not say",
			files:     files("manage.py", "import sys\n", "backend/core/wsgi.py", "application = None\n", "node_modules/x/wsgi.py", "", "requirements.txt", "django\ngunicorn\n"),
			framework: "django", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "backend.core.wsgi:application"},
		},
		{
			name:      "django dependency without manage.py",
			files:     files("requirements.txt", "django\ngunicorn\n", "proj/wsgi.py", "application = None\n"),
			framework: "django", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "proj.wsgi:application"},
		},
		{
			name:      "fastapi in a src layout",
			files:     files("pyproject.toml", "[project]\ndependencies = [\"fastapi\", \"uvicorn\"]\n", "src/svc/__init__.py", "", "src/svc/main.py", "from fastapi import FastAPI\n\napi = FastAPI()\n"),
			framework: "fastapi", port: 8000, command: []string{"uvicorn", "svc.main:api", "--host", "0.0.0.0", "--port", "8000", "--app-dir", "src"},
		},
		{
			name:      "fastapi without uvicorn warns",
			files:     files("requirements.txt", "fastapi\n", "main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
			framework: "fastapi", port: 8000, command: []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"},
			add:  []string{"uvicorn==0.34.0"},
			warn: "requirements.txt: uvicorn is not a dependency; the image installs uvicorn==0.34.0",
		},
		{
			name:      "fastapi app built by a factory",
			files:     files("requirements.txt", "fastapi\nuvicorn\n", "app/main.py", "from app.factory import create_app\n\napp = create_app()\n"),
			framework: "fastapi", port: 8000, command: []string{"uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"},
		},
		{
			name:      "fastapi without an app module warns and has no command",
			files:     files("requirements.txt", "fastapi\nuvicorn\n", "service.py", "print(1)\n"),
			framework: "fastapi", port: 8000,
			warn: "no module defines app = FastAPI",
		},
		{
			name:      "flask app factory served by gunicorn",
			files:     files("requirements.txt", "flask\ngunicorn\n", "app/__init__.py", "from flask import Flask\n\ndef create_app():\n    return Flask(__name__)\n"),
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:create_app()"},
		},
		{
			name:      "flask without gunicorn: gunicorn installed, on the port app.run names",
			files:     files("requirements.txt", "flask\n", "application.py", "import flask\napplication = flask.Flask(__name__)\n\nif __name__ == \"__main__\":\n    application.run(host=\"0.0.0.0\", port=8081)\n"),
			framework: "flask", port: 8081, command: []string{"gunicorn", "--bind", "0.0.0.0:8081", "application:application"},
			add:  []string{"gunicorn==23.0.0"},
			warn: "requirements.txt: gunicorn is not a dependency; the image installs gunicorn==23.0.0",
		},
		{
			name:      "flask app object under another name",
			files:     files("requirements.txt", "flask\ngunicorn\n", "app.py", "from flask import Flask\nserver = Flask(__name__)\n"),
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:server"},
		},
		{
			name:      "flask app built by a factory in wsgi.py",
			files:     files("requirements.txt", "flask\ngunicorn\n", "wsgi.py", "from app import create_app\n\napp = create_app()\n", "app/__init__.py", "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n"),
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "wsgi:app"},
		},
		{
			name:      "flask port from os.environ.get(\"PORT\", ...)",
			files:     files("requirements.txt", "flask\ngunicorn\n", "app.py", "import os\nfrom flask import Flask\napp = Flask(__name__)\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=int(os.environ.get(\"PORT\", \"5000\")))\n"),
			framework: "flask", port: 5000, portEnv: true, command: []string{"gunicorn", "--bind", "0.0.0.0:5000", "app:app"},
		},
		{
			name:      "the project's gunicorn.conf.py: the command defers to it, its bind is the port",
			files:     files("requirements.txt", "flask\ngunicorn\n", "app.py", "from flask import Flask\napp = Flask(__name__)\n", "gunicorn.conf.py", "workers = 4\nbind = \"0.0.0.0:8080\"\n"),
			framework: "flask", port: 8080, command: []string{"gunicorn", "-c", "gunicorn.conf.py", "app:app"},
		},
		{
			name:      "gunicorn.conf.py without bind: the image binds",
			files:     files("requirements.txt", "flask\ngunicorn\n", "app.py", "from flask import Flask\napp = Flask(__name__)\n", "gunicorn.conf.py", "workers = 4\n"),
			framework: "flask", port: 8000, command: []string{"gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "app:app"},
		},
		{
			name:      "gunicorn.conf.py bind reads PORT",
			files:     files("requirements.txt", "flask\ngunicorn\n", "app.py", "from flask import Flask\napp = Flask(__name__)\n", "gunicorn.conf.py", "import os\nbind = f\"0.0.0.0:{os.getenv('PORT', '9000')}\"\n"),
			framework: "flask", port: 9000, portEnv: true, command: []string{"gunicorn", "-c", "gunicorn.conf.py", "app:app"},
		},
		{
			name:      "django on uwsgi with the project's uwsgi.ini",
			files:     files("manage.py", "os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"site.settings\")\n", "site/wsgi.py", "application = None\n", "requirements.txt", "django\nuwsgi\n", "uwsgi.ini", "[uwsgi]\nmodule = site.wsgi:application\nhttp = :8081\n"),
			framework: "django", port: 8081, command: []string{"uwsgi", "--ini", "uwsgi.ini"},
		},
		{
			name:      "django WSGI_APPLICATION from the settings",
			files:     files("manage.py", "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.production')\n", "config/settings/base.py", "WSGI_APPLICATION = \"config.wsgi.application\"\n", "config/settings/production.py", "from .base import *\n", "config/wsgi.py", "application = None\n", "other/wsgi.py", "", "requirements.txt", "django\ngunicorn\n"),
			framework: "django", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "config.wsgi:application"},
		},
		{
			name:      "no manifest: a flask app.py gets flask and gunicorn, pinned",
			files:     files("app.py", "from flask import Flask\napp = Flask(__name__)\n"),
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
			add:  []string{"flask==3.1.0", "gunicorn==23.0.0"},
			warn: "app.py: no requirements file: the image installs flask==3.1.0 and gunicorn==23.0.0 (pinned by dockgen); a requirements.txt naming them would make the build reproducible",
		},
		{
			name:      "no manifest: a fastapi main.py gets fastapi and uvicorn",
			files:     files("main.py", "import fastapi\napp = fastapi.FastAPI()\n"),
			framework: "fastapi", port: 8000, command: []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"},
			add:  []string{"fastapi==0.115.6", "uvicorn==0.34.0"},
			warn: "main.py: no requirements file: the image installs fastapi==0.115.6 and uvicorn==0.34.0",
		},
		{
			name:      "framework beats a project script",
			files:     files("pyproject.toml", "[project]\ndependencies = [\"flask\", \"gunicorn\"]\n[project.scripts]\nserve = \"app:main\"\n", "app.py", "from flask import Flask\napp = Flask(__name__)\n"),
			framework: "flask", port: 8000, command: []string{"gunicorn", "--bind", "0.0.0.0:8000", "app:app"},
		},
		{
			name:    "a single project script",
			files:   files("pyproject.toml", "[project]\nname = \"tool\"\n[project.scripts]\ntool = \"tool.cli:main\"\n"),
			command: []string{"tool"},
		},
		{
			name:  "two project scripts: no command",
			files: files("pyproject.toml", "[project]\n[project.scripts]\na = \"x:a\"\nb = \"x:b\"\n"),
		},
		{
			name:    "two project scripts: the one named after the project",
			files:   files("pyproject.toml", "[project]\nname = \"b\"\n[project.scripts]\na = \"x:a\"\nb = \"x:b\"\n"),
			command: []string{"b"},
		},
		{
			name:    "a project script beats main.py",
			files:   files("pyproject.toml", "[project]\nname = \"tool\"\n[project.scripts]\ntool = \"tool.cli:main\"\n", "main.py", "print(1)\n"),
			command: []string{"tool"},
		},
		{
			name:  "a project script name that is no command name",
			files: files("pyproject.toml", "[project]\n[project.scripts]\n\"a b\" = \"x:a\"\n"),
			warn:  "pyproject.toml: [project.scripts] name \"a b\" is not a command name; pass --cmd",
		},
		{
			name:      "starlette served by uvicorn",
			files:     files("requirements.txt", "starlette\nuvicorn\n", "main.py", "from starlette.applications import Starlette\napp = Starlette(routes=[])\n"),
			framework: "starlette", port: 8000, command: []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"},
		},
		{
			name:      "starlette in a src layout on the port uvicorn.run names",
			files:     files("pyproject.toml", "[project]\ndependencies = [\"starlette\", \"uvicorn\"]\n", "src/svc/app.py", "import starlette.applications\nasgi = starlette.applications.Starlette()\nuvicorn.run(asgi, port=9000)\n"),
			framework: "starlette", port: 9000, command: []string{"uvicorn", "svc.app:asgi", "--host", "0.0.0.0", "--port", "9000", "--app-dir", "src"},
		},
		{
			name:      "starlette without uvicorn warns",
			files:     files("requirements.txt", "starlette\n", "app.py", "from starlette.applications import Starlette\napp = Starlette()\n"),
			framework: "starlette", port: 8000, command: []string{"uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"},
			add:  []string{"uvicorn==0.34.0"},
			warn: "requirements.txt: uvicorn is not a dependency; the image installs uvicorn==0.34.0",
		},
		{
			name:      "fastapi beats starlette",
			files:     files("requirements.txt", "fastapi\nstarlette\nuvicorn\n", "main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
			framework: "fastapi", port: 8000, command: []string{"uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"},
		},
		{
			name:      "streamlit runs the script that imports it",
			files:     files("requirements.txt", "streamlit\n", "app.py", "import streamlit as st\nst.title('x')\n", "main.py", "print(1)\n"),
			framework: "streamlit", port: 8501, command: []string{"streamlit", "run", "app.py", "--server.port", "8501", "--server.address", "0.0.0.0"},
		},
		{
			name:      "streamlit without a script warns",
			files:     files("requirements.txt", "streamlit\n", "main.py", "print(1)\n"),
			framework: "streamlit", port: 8501,
			warn: "requirements.txt: streamlit is a dependency but no script imports it",
		},
		{
			name:    "app.py script without a framework",
			files:   files("requirements.txt", "requests\n", "app.py", "print('hi')\n"),
			command: []string{"python", "app.py"},
		},
		{
			name:    "a script that reads PORT",
			files:   files("requirements.txt", "", "app.py", "import os\nport = int(os.environ.get('PORT', '8000'))\n"),
			command: []string{"python", "app.py"}, port: 8000, portEnv: true,
		},
		{
			name:  "a plain app.py with no manifest is no Python project",
			files: files("app.py", "import os\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.Framework != tt.framework || got.Port != tt.port || !reflect.DeepEqual(got.Command, tt.command) {
				t.Errorf("Framework, Port, Command = %q, %d, %q; want %q, %d, %q",
					got.Framework, got.Port, got.Command, tt.framework, tt.port, tt.command)
			}
			if got.PortEnv != tt.portEnv || !reflect.DeepEqual(got.AddPackages, tt.add) {
				t.Errorf("PortEnv, AddPackages = %v, %q; want %v, %q", got.PortEnv, got.AddPackages, tt.portEnv, tt.add)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			checkWarnings(t, got.Warnings, want)
			checkEvidence(t, got)
		})
	}
}

// TestPythonFromSourceYieldsToAManifest: an app.py that imports flask makes
// a Python project only where no other language has a manifest.
func TestPythonFromSourceYieldsToAManifest(t *testing.T) {
	f := Detect(files("go.mod", "module x\n\ngo 1.23\n", "main.go", "package main\nfunc main() {}\n", "app.py", "import flask\n"))
	if f.Language != "go" || len(f.Warnings) != 0 {
		t.Errorf("Language, Warnings = %q, %q; want go and none", f.Language, f.Warnings)
	}
	f = Detect(files("app.py", "import flask\napp = flask.Flask(__name__)\n"))
	if f.Language != "python" || !f.FromSource || len(f.Manifests) != 0 {
		t.Errorf("Language, FromSource, Manifests = %q, %v, %q; want python, true, none", f.Language, f.FromSource, f.Manifests)
	}
}
