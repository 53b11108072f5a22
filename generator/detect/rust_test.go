package detect

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const (
	mainRs   = "fn main() {}\n"
	cargoPkg = "[package]\nname = \"svc\"\nversion = \"0.1.0\"\nedition = \"2024\"\n"
)

// Each version file, and the order between them: rust-toolchain.toml,
// then rust-toolchain, then Cargo's rust-version (package, then
// [workspace.package]).
func TestRustVersion(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  VersionReq
	}{
		{"rust-toolchain.toml pins", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain.toml", "[toolchain]\nchannel = \"1.85.0\"\n"), VersionReq{"1.85.0", true, "rust-toolchain.toml"}},
		{"rust-toolchain.toml beats rust-version", files("Cargo.toml", cargoPkg+"rust-version = \"1.70\"\n", "src/main.rs", mainRs,
			"rust-toolchain.toml", "[toolchain]\nchannel = \"1.98\"\n"), VersionReq{"1.98", true, "rust-toolchain.toml"}},
		{"rust-toolchain.toml beats rust-toolchain", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain.toml", "[toolchain]\nchannel = \"1.90.0\"\n", "rust-toolchain", "1.80.0\n"), VersionReq{"1.90.0", true, "rust-toolchain.toml"}},
		{"legacy one-line rust-toolchain", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain", "1.80.1\n"), VersionReq{"1.80.1", true, "rust-toolchain"}},
		{"legacy rust-toolchain in TOML", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain", "[toolchain]\nchannel = \"1.91\"\n"), VersionReq{"1.91", true, "rust-toolchain"}},
		{"stable channel is the floating line", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain.toml", "[toolchain]\nchannel = \"stable\"\n"), VersionReq{"1", true, "rust-toolchain.toml"}},
		{"nightly has no line: rustup installs it", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain.toml", "[toolchain]\nchannel = \"nightly-2026-10-01\"\n"), VersionReq{}},
		{"rust-version is a floor", files("Cargo.toml", cargoPkg+"rust-version = \"1.85\"\n", "src/main.rs", mainRs),
			VersionReq{">=1.85", false, "Cargo.toml"}},
		{"workspace.package rust-version", files("Cargo.toml", "[workspace]\nmembers = [\"app\"]\n\n[workspace.package]\nrust-version = \"1.88\"\n",
			"app/Cargo.toml", "[package]\nname = \"app\"\nrust-version.workspace = true\n", "app/src/main.rs", mainRs),
			VersionReq{">=1.88", false, "Cargo.toml"}},
		{"nothing", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs), VersionReq{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != "rust" || got.PackageManager != "cargo" {
				t.Fatalf("Language, PackageManager = %q, %q", got.Language, got.PackageManager)
			}
			if got.Version != tt.want {
				t.Errorf("Version = %+v, want %+v", got.Version, tt.want)
			}
			if !slices.ContainsFunc(got.Evidence, func(e Evidence) bool { return e.Field == "version" }) && strings.Contains(tt.name, "nightly") {
				t.Errorf("no version evidence for the nightly channel: %+v", got.Evidence)
			}
		})
	}
}

