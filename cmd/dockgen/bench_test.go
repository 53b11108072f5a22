package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// BenchmarkInit measures a whole `dockgen init --yes --force` (detect,
// spec, render, BuildKit lint, atomic write) on the Express fixture.
func BenchmarkInit(b *testing.B) {
	dir := copyFixture(b, "node-express-npm")
	benchInit(b, dir)
}

// BenchmarkInitLargeNodeModules is the same fixture with 100,000 files
// under node_modules: detection must not walk them, so the time should
// match BenchmarkInit.
func BenchmarkInitLargeNodeModules(b *testing.B) {
	largeOnce.Do(func() { largeDir, largeErr = makeLargeFixture() })
	if largeErr != nil {
		b.Fatal(largeErr)
	}
	benchInit(b, largeDir)
}

// The large fixture is built once per test process (the benchmark function
// runs several times while the runner picks b.N) and removed by TestMain.
var (
	largeOnce sync.Once
	largeDir  string
	largeErr  error
)

func makeLargeFixture() (string, error) {
	dir, err := os.MkdirTemp("", "dockgen-bench-")
	if err != nil {
		return "", err
	}
	src := filepath.Join("..", "..", "testdata", "fixtures", "node-express-npm")
	entries, err := os.ReadDir(src)
	if err != nil {
		return dir, err
	}
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(src, e.Name())); err == nil {
			if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
				return dir, err
			}
		}
	}
	for i := 0; i < 1000; i++ {
		pkg := filepath.Join(dir, "node_modules", fmt.Sprintf("pkg-%04d", i))
		if err := os.MkdirAll(pkg, 0o755); err != nil {
			return dir, err
		}
		for j := 0; j < 100; j++ {
			name := fmt.Sprintf("lib-%03d.js", j)
			if j == 0 {
				name = "package.json"
			}
			if err := os.WriteFile(filepath.Join(pkg, name), []byte(`{"name":"x"}`), 0o644); err != nil {
				return dir, err
			}
		}
	}
	return dir, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if largeDir != "" {
		os.RemoveAll(largeDir)
	}
	os.Exit(code)
}

func benchInit(b *testing.B, dir string) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := run(b, nil, "init", "--yes", "--force", dir); r.code != 0 {
			b.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
}
