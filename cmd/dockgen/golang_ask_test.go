package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
)

// Two main packages: init asks which to build (the detected one is the
// default), and the answer decides the build, the binary, the command and
// the recorded --main. One main package asks nothing about it.
func TestInitAsksWhichMainPackage(t *testing.T) {
	dir := copyFixture(t, "go-two-mains-ask")
	f := prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QLanguage+" (detected from go.mod)", "go", "")
	f.ExpectInputWithDefault(spec.QVersion+" (detected from go.mod)", "1.27", "")
	f.ExpectSelectWithDefault(spec.QVariant, "scratch - static binary on scratch (default)", "")
	f.ExpectSelectWithDefault(spec.QFramework, "none", "")
	f.ExpectSelectWithDefault(spec.QMain, "./cmd/migrate", "./cmd/server")
	f.ExpectInput(spec.QPort, "9000")
	f.ExpectInputWithDefault(spec.QCommand, "/usr/local/bin/server", "")
	r := run(t, f, "init", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"-o /out/server ./cmd/server\n", "EXPOSE 9000\n", `ENTRYPOINT ["/usr/local/bin/server"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
	if rec := readFile(t, filepath.Join(dir, ".dockgen.yaml")); !strings.Contains(rec, "main: ./cmd/server\n") {
		t.Errorf(".dockgen.yaml does not record the choice:\n%s", rec)
	}

	// --main answers the question: it is not asked.
	dir = copyFixture(t, "go-two-mains-ask")
	f = prompt.NewFake(t)
	f.ExpectSelect(spec.QLanguage+" (detected from go.mod)", "go")
	f.ExpectInputDefault(spec.QVersion + " (detected from go.mod)")
	f.ExpectSelect(spec.QVariant, "")
	f.ExpectSelect(spec.QFramework, "")
	f.ExpectInputDefault(spec.QPort)
	f.ExpectInputWithDefault(spec.QCommand, "/usr/local/bin/server", "")
	if r := run(t, f, "init", "--stdout", "--main", "./cmd/server", dir); r.code != 0 {
		t.Fatalf("--main: exit %d: %s", r.code, r.stderr)
	}

	// A single main package: no question about it.
	dir = copyFixture(t, "go-cgo")
	f = prompt.NewFake(t)
	f.ExpectSelect(spec.QLanguage+" (detected from go.mod)", "go")
	f.ExpectInputDefault(spec.QVersion + " (detected from go.mod)")
	f.ExpectSelectWithDefault(spec.QVariant, "debian - debian:trixie-slim, for cgo or a full userland", "")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from go.mod)", "chi", "")
	f.ExpectInputDefault(spec.QPort + " (detected from main.go)")
	f.ExpectInputDefault(spec.QCommand)
	if r := run(t, f, "init", "--stdout", dir); r.code != 0 {
		t.Fatalf("go-cgo: exit %d: %s", r.code, r.stderr)
	}
}

// Several Rust binaries: the same question, by binary name.
func TestInitAsksWhichRustBinary(t *testing.T) {
	dir := copyFixture(t, "rust-workspace")
	f := prompt.NewFake(t)
	f.ExpectSelect(spec.QLanguage+" (detected from Cargo.toml)", "rust")
	f.ExpectInputWithDefault(spec.QVersion+" (detected from Cargo.toml)", "1.98", "")
	f.ExpectSelect(spec.QVariant, "")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from Cargo.toml)", "actix-web", "")
	f.ExpectSelectWithDefault(spec.QBinary, "ledger-api", "ledger-worker")
	f.ExpectInput(spec.QPort+" (detected from crates/api/src/main.rs)", "0")
	f.ExpectInputWithDefault(spec.QCommand, "/usr/local/bin/ledger-worker", "")
	r := run(t, f, "init", "--stdout", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "--bin ledger-worker") || strings.Contains(r.stdout, "EXPOSE") {
		t.Errorf("the chosen binary is not built, or a port is exposed:\n%s", r.stdout)
	}
}

// cgo found: the debian runtime with CGO_ENABLED=1, with the evidence in
// detect; --variant scratch is honoured with a warning.
func TestGoCGOVariant(t *testing.T) {
	dir := copyFixture(t, "go-cgo")
	r := run(t, nil, "init", "--yes", "--stdout", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "CGO_ENABLED=1 go build") || !strings.Contains(r.stdout, "\nFROM debian:trixie-slim\n") {
		t.Fatalf("exit %d: %s\n%s", r.code, r.stderr, r.stdout)
	}
	r = run(t, nil, "init", "--yes", "--stdout", "--variant", "scratch", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "CGO_ENABLED=0") || !strings.Contains(r.stderr, "uses cgo") || !strings.Contains(r.stderr, "use --variant debian") {
		t.Errorf("--variant scratch: exit %d: %s", r.code, r.stderr)
	}
	r = run(t, nil, "detect", dir)
	if !strings.Contains(r.stdout, "go.mod: requires github.com/mattn/go-sqlite3, which needs cgo") {
		t.Errorf("detect does not explain cgo:\n%s", r.stdout)
	}
}
