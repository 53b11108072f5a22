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
		{"stable channel is the catalog's current stable line: no requirement", files("Cargo.toml", cargoPkg, "src/main.rs", mainRs,
			"rust-toolchain.toml", "[toolchain]\nchannel = \"stable\"\n"), VersionReq{}},
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
			if got.Command != nil {
				t.Errorf("Command = %q; the command follows the binary in spec", got.Command)
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

// rustFixtures are the Rust fixture repositories of TestDetectFixtures
// added for frameworks, run-time files and ports from configuration.
var rustFixtures = map[string]want{
	"rust-rocket": {
		lang: "rust", pm: "cargo", framework: "rocket", port: 8000, binary: "shop",
		manifests: []string{"Cargo.toml", "Cargo.lock"}, deps: []string{"rocket", "rocket_dyn_templates"},
	},
	"rust-config": {
		lang: "rust", pm: "cargo", framework: "actix-web", port: 8000, binary: "newsletter",
		manifests: []string{"Cargo.toml", "Cargo.lock"}, deps: []string{"actix-web", "config", "serde"},
	},
}

// Web frameworks are reported as Framework; the port comes from the
// source, $PORT's fallback, the configuration the program reads, Rocket's
// default, else 8080 by convention; $PORT sets PortEnv.
func TestRustFrameworkAndPort(t *testing.T) {
	cargo := func(deps string) string { return "[package]\nname = \"svc\"\n\n[dependencies]\n" + deps }
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		port      int
		portEnv   bool
		reason    string
		runtime   []string
	}{
		{"rocket's default 8000", files("Cargo.toml", cargo("rocket = \"0.5\"\n"), "src/main.rs", "#[launch]\nfn rocket() -> _ { rocket::build() }\n"),
			"rocket", 8000, false, "rocket's default port 8000 (framework default", nil},
		{"Rocket.toml's port, and Rocket.toml is read at run time", files("Cargo.toml", cargo("rocket = \"0.5\"\n"), "src/main.rs", mainRs, "Rocket.toml", "[default]\nport = 8100\n\n[release]\nport = 8200\n"),
			"rocket", 8200, false, "port: 8200", []string{"Rocket.toml"}},
		{"axum with no address: a convention", files("Cargo.toml", cargo("axum = \"0.8\"\n"), "src/main.rs", mainRs),
			"axum", 8080, false, "axum has no default port: 8080 by convention", nil},
		{"warp, PORT with a fallback", files("Cargo.toml", cargo("warp = \"0.3\"\n"), "src/main.rs", "fn main() {\n    let port: u16 = std::env::var(\"PORT\").ok().and_then(|p| p.parse().ok()).unwrap_or(3030);\n}\n"),
			"warp", 3030, true, "listens on $PORT, else 3030", nil},
		{"poem, hyper under it: poem", files("Cargo.toml", cargo("hyper = \"1\"\npoem = \"3\"\n"), "src/main.rs", "fn main() { TcpListener::bind(\"0.0.0.0:3000\"); }\n"),
			"poem", 3000, false, "binds :3000", nil},
		{"hyper alone", files("Cargo.toml", cargo("hyper = \"1\"\n"), "src/main.rs", mainRs),
			"hyper", 8080, false, "8080 by convention", nil},
		{"a privileged fallback read through PORT moves to 8080", files("Cargo.toml", cargo("axum = \"0.8\"\n"), "src/main.rs", "fn main() {\n    let port = std::env::var(\"PORT\").unwrap_or_else(|_| \"80\".to_string());\n}\n"),
			"axum", 8080, true, "a privileged port; the app reads PORT, so the image sets PORT=8080", nil},
		{"a tool: no framework, no port", files("Cargo.toml", cargo("clap = \"4\"\n"), "src/main.rs", mainRs), "", 0, false, "", nil},
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
			if !slices.Equal(got.RuntimeFiles, tt.runtime) {
				t.Errorf("RuntimeFiles = %q, want %q", got.RuntimeFiles, tt.runtime)
			}
			checkEvidence(t, got)
		})
	}
}

// Folders a Rust program reads at run time: a config folder (config
// crate, not include_str!), tera templates (askama compiles them in),
// folders served by tower-http or actix-files.
func TestRustRuntimeFiles(t *testing.T) {
	cargo := func(deps string) string { return "[package]\nname = \"svc\"\n\n[dependencies]\n" + deps }
	tests := []struct {
		name  string
		files fstest.MapFS
		want  []string
	}{
		{"config crate with a configuration folder", files("Cargo.toml", cargo("config = \"0.14\"\n"), "src/main.rs", mainRs,
			"src/configuration.rs", "pub fn get() { let dir = base.join(\"configuration\"); }\n", "configuration/base.yaml", "application:\n  port: 8000\n"),
			[]string{"configuration"}},
		{"include_str! compiles the configuration in", files("Cargo.toml", cargo("config = \"0.14\"\n"), "src/main.rs", "const BASE: &str = include_str!(\"../configuration/base.yaml\");\nfn main() {}\n",
			"configuration/base.yaml", "port: 1\n"), nil},
		{"a configuration folder without the config crate is not guessed", files("Cargo.toml", cargo("serde = \"1\"\n"), "src/main.rs", "fn main() { let _ = \"configuration\"; }\n",
			"configuration/base.yaml", "port: 1\n"), nil},
		{"tera templates, tower-http ServeDir, actix-files Files", files("Cargo.toml", cargo("tera = \"1\"\n"), "src/main.rs",
			"fn main() {\n    let tera = Tera::new(\"templates/**/*.html\").unwrap();\n    let s = ServeDir::new(\"static\");\n    let f = Files::new(\"/assets\", \"./assets\");\n}\n",
			"templates/index.html", "x", "static/a.css", "x", "assets/b.js", "x"), []string{"assets", "static", "templates"}},
		{"askama: templates compiled in, nothing to copy", files("Cargo.toml", cargo("askama = \"0.12\"\n"), "src/main.rs", "#[derive(Template)]\n#[template(path = \"index.html\")]\nstruct Index;\nfn main() {}\n",
			"templates/index.html", "x"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if !slices.Equal(got.RuntimeFiles, tt.want) {
				t.Errorf("RuntimeFiles = %q, want %q; evidence %+v", got.RuntimeFiles, tt.want, got.Evidence)
			}
		})
	}
}

// An address on the loopback interface cannot be reached from outside the
// container: detection keeps the port and warns, naming the file.
func TestRustLoopbackWarning(t *testing.T) {
	got := Detect(files("Cargo.toml", "[package]\nname = \"svc\"\n\n[dependencies]\naxum = \"0.8\"\n", "src/main.rs",
		"#[tokio::main]\nasync fn main() {\n    let listener = tokio::net::TcpListener::bind(\"127.0.0.1:3000\").await.unwrap();\n}\n"))
	if got.Port != 3000 {
		t.Errorf("Port = %d, want 3000", got.Port)
	}
	checkWarnings(t, got.Warnings, []string{"src/main.rs: binds the loopback interface on port 3000"})
}
