package main

import (
	"github.com/dockgen/dockgen/generator/catalog/registrytest"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testRegistry is registrytest.New: the in-memory registry with an index
// pushed under each tag.
func testRegistry(t *testing.T, tags ...string) (string, map[string]string) {
	t.Helper()
	return registrytest.New(t, tags...)
}

func withRegistry(host string) func(*Deps) { return func(d *Deps) { d.Registry = host } }

// deadRegistry is a host:port where nothing listens.
func deadRegistry(t *testing.T) string {
	srv := httptest.NewServer(nil)
	srv.Close()
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestPinCommand(t *testing.T) {
	host, digests := testRegistry(t, "golang:1.27-trixie")
	dir := copyFixture(t, "go-root")
	if r := run(t, nil, "init", "--yes", dir); r.code != 0 {
		t.Fatal(r.stderr)
	}
	df := filepath.Join(dir, "Dockerfile")
	before := readFile(t, df)

	// No registry: a one-line reason within seconds, and nothing written.
	start := time.Now()
	r := runWith(t, withRegistry(deadRegistry(t)), "pin", df)
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "connection refused; nothing was written") {
		t.Errorf("no registry: exit %d, %q", r.code, r.stderr)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("no registry: took %s", time.Since(start))
	}
	if readFile(t, df) != before {
		t.Error("a failed pin changed the Dockerfile")
	}

	r = runWith(t, withRegistry(host), "pin", df)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	after := readFile(t, df)
	want := strings.Replace(before, "FROM golang:1.27-trixie AS build", "FROM golang:1.27-trixie@"+digests["golang:1.27-trixie"]+" AS build", 1)
	if after != want || after == before {
		t.Errorf("pinned Dockerfile:\n%s", after)
	}
	if !strings.Contains(after, "\nFROM scratch\n") {
		t.Error("scratch was touched")
	}
	// The pinned file still passes BuildKit's and dockgen's checks.
	if r := run(t, nil, "lint", df); r.code != 0 {
		t.Errorf("lint after pin: %s", r.stdout)
	}

	// Default file is ./Dockerfile; a missing file is a usage error.
	if r := runWith(t, withRegistry(host), "pin", filepath.Join(dir, "nope")); r.code != 2 {
		t.Errorf("missing file: exit %d", r.code)
	}
	// A tag the registry does not have: nothing written.
	writeFile(t, df, "FROM golang:1.27-trixie\nFROM node:26-trixie-slim\n")
	if r := runWith(t, withRegistry(host), "pin", df); r.code != 1 || !strings.Contains(r.stderr, "node:26-trixie-slim") {
		t.Errorf("unknown tag: exit %d %q", r.code, r.stderr)
	}
	if got := readFile(t, df); got != "FROM golang:1.27-trixie\nFROM node:26-trixie-slim\n" {
		t.Errorf("half-pinned: %s", got)
	}
}

func TestInitPin(t *testing.T) {
	host, digests := testRegistry(t, "python:3.14-slim-trixie")
	dir := t.TempDir()
	r := runWith(t, withRegistry(host), "init", "--yes", "--language", "python", "--pin", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	if n := strings.Count(df, "FROM python:3.14-slim-trixie@"+digests["python:3.14-slim-trixie"]); n != 2 {
		t.Errorf("%d pinned FROMs, want 2:\n%s", n, df)
	}

	empty := t.TempDir()
	r = runWith(t, withRegistry(deadRegistry(t)), "init", "--yes", "--language", "python", "--pin", empty)
	if r.code != 1 || !strings.Contains(r.stderr, "--pin:") || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("no registry: exit %d %q", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("init --pin without a registry wrote %d files", len(entries))
	}
}

func TestInitPlatform(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // substring of stderr
	}{
		{[]string{"--language", "node", "--platform", "linux/amd64,linux/arm64"}, 0, ""},
		{[]string{"--language", "node", "--variant", "alpine", "--platform", "linux/ppc64le"}, 2,
			"--platform: node:26-alpine3.24 is not published for linux/ppc64le (it has linux/amd64, linux/arm64); use --variant slim or --variant full"},
		{[]string{"--language", "node", "--variant", "alpine", "--platform", "linux/arm/v7"}, 2, "use --runtime-version 22"},
		{[]string{"--language", "node", "--platform", "linux/arm/v7"}, 2, "use --variant alpine --runtime-version 22"},
		{[]string{"--language", "python", "--platform", "linux/arm/v7,linux/riscv64,linux/386"}, 0, ""},
		{[]string{"--language", "go", "--platform", "linux/arm/v5"}, 2, "golang:1.27-trixie with scratch is not published for linux/arm/v5"},
		{[]string{"--language", "go", "--variant", "alpine", "--platform", "linux/arm/v6"}, 0, ""},
		{[]string{"--language", "go", "--variant", "debian", "--platform", "linux/arm/v6"}, 2, "use --variant alpine"},
		{[]string{"--language", "python", "--platform", "windows/amd64"}, 2, "is not a Linux platform"},
		{[]string{"--language", "python", "--platform", "linux/mips64le"}, 2, "no official image is built for it"},
		{[]string{"--language", "python", "--base", "gcr.io/distroless/python3-debian12:nonroot", "--platform", "linux/arm64"}, 0, "is not in the catalog; its platforms are not checked"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := run(t, nil, append([]string{"init", "--yes", "--stdout", t.TempDir()}, tt.args...)...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d (want %d), stderr %q, want %q", r.code, tt.code, r.stderr, tt.want)
			}
		})
	}
}

// A repository written with --pin passes --check: digests move with every
// rebuild of a base image, so the drift check compares FROMs by tag.
func TestCheckAfterPin(t *testing.T) {
	host, _ := testRegistry(t, "python:3.14-slim-trixie")
	dir := t.TempDir()
	if r := runWith(t, withRegistry(host), "init", "--yes", "--language", "python", "--pin", dir); r.code != 0 {
		t.Fatalf("init --pin: %s", r.stderr)
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, "Dockerfile")), "@sha256:") {
		t.Fatal("the Dockerfile is not pinned")
	}
	if r := run(t, nil, "init", "--check", dir); r.code != 0 {
		t.Errorf("--check after --pin: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	df := filepath.Join(dir, "Dockerfile")
	writeFile(t, df, strings.Replace(readFile(t, df), "USER app", "USER root", 1))
	if r := run(t, nil, "init", "--check", dir); r.code != 1 || !strings.Contains(r.stdout, "-USER root") {
		t.Errorf("--check after a hand edit: exit %d\n%s", r.code, r.stdout)
	}
}
