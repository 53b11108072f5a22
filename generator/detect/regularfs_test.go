package detect

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDirOddFiles: what a build context would not give the build is not read
// either, nothing hangs, and each odd entry is named in a warning.
func TestDirOddFiles(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.json")
	if err := os.WriteFile(secret, []byte(`{"name":"leak","scripts":{"start":"node x.js"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		setup    func(t *testing.T, dir string)
		wantLang string
		wantWarn string // substring of one warning
	}{
		{"named pipe as package.json", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "package.json"), 0o644); err != nil {
				t.Skip("mkfifo:", err)
			}
		}, "", "package.json: skipped: a named pipe, not a regular file"},
		{"named pipe as a source file beside a real manifest", func(t *testing.T, dir string) {
			write(t, dir, "package.json", `{"name":"a","main":"server.js","dependencies":{"express":"^5"}}`)
			if err := syscall.Mkfifo(filepath.Join(dir, "server.js"), 0o644); err != nil {
				t.Skip("mkfifo:", err)
			}
		}, "node", "server.js: skipped: a named pipe"},
		{"package.json linked out of the repository", func(t *testing.T, dir string) {
			if err := os.Symlink(secret, filepath.Join(dir, "package.json")); err != nil {
				t.Fatal(err)
			}
		}, "", "package.json: skipped: a symlink that leaves the repository"},
		{"go.sum linked to an absolute path", func(t *testing.T, dir string) {
			write(t, dir, "go.mod", "module example.com/a\n\ngo 1.26\n")
			write(t, dir, "main.go", "package main\n\nfunc main() {}\n")
			if err := os.Symlink("/etc/passwd", filepath.Join(dir, "go.sum")); err != nil {
				t.Fatal(err)
			}
		}, "go", "go.sum: skipped: a symlink that leaves the repository"},
		{"symlink loop", func(t *testing.T, dir string) {
			if err := os.Symlink("go.mod", filepath.Join(dir, "go.mod")); err != nil {
				t.Fatal(err)
			}
		}, "", "go.mod: skipped: a symlink loop"},
		{"manifest that is a folder", func(t *testing.T, dir string) {
			if err := os.Mkdir(filepath.Join(dir, "package.json"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, "", "package.json: skipped: a folder, not a file"},
		{"symlink inside the repository is followed", func(t *testing.T, dir string) {
			write(t, dir, "real/go.mod", "module example.com/a\n\ngo 1.26\n")
			write(t, dir, "main.go", "package main\n\nfunc main() {}\n")
			if err := os.Symlink("real/go.mod", filepath.Join(dir, "go.mod")); err != nil {
				t.Fatal(err)
			}
		}, "go", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			done := make(chan struct{})
			var f Facts
			var err error
			go func() { f, err = Dir(dir); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("detection hangs")
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Language != tc.wantLang {
				t.Errorf("language %q, want %q", f.Language, tc.wantLang)
			}
			all := strings.Join(f.Warnings, "\n")
			if tc.wantWarn != "" && !strings.Contains(all, tc.wantWarn) {
				t.Errorf("warnings:\n%s\nwant one containing %q", all, tc.wantWarn)
			}
			if tc.wantWarn == "" && strings.Contains(all, "skipped") {
				t.Errorf("unexpected warning:\n%s", all)
			}
			if strings.Contains(all, "leak") || strings.Contains(all, "root:") {
				t.Errorf("a file outside the repository was read:\n%s", all)
			}
		})
	}
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
