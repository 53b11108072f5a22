package catalog

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// published reads the trimmed official-images tag list in testdata:
// image:tag -> architectures.
func published(t *testing.T) map[string][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "catalog", "official-tags.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	refs := map[string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "image\t") {
			continue
		}
		cols := strings.Split(line, "\t")
		archs := strings.Split(cols[2], ",")
		slices.Sort(archs)
		for _, tag := range strings.Split(cols[1], ",") {
			refs[cols[0]+":"+tag] = archs
		}
	}
	return refs
}

// Every image reference the catalog can produce for a line that is still
// published (not Retired), for the build and the final stage of every
// variant, is a tag the official-images program lists, with exactly the
// architectures the catalog says.
func TestEveryTagIsPublished(t *testing.T) {
	refs := published(t)
	c := Default()
	n := 0
	check := func(what, ref string, archs []string) {
		t.Helper()
		n++
		got, ok := refs[ref]
		if !ok {
			t.Errorf("%s: %s is not a published tag", what, ref)
			return
		}
		want := slices.Sorted(slices.Values(archs))
		if !slices.Equal(got, want) {
			t.Errorf("%s: %s is published for %v, the catalog says %v", what, ref, got, want)
		}
	}
	// covers checks that ref is published for at least the architectures
	// the catalog promises for a variant of several images.
	covers := func(what, ref string, archs []string) {
		t.Helper()
		n++
		if ref == "scratch" {
			return
		}
		if rt, ok := c.Runtime(ref); ok {
			ref = rt.Ref
		}
		got, ok := refs[ref]
		if !ok {
			t.Errorf("%s: %s is not a published tag", what, ref)
			return
		}
		for _, a := range archs {
			if !slices.Contains(got, a) {
				t.Errorf("%s: %s is not published for %s", what, ref, a)
			}
		}
	}
	for _, lang := range c.Languages() {
		s, _ := c.Stack(lang)
		for _, l := range s.Lines {
			if l.Retired {
				continue
			}
			if s.Vendor {
				continue // not in the official tag list; flagged as vendor images instead
			}
			for _, v := range s.Variants {
				what := lang + " " + l.Version + "/" + v.Name
				if v.Build != "" || v.Final != "" || len(v.BuildPM) > 0 {
					// A variant of several images runs where all of them are published.
					for _, ref := range append(s.BuildRefs(l.Version, v), s.RuntimeRef(l.Version, v)) {
						covers(what, ref, s.Architectures(l.Version, v))
					}
					continue
				}
				check(what+" build", s.Ref(l.Version, v), s.Architectures(l.Version, v))
				if v.Runtime == "" {
					if s.RuntimeRef(l.Version, v) != s.Ref(l.Version, v) {
						t.Errorf("%s: runtime %s differs from the build image", what, s.RuntimeRef(l.Version, v))
					}
					continue
				}
				rt, ok := c.Runtime(s.RuntimeRef(l.Version, v))
				if !ok {
					t.Errorf("%s: runtime %s is not in the catalog", what, v.Runtime)
				}
				if v.Runtime != "scratch" {
					check(what+" runtime", rt.Ref, rt.Architectures)
				}
			}
		}
	}
	for _, rt := range c.Runtimes() {
		if rt.Ref == "scratch" {
			if len(rt.Architectures) != 0 {
				t.Errorf("scratch lists architectures %v; it runs anywhere", rt.Architectures)
			}
			continue
		}
		check("runtime", rt.Ref, rt.Architectures)
	}
	if n < 36 {
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
		{"java", "", false, "25", ""},
		{"java", "21", true, "21", ""},
		{"java", "17.0.12", true, "17", ""},
		{"java", "1.8", true, "8", ""},
		{"java", "26", true, "26", "reached end of life on 2026-09-15"},
		{"java", "23", true, "23", "not in dockgen's catalog"},
		{"dotnet", "", false, "10.0", ""},
		{"dotnet", "10", true, "10.0", ""},
		{"dotnet", "10.0.100", true, "10.0", ""},
		{"dotnet", "9.0", true, "9.0", "reached end of life on 2026-11-10"},
		{"dotnet", "8.0.412", true, "8.0", "reached end of life on 2026-11-10"},
		{"ruby", "3.3.5", true, "3.3", ""},
		{"ruby", "3.2", true, "3.2", "reached end of life on 2026-03-31"},
		{"ruby", "~> 3.3", false, "3.4", ""}, // RubyGems' ~> 3.3 is >= 3.3, < 4: 4.0 is outside it
		{"ruby", "~> 3.3.1", false, "3.3", ""},
		{"ruby", ">= 3.2, < 4", false, "3.4", ""},
		{"php", "^8.2", false, "8.5", ""},
		{"php", "~8.3", false, "8.5", ""}, // Composer's ~8.3 is >=8.3 <9
		{"php", "~8.3.4", false, "8.3", ""},
		{"php", "^8.2|^8.3", false, "8.5", ""},
		{"php", ">=8.2 <8.5", false, "8.4", ""},
		{"php", "8.3.*", false, "8.3", ""},
		{"php", "8.1.2", true, "8.1", "reached end of life"},
		{"elixir", "~> 1.17", false, "1.20", ""},
		{"elixir", "~> 1.17.2", false, "1.17", ""},
		{"elixir", ">= 1.16.0 and < 1.19.0", false, "1.18", ""},
		{"elixir", "~> 1.15", false, "1.20", ""},
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
