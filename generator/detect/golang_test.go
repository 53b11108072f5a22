package detect

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const mainGo = "package main\n\nfunc main() {}\n"

func TestGoVersion(t *testing.T) {
	tests := []struct {
		name  string
		gomod string
		want  VersionReq
	}{
		{"toolchain beats go", "module example.com/x\n\ngo 1.22\n\ntoolchain go1.26.3\n", VersionReq{"1.26.3", true, "go.mod"}},
		{"go line is a floor", "module example.com/x\n\ngo 1.22\n", VersionReq{"1.22", false, "go.mod"}},
		{"go line with patch", "module example.com/x\n\ngo 1.22.0\n", VersionReq{"1.22.0", false, "go.mod"}},
		{"no go line", "module example.com/x\n", VersionReq{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(files("go.mod", tt.gomod, "main.go", mainGo))
			if got.Version != tt.want {
				t.Errorf("Version = %+v, want %+v", got.Version, tt.want)
			}
			if got.Framework != "" || got.Command != nil {
				t.Errorf("Framework, Command = %q, %q; want both empty for Go", got.Framework, got.Command)
			}
			checkEvidence(t, got)
		})
	}
}

func TestGoMain(t *testing.T) {
	tests := []struct {
		name   string
		files  fstest.MapFS
		goMain string
		port   int
		warn   string
	}{
		{
			name:   "root main beats cmd",
			files:  files("go.mod", "module example.com/x\n", "main.go", mainGo, "cmd/tool/main.go", mainGo),
			goMain: ".", port: 0,
		},
		{
			name:   "a root main excluded by //go:build ignore does not count",
			files:  files("go.mod", "module example.com/x\n", "gen.go", "//go:build ignore\n\n"+mainGo, "cmd/api/main.go", mainGo),
			goMain: "./cmd/api", port: 0,
		},
		{
			name:   "root package that is not main",
			files:  files("go.mod", "module example.com/x\n", "x.go", "package x\n\nfunc main() {}\n", "cmd/x/main.go", mainGo),
			goMain: "./cmd/x", port: 0,
		},
		{
			name:   "several cmds: the one named like the module (major suffix dropped)",
			files:  files("go.mod", "module example.com/acme/worker/v2\n", "cmd/api/main.go", mainGo, "cmd/worker/main.go", mainGo, "cmd/lib/lib.go", "package lib\n"),
			goMain: "./cmd/worker", port: 0, warn: "cmd/: several main packages (api, worker); building ./cmd/worker (named like the module",
		},
		{
			name:   "a main package in a top-level folder",
			files:  files("go.mod", "module example.com/x\n", "server/main.go", mainGo, "internal/a/a.go", "package a\n"),
			goMain: "./server", port: 0,
		},
		{
			name:  "no main package",
			files: files("go.mod", "module example.com/lib\n", "lib.go", "package lib\n"),
			warn:  "go.mod: no main package",
		},
		{
			name:   "net/http without an address: the Go default 8080",
			files:  files("go.mod", "module example.com/x\n", "main.go", "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(addr(), nil) }\n"),
			goMain: ".", port: 8080,
		},
		{
			name:   "gin Run",
			files:  files("go.mod", "module example.com/x\n", "main.go", "package main\n\nfunc main() {\n\tr := gin.Default()\n\tr.Run(\":8000\")\n}\n"),
			goMain: ".", port: 8000,
		},
		{
			name:   "net.Listen in a second file of the main package",
			files:  files("go.mod", "module example.com/x\n", "cmd/grpc/main.go", mainGo, "cmd/grpc/serve.go", "package main\n\nfunc serve() { net.Listen(\"tcp\", \":7000\") }\n", "cmd/grpc/serve_test.go", "package main\n\nvar _ = \":1234\"\n"),
			goMain: "./cmd/grpc", port: 7000,
		},
		{
			name:   "http.Server Addr with a host",
			files:  files("go.mod", "module example.com/x\n", "main.go", "package main\n\nfunc main() { _ = &http.Server{Addr: \"0.0.0.0:9000\"} }\n"),
			goMain: ".", port: 9000,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.GoMain != tt.goMain || got.Port != tt.port {
				t.Errorf("GoMain, Port = %q, %d; want %q, %d", got.GoMain, got.Port, tt.goMain, tt.port)
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

// cgo: a module that needs it (import "C" anywhere in the main module, or
// a dependency that wraps a C library) is marked, with evidence.
func TestGoCGO(t *testing.T) {
	cgoFile := "package sqlite\n\n// #include <stdlib.h>\nimport \"C\"\n"
	tests := []struct {
		name  string
		files fstest.MapFS
		want  bool
		file  string
	}{
		{"none", files("go.mod", "module x\n", "main.go", mainGo), false, ""},
		{"import C in a subpackage", files("go.mod", "module x\n", "main.go", mainGo, "internal/sqlite/sqlite.go", cgoFile), true, "internal/sqlite/sqlite.go"},
		{"import C in a grouped import", files("go.mod", "module x\n", "main.go", "package main\n\nimport (\n\t\"fmt\"\n\t\"C\"\n)\n\nfunc main() { fmt.Println() }\n"), true, "main.go"},
		{"go-sqlite3 in go.mod", files("go.mod", "module x\n\nrequire github.com/mattn/go-sqlite3 v1.14.32\n", "main.go", mainGo), true, "go.mod"},
		{"confluent-kafka-go/v2 in go.mod", files("go.mod", "module x\n\nrequire github.com/confluentinc/confluent-kafka-go/v2 v2.11.0\n", "main.go", mainGo), true, "go.mod"},
		{"a pure-Go sqlite is not cgo", files("go.mod", "module x\n\nrequire modernc.org/sqlite v1.38.0\n", "main.go", mainGo), false, ""},
		{"a test file does not count", files("go.mod", "module x\n", "main.go", mainGo, "x_test.go", "package main\n\nimport \"C\"\n"), false, ""},
		{"a //go:build ignore file does not count", files("go.mod", "module x\n", "main.go", mainGo, "gen.go", "//go:build ignore\n\npackage main\n\nimport \"C\"\n"), false, ""},
		{"vendor/ and testdata/ are not the module", files("go.mod", "module x\n", "main.go", mainGo, "vendor/y/y.go", cgoFile, "testdata/z.go", cgoFile), false, ""},
		{"a nested module is another module", files("go.mod", "module x\n", "main.go", mainGo, "tools/go.mod", "module tools\n", "tools/t.go", cgoFile), false, ""},
		{"the string \"C\" is no import", files("go.mod", "module x\n", "main.go", "package main\n\nfunc main() { println(\"C\") }\n"), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.CGO != tt.want {
				t.Errorf("CGO = %v, want %v", got.CGO, tt.want)
			}
			i := slices.IndexFunc(got.Evidence, func(e Evidence) bool { return e.Field == "cgo" })
			if tt.want && (i < 0 || got.Evidence[i].File != tt.file) {
				t.Errorf("cgo evidence %+v, want file %s", got.Evidence, tt.file)
			}
			if !tt.want && i >= 0 {
				t.Errorf("cgo evidence without cgo: %+v", got.Evidence[i])
			}
		})
	}
}

// Several main packages are all exposed as candidates, so init can ask.
func TestGoMains(t *testing.T) {
	got := Detect(files("go.mod", "module example.com/x\n", "cmd/b/main.go", mainGo, "cmd/a/main.go", mainGo, "cmd/lib/lib.go", "package lib\n"))
	if !slices.Equal(got.Mains, []string{"./cmd/a", "./cmd/b"}) || got.GoMain != "./cmd/a" {
		t.Errorf("Mains, GoMain = %q, %q", got.Mains, got.GoMain)
	}
	got = Detect(files("go.mod", "module example.com/x\n", "api/main.go", mainGo, "worker/main.go", mainGo))
	if !slices.Equal(got.Mains, []string{"./api", "./worker"}) || got.GoMain != "./api" {
		t.Errorf("top level: Mains, GoMain = %q, %q", got.Mains, got.GoMain)
	}
	if got := Detect(files("go.mod", "module example.com/x\n", "cmd/a/main.go", mainGo)); got.Mains != nil {
		t.Errorf("one main: Mains = %q, want none", got.Mains)
	}
}

// goFixtures are the Go fixture repositories of TestDetectFixtures added
// for web frameworks, run-time files and source with no go.mod.
var goFixtures = map[string]want{
	"go-gin-templates": {
		portEnv: true,
		lang:    "go", version: VersionReq{"1.25", false, "go.mod"}, pm: "go", framework: "gin", port: 8080, goMain: ".",
		manifests: []string{"go.mod", "go.sum"},
	},
	"go-nomod": {
		portEnv: true,
		lang:    "go", pm: "go", framework: "chi", port: 8080, goMain: ".",
		warnings: []string{"main.go: no go.mod; the build runs go mod init and go mod tidy"},
	},
}

// Web frameworks are reported as Framework, from go.mod's direct
// requirements or, with no go.mod, from the imports; the port comes from
// the code, else the framework's own default, else 8080 by convention.
func TestGoFrameworkAndPort(t *testing.T) {
	gomod := func(req string) string { return "module example.com/x\n\ngo 1.25\n\nrequire " + req + "\n" }
	main := func(imports, body string) string {
		return "package main\n\nimport (\n" + imports + "\n)\n\nfunc main() {\n" + body + "\n}\n"
	}
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		port      int
		portEnv   bool
		reason    string // a substring of the port evidence
		warn      string
	}{
		{"gin Run() reads PORT, else 8080", files("go.mod", gomod("github.com/gin-gonic/gin v1.11.0"), "main.go", main(`"github.com/gin-gonic/gin"`, "r := gin.Default()\nr.Run()")),
			"gin", 8080, true, "(framework default)", ""},
		{"echo Start with a literal", files("go.mod", gomod("github.com/labstack/echo/v4 v4.13.4"), "main.go", main(`"github.com/labstack/echo/v4"`, "e := echo.New()\ne.Logger.Fatal(e.Start(\":1323\"))")),
			"echo", 1323, false, "listens on :1323", ""},
		{"fiber Listen with a literal", files("go.mod", gomod("github.com/gofiber/fiber/v2 v2.52.9"), "main.go", main(`"github.com/gofiber/fiber/v2"`, "app := fiber.New()\napp.Listen(\":3000\")")),
			"fiber", 3000, false, "listens on :3000", ""},
		{"an indirect requirement is no framework", files("go.mod", gomod("github.com/gin-gonic/gin v1.11.0 // indirect"), "main.go", main(`"net/http"`, "http.ListenAndServe(addr(), nil)")),
			"", 8080, false, "net/http has no default port: 8080 by convention", ""},
		{"gorilla/mux without an address: a convention, not a framework default", files("go.mod", gomod("github.com/gorilla/mux v1.8.1"), "main.go", main(`"net/http"
	"github.com/gorilla/mux"`, "http.ListenAndServe(addr(), mux.NewRouter())")),
			"gorilla/mux", 8080, false, "gorilla/mux has no default port: 8080 by convention", ""},
		{"beego's default", files("go.mod", gomod("github.com/beego/beego/v2 v2.3.8"), "main.go", main(`"github.com/beego/beego/v2/server/web"`, "web.Run()")),
			"beego", 8080, false, "beego's HTTPPort defaults to 8080", ""},
		{"PORT with a fallback", files("go.mod", gomod("github.com/go-chi/chi/v5 v5.2.3"), "main.go", main(`"net/http"
	"os"`, "port := os.Getenv(\"PORT\")\nif port == \"\" {\n\tport = \"3000\"\n}\nhttp.ListenAndServe(\":\"+port, nil)")),
			"chi", 3000, true, "listens on $PORT, else :3000", ""},
		{"cmp.Or fallback", files("go.mod", "module x\n", "main.go", main(`"cmp"
	"net/http"
	"os"`, "http.ListenAndServe(\":\"+cmp.Or(os.Getenv(\"PORT\"), \"9000\"), nil)")),
			"", 9000, true, "listens on $PORT, else :9000", ""},
		{"PORT with no fallback: 8080 by convention", files("go.mod", "module x\n", "main.go", main(`"net/http"
	"os"`, "http.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil)")),
			"", 8080, true, "8080 by convention", ""},
		{"a flag's default address", files("go.mod", "module x\n", "main.go", main(`"flag"
	"net/http"`, "addr := flag.String(\"addr\", \":8081\", \"listen address\")\nflag.Parse()\nhttp.ListenAndServe(*addr, nil)")),
			"", 8081, false, "a flag's default address :8081", ""},
		{"a flag's default port number", files("go.mod", "module x\n", "main.go", main(`"flag"
	"net/http"`, "port := flag.Int(\"port\", 7070, \"port\")\nflag.Parse()\n_ = port")),
			"", 7070, false, "a flag's default address :7070", ""},
		{"a privileged port read from PORT moves to 8080", files("go.mod", "module x\n", "main.go", main(`"net/http"
	"os"`, "p := os.Getenv(\"PORT\")\nif p == \"\" {\n\tp = \"80\"\n}\nhttp.ListenAndServe(\":\"+p, nil)")),
			"", 8080, true, "a privileged port; the app reads PORT, so the image sets PORT=8080", ""},
		{"a fixed privileged port is exposed as written, with a warning", files("go.mod", "module x\n", "main.go", main(`"net/http"`, "http.ListenAndServe(\":80\", nil)")),
			"", 80, false, "listens on :80", "main.go: listens on :80, a port below 1024"},
		{"a flag's default on localhost: unreachable from outside the container", files("go.mod", "module x\n", "main.go", main(`"flag"
	"net/http"`, "addr := flag.String(\"addr\", \"localhost:8080\", \"address to serve\")\nhttp.ListenAndServe(*addr, nil)")),
			"", 8080, false, "a flag's default address :8080", "main.go: binds the loopback interface on port 8080"},
		{"a tool: no port", files("go.mod", "module x\n", "main.go", main(`"fmt"`, "fmt.Println()")),
			"", 0, false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.Framework != tt.framework || got.Port != tt.port || got.PortEnv != tt.portEnv {
				t.Errorf("Framework, Port, PortEnv = %q, %d, %v; want %q, %d, %v", got.Framework, got.Port, got.PortEnv, tt.framework, tt.port, tt.portEnv)
			}
			i := slices.IndexFunc(got.Evidence, func(e Evidence) bool { return e.Field == "port" })
			if tt.reason != "" && (i < 0 || !strings.Contains(got.Evidence[i].Reason, tt.reason)) {
				t.Errorf("port evidence %+v, want a reason with %q", got.Evidence, tt.reason)
			}
			if env := slices.ContainsFunc(got.Evidence, func(e Evidence) bool { return e.Field == "port_env" }); env != tt.portEnv {
				t.Errorf("port_env evidence = %v, want %v", env, tt.portEnv)
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

// Files the program reads at run time by a literal path are copied into
// the final stage when they exist and are not embedded.
func TestGoRuntimeFiles(t *testing.T) {
	main := func(body string) string { return "package main\n\nfunc main() {\n" + body + "\n}\n" }
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string
		warn  string
	}{
		{"gin templates glob and static folder", files("go.mod", "module x\n", "main.go", main("r.LoadHTMLGlob(\"templates/*.tmpl.html\")\nr.Static(\"/static\", \"./static\")"),
			"templates/index.tmpl.html", "x", "static/app.css", "x"), []string{"static", "templates"}, ""},
		{"a nested glob keeps its folder", files("go.mod", "module x\n", "main.go", main("template.Must(template.ParseGlob(\"web/templates/**/*.html\"))"),
			"web/templates/a/index.html", "x"), []string{"web/templates"}, ""},
		{"ParseFiles with several files", files("go.mod", "module x\n", "main.go", main("template.ParseFiles(\"views/layout.html\", \"views/home.html\")"),
			"views/layout.html", "x", "views/home.html", "x"), []string{"views/home.html", "views/layout.html"}, ""},
		{"http.Dir in a FileServer, echo Static, a config file", files("go.mod", "module x\n", "main.go", main("http.Handle(\"/\", http.FileServer(http.Dir(\"public\")))\ne.Static(\"/assets\", \"assets\")\nos.ReadFile(\"config.yaml\")"),
			"public/index.txt", "x", "assets/a.js", "x", "config.yaml", "a: 1"), []string{"assets", "config.yaml", "public"}, ""},
		{"a root glob copies the files it matches", files("go.mod", "module x\n", "main.go", main("template.ParseGlob(\"*.tmpl\")"),
			"index.tmpl", "x", "about.tmpl", "x"), []string{"about.tmpl", "index.tmpl"}, ""},
		{"an embedded folder is not copied", files("go.mod", "module x\n", "main.go", "package main\n\nimport \"embed\"\n\n//go:embed templates static/*\nvar content embed.FS\n\nfunc main() {\n\tr.LoadHTMLGlob(\"templates/*\")\n\thttp.Dir(\"static\")\n}\n",
			"templates/a.html", "x", "static/b.css", "x"), nil, ""},
		{"a path that does not exist is not copied", files("go.mod", "module x\n", "main.go", main("os.ReadFile(\"secrets.json\")\nhttp.Dir(\"/srv/www\")\nos.Open(\"../up.txt\")")),
			nil, ""},
		{"a file read from a handler in another package", files("go.mod", "module x\n", "main.go", mainGo, "internal/web/web.go", "package web\n\nfunc init() { template.ParseGlob(\"templates/*.html\") }\n",
			"templates/x.html", "x"), []string{"templates"}, ""},
		{"viper's config file and search folder", files("go.mod", "module x\n", "main.go", main("viper.SetConfigFile(\"app.yaml\")\nviper.AddConfigPath(\"./configs\")"),
			"app.yaml", "a: 1", "configs/prod.yaml", "a: 2"), []string{"app.yaml", "configs"}, ""},
		{"beego's conf, views and static folders", files("go.mod", "module x\n\nrequire github.com/beego/beego/v2 v2.3.8\n", "main.go", main("web.Run()"),
			"conf/app.conf", "httpport = 8080", "views/index.tpl", "x", "static/js/a.js", "x"), []string{"conf", "static", "views"}, ""},
		{"build output is not copied", files("go.mod", "module x\n", "main.go", main("http.Dir(\"dist\")")),
			nil, "main.go: http.Dir(\"dist\") reads dist at run time, a build or dependency folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if !slices.Equal(got.RuntimeFiles, tt.want) {
				t.Errorf("RuntimeFiles = %q, want %q", got.RuntimeFiles, tt.want)
			}
			for _, p := range tt.want {
				if !slices.ContainsFunc(got.Evidence, func(e Evidence) bool {
					return e.Field == "runtime_files" && (strings.Contains(e.Reason, p+" is read at run time") || strings.Contains(e.Reason, "reads "+p+"/"))
				}) {
					t.Errorf("no runtime_files evidence for %s: %+v", p, got.Evidence)
				}
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			checkWarnings(t, got.Warnings, want)
		})
	}
}

// A main package with no go.mod is Go: no manifests, go mod init in the
// build, its imports named in the evidence and a warning about go.mod.
func TestGoNoModule(t *testing.T) {
	got := Detect(guard(t, files("main.go", "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/gin-gonic/gin\"\n)\n\nfunc main() { r := gin.Default(); r.Run(\":9000\"); _ = http.StatusOK }\n")))
	if got.Language != "go" || !got.GoModInit || got.Manifests != nil || got.GoMain != "." || got.Framework != "gin" || got.Port != 9000 {
		t.Errorf("got Language %q, GoModInit %v, Manifests %q, GoMain %q, Framework %q, Port %d", got.Language, got.GoModInit, got.Manifests, got.GoMain, got.Framework, got.Port)
	}
	if !slices.ContainsFunc(got.Evidence, func(e Evidence) bool {
		return e.Field == "package_manager" && strings.Contains(e.Reason, "github.com/gin-gonic/gin through the module proxy")
	}) {
		t.Errorf("package_manager evidence does not name the import: %+v", got.Evidence)
	}
	checkWarnings(t, got.Warnings, []string{"main.go: no go.mod; the build runs go mod init and go mod tidy"})
	checkEvidence(t, got)
	// A library package, or a main excluded from builds, is not an app.
	for name, fsys := range map[string]fstest.MapFS{
		"package lib":       files("lib.go", "package lib\n\nfunc main() {}\n"),
		"//go:build ignore": files("gen.go", "//go:build ignore\n\n"+mainGo),
		"main in a folder":  files("cmd/x/main.go", mainGo),
	} {
		if got := Detect(fsys); got.Language != "" {
			t.Errorf("%s: Language = %q, want none", name, got.Language)
		}
	}
}
