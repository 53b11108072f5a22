package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStatusAt(t *testing.T) {
	c := Default()
	tests := []struct {
		lang, version string
		want          Status
		text          string
	}{
		{"python", "3.14", StatusSupported, "supported"},
		{"python", "3.13", StatusSecurity, "security fixes only until 2029-10-31"},
		{"python", "3.10", StatusEOL, "end of life since 2026-10-31"},
		{"node", "26", StatusSupported, "supported"},
		{"node", "24", StatusSecurity, "security fixes only until 2028-04-30"},
		{"node", "20", StatusEOL, "end of life since 2026-04-30"},
		{"go", "1.26", StatusSupported, "supported"},
		{"go", "1.25", StatusEOL, "end of life since 2026-08-19"},
	}
	for _, tt := range tests {
		s, _ := c.Stack(tt.lang)
		l, ok := s.Line(tt.version)
		if !ok {
			t.Fatalf("%s %s: no such line", tt.lang, tt.version)
		}
		st, text := l.StatusAt(today)
		if st != tt.want || text != tt.text {
			t.Errorf("%s %s: %s %q, want %s %q", tt.lang, tt.version, st, text, tt.want, tt.text)
		}
	}
	o, _ := c.OSNamed("bookworm")
	if st, text := o.StatusAt(today); st != StatusSecurity || text != "security fixes only until 2028-06-30" {
		t.Errorf("bookworm: %s %q", st, text)
	}
	o, _ = c.OSNamed("alpine3.21")
	if st, _ := o.StatusAt(today); st != StatusEOL {
		t.Errorf("alpine3.21: %s, want eol", st)
	}
}

func TestBuiltInUsers(t *testing.T) {
	c := Default()
	for lang, want := range map[string]string{"python": "", "node": "node", "go": ""} {
		s, _ := c.Stack(lang)
		if s.User != want {
			t.Errorf("%s: user %q, want %q", lang, s.User, want)
		}
	}
}