func TestRustBinaryAndPort(t *testing.T) {
	axum := "[package]\nname = \"api\"\n\n[dependencies]\naxum = \"0.8\"\n"
	tests := []struct {
		name      string
		files     fstest.MapFS
		binary    string
		mains     []string
		port      int
		manifests []string
		warn      string
	}{
		{
			name:   "src/main.rs is named like the package",
			files:  files("Cargo.toml", cargoPkg, "Cargo.lock", "version = 4\n", "src/main.rs", mainRs),
			binary: "svc", manifests: []string{"Cargo.toml", "Cargo.lock"},
		},
		{
			name:   "[[bin]] renames it",
			files:  files("Cargo.toml", cargoPkg+"\n[[bin]]\nname = \"svcd\"\npath = \"src/main.rs\"\n", "Cargo.lock", "", "src/main.rs", mainRs),
			binary: "svcd", manifests: []string{"Cargo.toml", "Cargo.lock"},
		},
		{
			name:   "axum with an address in the source",
			files:  files("Cargo.toml", axum, "Cargo.lock", "", "src/main.rs", "let l = TcpListener::bind(\"0.0.0.0:3000\").await?;\n"),
			binary: "api", port: 3000, manifests: []string{"Cargo.toml", "Cargo.lock"},
		},
		{
			name:   "axum without an address: 8080",
			files:  files("Cargo.toml", axum, "Cargo.lock", "", "src/main.rs", "let addr = std::env::var(\"ADDR\")?;\n"),
			binary: "api", port: 8080, manifests: []string{"Cargo.toml", "Cargo.lock"},
		},
		{
			name:   "actix bind tuple",
			files:  files("Cargo.toml", "[package]\nname = \"web\"\n[dependencies]\nactix-web = \"4\"\n", "Cargo.lock", "", "src/main.rs", "HttpServer::new(f).bind((\"0.0.0.0\", 8081))?"),
			binary: "web", port: 8081, manifests: []string{"Cargo.toml", "Cargo.lock"},
		},
		{
			name:   "no lockfile is a warning",
			files:  files("Cargo.toml", cargoPkg, "src/main.rs", mainRs),
			binary: "svc", manifests: []string{"Cargo.toml"}, warn: "Cargo.lock: missing",
		},
		{
			name: "root main beats src/bin",
			files: files("Cargo.toml", cargoPkg, "Cargo.lock", "", "rust-toolchain.toml", "[toolchain]\nchannel = \"1.98\"\n",
				"src/main.rs", mainRs, "src/bin/migrate.rs", mainRs, "src/bin/seed/main.rs", mainRs),
			binary: "svc", mains: []string{"svc", "migrate", "seed"}, manifests: []string{"Cargo.toml", "Cargo.lock", "rust-toolchain.toml"},
			warn: "several binaries (svc, migrate, seed); building svc",
		},
		{
			name: "virtual workspace: first member binary, libraries skipped",
			files: files("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n", "Cargo.lock", "",
				"crates/api/Cargo.toml", "[package]\nname = \"api\"\n", "crates/api/src/main.rs", mainRs,
				"crates/core/Cargo.toml", "[package]\nname = \"core\"\n", "crates/core/src/lib.rs", "",
				"crates/worker/Cargo.toml", "[package]\nname = \"worker\"\n", "crates/worker/src/main.rs", mainRs),
			binary: "api", mains: []string{"api", "worker"}, manifests: []string{"Cargo.toml", "Cargo.lock"},
			warn: "several binaries (api, worker); building api (first in workspace order)",
		},
		{
			name:   "a library only",
			files:  files("Cargo.toml", cargoPkg, "Cargo.lock", "", "src/lib.rs", ""),
			binary: "", manifests: []string{"Cargo.toml", "Cargo.lock"}, warn: "no binary target",
		},
		{
			name:   "malformed Cargo.toml is a warning",
			files:  files("Cargo.toml", "[package\nname = 1\n", "Cargo.lock", ""),
			binary: "", manifests: []string{"Cargo.toml", "Cargo.lock"}, warn: "Cargo.toml: invalid TOML: line 1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Binary != tt.binary || got.Port != tt.port {
				t.Errorf("Binary, Port = %q, %d; want %q, %d", got.Binary, got.Port, tt.binary, tt.port)
			}
			if !slices.Equal(got.Mains, tt.mains) {
				t.Errorf("Mains = %q, want %q", got.Mains, tt.mains)
			}
			if !slices.Equal(got.Manifests, tt.manifests) {
				t.Errorf("Manifests = %q, want %q", got.Manifests, tt.manifests)
			}
			warns := strings.Join(got.Warnings, "\n")
			if tt.warn == "" && warns != "" || tt.warn != "" && !strings.Contains(warns, tt.warn) {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
			if got.Framework != "" || got.Command != nil {
				t.Errorf("Framework, Command = %q, %q; the command follows the binary in spec", got.Framework, got.Command)
			}
		})
	}
}

// A Cargo.toml beside a package.json is a Rust service with frontend
// tooling; beside a go.mod, Go wins by precedence when both have an entry.
func TestRustPrecedence(t *testing.T) {
	pkg := "{\"scripts\": {\"build\": \"vite build\"}, \"devDependencies\": {\"vite\": \"7\"}}"
	if got := Detect(files("Cargo.toml", cargoPkg, "src/main.rs", mainRs, "package.json", pkg)); got.Language != "rust" {
		t.Errorf("Cargo.toml + package.json: %q, want rust", got.Language)
	}
	if got := Detect(files("Cargo.toml", cargoPkg, "src/main.rs", mainRs, "go.mod", "module x\n", "main.go", mainGo)); got.Language != "go" {
		t.Errorf("Cargo.toml + go.mod: %q, want go", got.Language)
	}
	if got := Detect(files("Cargo.toml", cargoPkg, "src/main.rs", mainRs, "go.mod", "module x\n")); got.Language != "rust" {
		t.Errorf("Cargo.toml + go.mod without a main package: %q, want rust (it has the entry)", got.Language)
	}
}
