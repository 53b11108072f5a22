package catalog

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// published reads the trimmed official-images tag list in testdata.
func published(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "catalog", "official-tags.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	refs := map[string]bool{"scratch": true}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "image\t") {
			continue
		}
		cols := strings.Split(line, "\t")
		for _, tag := range strings.Split(cols[1], ",") {
			refs[cols[0]+":"+tag] = true
		}
	}
	return refs
}

// Every image reference the catalog can produce for a line that is still
// published (not Retired) is a tag the official-images program lists.
func TestEveryTagIsPublished(t *testing.T) {
	refs := published(t)
	c := Default()
	n := 0
	for _, lang := range c.Languages() {
		s, _ := c.Stack(lang)
		for _, l := range s.Lines {
			if l.Retired {
				continue
			}
			for _, v := range s.Variants {
				ref := s.Ref(l.Version, v)
				n++
				if !refs[ref] {
					t.Errorf("%s %s/%s: %s is not a published tag", lang, l.Version, v.Name, ref)
				}
			}
		}
	}
	// The fixed final-stage images of Go.
	for _, ref := range []string{"alpine:3.24", "debian:trixie-slim"} {
		if !refs[ref] {
			t.Errorf("%s is not a published tag", ref)
		}
	}
	if n < 20 {
		t.Errorf("only %d references checked", n)
	}
}

// Retired lines are really past their end of life, and every default is a
// supported, published line.
func TestDefaultsAreSupported(t *testing.T) {
	c := Default()
	for _, lang := range c.Languages() {
		s, _ := c.Stack(lang)
		l, ok := s.Line(s.Default)
		if !ok || l.Retired {
			t.Errorf("%s default %s is not a published line", lang, s.Default)
		}
		if eol, _ := s.EOL(s.Default, today); eol {
			t.Errorf("%s default %s is end-of-life", lang, s.Default)
		}
		for _, l := range s.Lines {
			if l.Retired && today.Before(l.EOL) {
				t.Errorf("%s %s is marked retired before its EOL %s", lang, l.Version, l.EOL)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	c := Default()
	tests := []struct {
		lang, raw string
		pinned    bool
		want      string
		warn      string // substring of a warning, "" for none
	}{
		{"python", "", false, "3.14", ""},
		{"python", "3.12", true, "3.12", ""},
		{"python", "3.12.4", true, "3.12", ""},
		{"python", "3.9", true, "3.9", "reached end of life on 2025-10-31"},
		{"python", "3.10", true, "3.10", "reached end of life on 2026-10-31"},
		{"python", "3.7", true, "3.7", "not in dockgen's catalog"},
		{"python", ">=3.11", false, "3.14", ""},
		{"python", ">=3.10,<3.13", false, "3.12", ""},
		{"python", "~=3.11", false, "3.14", ""},
		{"python", "~=3.11.2", false, "3.11", ""},
		{"python", "==3.12.*", false, "3.12", ""},
		{"python", "^3.11", false, "3.14", ""},
		{"python", "<3.10", false, "3.9", "end of life"},
		{"python", ">=4", false, "3.14", "no python line"},
		{"node", "22", true, "22", ""},
		{"node", "v20.11.1", true, "20", "reached end of life on 2026-04-30"},
		{"node", "lts/*", true, "26", ""},
		{"node", "lts/jod", true, "22", ""},
		{"node", "node", true, "26", ""},
		{"node", ">=20", false, "26", ""},
		{"node", "^22", false, "22", ""},
		{"node", "20.x || 22.x", false, "22", ""},
		{"node", ">=18 <25", false, "24", ""},
		{"go", "1.22", false, "1.27", ""},
		{"go", "1.26.3", true, "1.26", ""},
		{"go", "1.24", true, "1.24", "reached end of life"},
	}
	for _, tt := range tests {
		s, _ := c.Stack(tt.lang)
		r, err := s.Resolve(tt.raw, tt.pinned, today)
		if err != nil {
			t.Errorf("%s %q: %v", tt.lang, tt.raw, err)
			continue
		}
		if r.Line != tt.want {
			t.Errorf("%s %q (pinned=%v) = %s, want %s", tt.lang, tt.raw, tt.pinned, r.Line, tt.want)
		}
		warns := strings.Join(r.Warnings, "\n")
		if tt.warn == "" && warns != "" || tt.warn != "" && !strings.Contains(warns, tt.warn) {
			t.Errorf("%s %q: warnings %q, want %q", tt.lang, tt.raw, warns, tt.warn)
		}
	}
	s, _ := c.Stack("python")
	for _, bad := range []string{"3", "three", "3.12\nRUN id", "3.x"} {
		if _, err := s.Resolve(bad, true, today); err == nil {
			t.Errorf("python %q: want an error", bad)
		}
	}
}