func TestParseRejectsInconsistentData(t *testing.T) {
	good := `
os: [{name: trixie, image: debian, tags: [trixie], eol: 2030-06-30}]
runtimes: [{ref: scratch, os: "", architectures: []}]
stacks:
  - language: x
    image: x
    default: "1"
    lines: [{version: "1"}]
    variants: [{name: a, suffix: trixie, os: trixie, architectures: [amd64]}]
`
	if _, err := Parse([]byte(good)); err != nil {
		t.Fatalf("good catalog: %v", err)
	}
	tests := map[string][2]string{
		"unknown key":      {`lines: [{version: "1"}]`, `lines: [{version: "1", colour: red}]`},
		"bad date":         {`eol: 2030-06-30`, `eol: 30/06/2030`},
		"unknown os":       {`os: trixie, arch`, `os: sid, arch`},
		"default missing":  {`default: "1"`, `default: "2"`},
		"unknown runtime":  {`os: trixie, arch`, `os: trixie, runtime: distroless, arch`},
		"no architectures": {`architectures: [amd64]`, `architectures: []`},
		"override variant": {`lines: [{version: "1"}]`, `lines: [{version: "1", architectures: {b: [amd64]}}]`},
	}
	for name, edit := range tests {
		bad := strings.Replace(good, edit[0], edit[1], 1)
		if bad == good {
			t.Fatalf("%s: edit did not apply", name)
		}
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
}

func TestArch(t *testing.T) {
	tests := map[string]string{
		"linux/amd64": "amd64", "linux/arm64": "arm64v8", "linux/arm64/v8": "arm64v8",
		"linux/arm/v7": "arm32v7", "linux/arm": "arm32v7", "linux/arm/v6": "arm32v6",
		"linux/386": "i386", "linux/ppc64le": "ppc64le", "linux/s390x": "s390x",
		"linux/riscv64": "riscv64", " Linux/AMD64 ": "amd64",
	}
	for p, want := range tests {
		if got, err := Arch(p); err != nil || got != want {
			t.Errorf("Arch(%q) = %q, %v; want %q", p, got, err, want)
		}
	}
	for _, bad := range []string{"amd64", "windows/amd64", "linux/mips64le", "linux/arm/v9", "", "linux/arm64/v8/x"} {
		if got, err := Arch(bad); err == nil {
			t.Errorf("Arch(%q) = %q, want an error", bad, got)
		}
	}
	for _, p := range Platforms() {
		a, _ := Arch(p)
		if Platform(a) != p {
			t.Errorf("Platform(%q) = %q, want %q", a, Platform(a), p)
		}
	}
}

// A refreshed tag list adds new lines and architectures, never changes the
// default or what a range resolves to, and ignores pre-releases.
func TestWithTags(t *testing.T) {
	base := Default()
	c := base.WithTags(
		TagList{Image: "python", Tags: []Tag{
			{Name: "3.15-slim-trixie", Architectures: []string{"amd64", "arm64v8"}},
			{Name: "3.15.0-slim-trixie", Architectures: []string{"amd64", "arm64v8"}},
			{Name: "3.16-rc-slim-trixie", Architectures: []string{"amd64"}},
			{Name: "3.16.0a1-trixie", Architectures: []string{"amd64"}},
		}},
		TagList{Image: "node", Tags: []Tag{{Name: "26-alpine3.24", Architectures: []string{"arm64v8", "s390x"}}}},
		TagList{Image: "alpine", Tags: []Tag{{Name: "3.25", Architectures: []string{"amd64"}}}},
	)
	py, _ := c.Stack("python")
	if py.Lines[0].Version != "3.15" || !py.Lines[0].Refreshed {
		t.Fatalf("python lines start with %+v, want refreshed 3.15", py.Lines[0])
	}
	if _, ok := py.Line("3.16"); ok {
		t.Error("a pre-release tag added line 3.16")
	}
	if py.Default != "3.14" {
		t.Errorf("default moved to %s", py.Default)
	}
	slim, _ := py.Variant("slim")
	full, _ := py.Variant("full")
	if a := py.Architectures("3.15", slim); !slices.Equal(a, []string{"amd64", "arm64v8"}) {
		t.Errorf("3.15 slim architectures %v", a)
	}
	if a := py.Architectures("3.15", full); a != nil {
		t.Errorf("3.15 full is not in the list, yet has architectures %v", a)
	}
	for raw, want := range map[string]string{">=3.11": "3.14", "": "3.14"} {
		r, _ := py.Resolve(raw, false, today)
		if r.Line != want {
			t.Errorf("range %q resolves to %s with a refreshed list, want %s", raw, r.Line, want)
		}
	}
	if r, _ := py.Resolve("3.15", true, today); r.Line != "3.15" || len(r.Warnings) > 0 {
		t.Errorf("pin 3.15 with the refreshed line: %+v", r)
	}
	if r, _ := py.Resolve("3.10", true, today); !strings.Contains(strings.Join(r.Warnings, ""), "consider 3.14") {
		t.Errorf("EOL pin suggests %v, want 3.14 (a refreshed line is never suggested)", r.Warnings)
	}
	node, _ := c.Stack("node")
	alp, _ := node.Variant("alpine")
	if a := node.Architectures("26", alp); !slices.Equal(a, []string{"amd64", "arm64v8", "s390x"}) {
		t.Errorf("node 26 alpine architectures %v, want the union", a)
	}
	if _, ok := c.Published("alpine", "3.25"); !ok {
		t.Error("alpine:3.25 from the list is not published")
	}
	if _, ok := base.Published("alpine", "3.25"); ok {
		t.Error("the overlay changed the embedded catalog")
	}
	bpy, _ := base.Stack("python")
	if bpy.Lines[0].Version != "3.14" {
		t.Error("the overlay changed the embedded catalog's lines")
	}
	if a, ok := base.Published("node", "24-alpine3.24"); !ok || !slices.Equal(a, []string{"amd64", "arm64v8", "s390x"}) {
		t.Errorf("node:24-alpine3.24 published %v %v", a, ok)
	}
	if _, ok := base.Published("python", "3.9-slim-trixie"); ok {
		t.Error("a retired line's tag counts as published")
	}
}

// hubServer speaks Docker Hub's tag API: pages of two tags, linked by next.
func hubServer(t *testing.T, tags map[string][]string) *httptest.Server {
	t.Helper()
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range tags {
			if !yield(n) {
				return
			}
		}
	})
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		image, ok := strings.CutPrefix(r.URL.Path, "/v2/namespaces/library/repositories/")
		image, ok2 := strings.CutSuffix(image, "/tags")
		if !ok || !ok2 || image == "missing" || r.URL.Query().Get("page_size") != "100" {
			http.NotFound(w, r)
			return
		}
		page := 0
		fmt.Sscan(r.URL.Query().Get("page"), &page)
		type img struct {
			Architecture string  `json:"architecture"`
			Variant      *string `json:"variant"`
			OS           string  `json:"os"`
		}
		type result struct {
			Name   string `json:"name"`
			Images []img  `json:"images"`
		}
		out := struct {
			Count   int      `json:"count"`
			Next    *string  `json:"next"`
			Results []result `json:"results"`
		}{Count: len(names)}
		for i := page * 2; i < len(names) && i < page*2+2; i++ {
			res := result{Name: image + "/" + names[i]}
			res.Name = names[i]
			for _, p := range tags[names[i]] {
				parts := strings.Split(p, "/")
				im := img{OS: parts[0], Architecture: parts[1]}
				if len(parts) == 3 {
					im.Variant = &parts[2]
				}
				res.Images = append(res.Images, im)
			}
			out.Results = append(out.Results, res)
		}
		if (page+1)*2 < len(names) {
			next := fmt.Sprintf("%s%s?page_size=100&page=%d", srv.URL, r.URL.Path, page+1)
			out.Next = &next
		}
		json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchTags(t *testing.T) {
	srv := hubServer(t, map[string][]string{
		"3.15-slim-trixie":                {"linux/amd64", "linux/arm64/v8", "linux/arm/v7", "unknown/unknown"},
		"3.15-windowsservercore-ltsc2025": {"windows/amd64"},
		"3.14-slim-trixie":                {"linux/386", "linux/ppc64le"},
		"3.14-alpine3.24":                 {"linux/s390x", "linux/riscv64", "linux/arm/v6"},
		"3.13-slim-trixie":                {"linux/amd64"},
	})
	l, err := FetchTags(context.Background(), srv.Client(), srv.URL, "python", today)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tag := range l.Tags {
		got[tag.Name] = strings.Join(tag.Architectures, ",")
	}
	want := map[string]string{
		"3.15-slim-trixie": "amd64,arm32v7,arm64v8",
		"3.14-slim-trixie": "i386,ppc64le",
		"3.14-alpine3.24":  "arm32v6,riscv64,s390x",
		"3.13-slim-trixie": "amd64",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tags %v, want %v (windows-only tags dropped, every page read)", got, want)
	}
	if l.Image != "python" || !l.Fetched.Equal(today) {
		t.Errorf("list header %+v", l)
	}

	for _, image := range []string{"missing", "nosuch/../x"} {
		if _, err := FetchTags(context.Background(), srv.Client(), srv.URL, image, today); err == nil {
			t.Errorf("%s: no error", image)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	if _, err := FetchTags(ctx, dead.Client(), dead.URL, "python", today); err == nil || !strings.Contains(err.Error(), "docker hub") {
		t.Errorf("unreachable hub: %v", err)
	}
}

// A variant of several images: the build image per package manager and
// the final image come from templates with the line filled in.
func TestImageTemplates(t *testing.T) {
	c, err := Parse([]byte(`
os:
  - {name: noble, image: ubuntu, tags: ["24.04", noble], eol: 2029-05-31}
stacks:
  - language: java
    image: eclipse-temurin
    product: eclipse-temurin
    default: "25"
    lines:
      - {version: "25", eol: 2031-09-30}
    variants:
      - name: jre
        suffix: jdk-noble
        os: noble
        architectures: [amd64, arm64v8]
        build: maven:3.9-eclipse-temurin-{version}-noble
        build-pm: {gradle: "gradle:9.7-jdk{version}-noble"}
        final: eclipse-temurin:{version}-jre-noble
`))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := c.Stack("java")
	v, _ := s.Variant("")
	for _, tt := range []struct{ got, want string }{
		{s.BuildRef("25", v, "maven"), "maven:3.9-eclipse-temurin-25-noble"},
		{s.BuildRef("25", v, "gradle"), "gradle:9.7-jdk25-noble"},
		{s.RuntimeRef("25", v), "eclipse-temurin:25-jre-noble"},
		{strings.Join(s.BuildRefs("25", v), " "), "maven:3.9-eclipse-temurin-25-noble gradle:9.7-jdk25-noble"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}
