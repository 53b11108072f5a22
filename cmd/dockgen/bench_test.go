package main

import (
	"fmt"
	"os"
	"path/filepath"
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
	dir := copyFixture(b, "node-express-npm")
	for i := 0; i < 1000; i++ {
		pkg := filepath.Join(dir, "node_modules", fmt.Sprintf("pkg-%04d", i))
		if err := os.MkdirAll(pkg, 0o755); err != nil {
			b.Fatal(err)
		}
		for j := 0; j < 100; j++ {
			name := "index.js"
			if j > 0 {
				name = fmt.Sprintf("lib-%03d.js", j)
			}
			if j == 1 {
				name = "package.json"
			}
			if err := os.WriteFile(filepath.Join(pkg, name), []byte(`{"name":"x"}`), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	benchInit(b, dir)
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
