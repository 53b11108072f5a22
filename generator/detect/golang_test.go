package detect

import (
	"slices"
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
