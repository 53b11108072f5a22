package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A pinned version past its end of life is kept, and init and detect warn
// on stderr with the newest supported line (detect's JSON carries the
// warning too); a supported pin gives no warning.
func TestEOLWarnings(t *testing.T) {
	tests := []struct {
		file, content string
		line, base    string
		warn          string // "" for none
	}{
		{".python-version", "3.9.18\n", "3.9", "python:3.9-slim-trixie",
			"warning: python 3.9 reached end of life on 2025-10-31 and gets no security fixes; consider 3.14 (newest supported line)"},
		{".python-version", "3.10\n", "3.10", "python:3.10-slim-trixie",
			"warning: python 3.10 reached end of life on 2026-10-31 and gets no security fixes; consider 3.14 (newest supported line)"},
		{".nvmrc", "v20.11.1\n", "20", "node:20-trixie-slim",
			"warning: node 20 reached end of life on 2026-04-30 and gets no security fixes; consider 26 (newest supported line)"},
		{".python-version", "3.7\n", "3.7", "python:3.7-slim-trixie",
			"warning: python 3.7 is not in dockgen's catalog; python:3.7 may not exist (newest supported line: 3.14)"},
		{".python-version", "3.13\n", "3.13", "python:3.13-slim-trixie", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+strings.TrimSpace(tt.content), func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, tt.file), tt.content)
			manifest := map[string][2]string{".python-version": {"requirements.txt", "requests\n"}, ".nvmrc": {"package.json", `{"name":"x","scripts":{"start":"node server.js"}}`}}[tt.file]
			writeFile(t, filepath.Join(dir, manifest[0]), manifest[1])

			r := run(t, nil, "detect", dir)
			if r.code != 0 || !strings.Contains(r.stdout, tt.base) {
				t.Fatalf("detect: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			if tt.warn == "" && r.stderr != "" || !strings.Contains(r.stderr, tt.warn) {
				t.Errorf("detect stderr %q, want %q", r.stderr, tt.warn)
			}
			if strings.Contains(r.stdout, "warning:") {
				t.Errorf("detect prints warnings on stdout:\n%s", r.stdout)
			}

			r = run(t, nil, "detect", "--json", dir)
			var got detectResult
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatal(err)
			}
			if got.Version != tt.line || got.BaseImage != tt.base {
				t.Errorf("detect --json: version %s, base %s", got.Version, got.BaseImage)
			}
			if w := strings.Join(got.Warnings, "\n"); tt.warn == "" && w != "" || !strings.Contains(w, strings.TrimPrefix(tt.warn, "warning: ")) {
				t.Errorf("detect --json warnings %q, want %q", w, tt.warn)
			}

			r = run(t, nil, "init", "--yes", "--stdout", dir)
			if r.code != 0 || !strings.Contains(r.stdout, "FROM "+tt.base) || !strings.Contains(r.stderr, tt.warn) {
				t.Errorf("init: exit %d, stderr %q\n%s", r.code, r.stderr, r.stdout)
			}
		})
	}
	// A requested EOL line is kept and warned about too.
	r := run(t, nil, "init", "--yes", "--stdout", "--language", "node", "--runtime-version", "18", t.TempDir())
	if r.code != 0 || !strings.Contains(r.stdout, "FROM node:18-trixie-slim") || !strings.Contains(r.stderr, "consider 26 (newest supported line)") {
		t.Errorf("--runtime-version 18: exit %d %q", r.code, r.stderr)
	}
}
