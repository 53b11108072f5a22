package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/templates"
)

// runWith runs dockgen in-process like run, with no terminal and the
// fixed clock, after edit has changed the dependencies.
func runWith(t testing.TB, edit func(*Deps), args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	d := Deps{
		Streams:   Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Catalog:   catalog.Default(),
		Now:       func() time.Time { return today },
		Templates: templates.FS,
		HTTP:      &http.Client{Timeout: 5 * time.Second},
	}
	if edit != nil {
		edit(&d)
	}
	code := Run(args, d)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// withCache points the tag cache at dir and lays it over the catalog, as
// DefaultDeps does with DOCKGEN_CACHE_DIR.
func withCache(dir, hub string) func(*Deps) {
	return func(d *Deps) {
		officialImageDeps(d, func(k string) string {
			return map[string]string{"DOCKGEN_CACHE_DIR": dir, "DOCKGEN_HUB_URL": hub}[k]
		})
	}
}

// TestImagesGolden compares `dockgen images` output with the files in
// testdata/images (rewrite with -update and review the diff).
func TestImagesGolden(t *testing.T) {
	cases := map[string][]string{
		"images.txt":      {"images"},
		"images.json":     {"images", "--json"},
		"images-node.txt": {"images", "node"},
		"images-go.json":  {"images", "golang", "--json"},
	}
	for file, args := range cases {
		t.Run(file, func(t *testing.T) {
			r := run(t, nil, args...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			golden := filepath.Join("..", "..", "testdata", "images", file)
			if *update {
				writeFile(t, golden, r.stdout)
				return
			}
			if want := readFile(t, golden); r.stdout != want {
				t.Errorf("dockgen %s differs from testdata/images/%s (rerun with -update and review the diff)\n--- got\n%s\n--- want\n%s",
					strings.Join(args, " "), file, r.stdout, want)
			}
		})
	}
}

// What a user reads from `images`: today's status of each line, by the
// injected clock, and the architectures a variant lacks.
func TestImagesStatus(t *testing.T) {
	r := run(t, nil, "images", "python")
	for _, want := range []string{
		"3.14  supported (default)",
		"3.13  security fixes only until 2029-10-31",
		"3.10  end of life since 2026-10-31",
		"3.9   end of life since 2025-10-31 (no longer published)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("images python lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "node") {
		t.Errorf("images python shows other stacks:\n%s", r.stdout)
	}
	var v imagesJSON
	r = run(t, nil, "images", "node", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatal(err)
	}
	n := v.Stacks[0]
	if n.User != "node" || n.BuildImage != "node:26-trixie-slim" || n.Lines[1].Status != "security" || n.Lines[3].Status != "eol" {
		t.Errorf("node: %+v", n)
	}
	if got := strings.Join(n.Lines[2].Architectures["alpine"], ","); got != "amd64,arm32v6,arm32v7,arm64v8,s390x" {
		t.Errorf("node 22 alpine architectures %s", got)
	}
	if r := run(t, nil, "images", "cobol"); r.code != 2 || !strings.Contains(r.stderr, "use one of python, node, go") {
		t.Errorf("unknown language: exit %d %q", r.code, r.stderr)
	}
}

// hub serves Docker Hub's tag API for the catalog's images, two tags a
// page; python has a newly published 3.15 line.
func hub(t *testing.T) *httptest.Server {
	tags := map[string][]string{
		"python":          {"3.15-slim-trixie", "3.15-trixie", "3.15.0-slim-trixie", "3.14-slim-trixie", "3.16-rc-slim-trixie"},
		"node":            {"26-alpine3.24", "26-trixie-slim"},
		"golang":          {"1.27-trixie"},
		"eclipse-temurin": {"25-jdk-noble"},
		"rust":            {"1-slim-trixie"},
		"ruby":            {"4.0-slim-trixie"},
		"nginx":           {"1.30-alpine3.24"},
		"php":             {"8.5-apache-trixie"},
		"elixir":          {"1.20-otp-29"},
		"alpine":          {"3.24"},
		"debian":          {"trixie-slim"},
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		image := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/v2/namespaces/library/repositories/"), "/tags")
		names, ok := tags[image]
		if !ok {
			http.NotFound(w, r)
			return
		}
		page := 0
		fmt.Sscan(r.URL.Query().Get("page"), &page)
		type result struct {
			Name   string `json:"name"`
			Images []any  `json:"images"`
		}
		body := map[string]any{"count": len(names)}
		var results []result
		for i := page * 2; i < len(names) && i < page*2+2; i++ {
			results = append(results, result{Name: names[i], Images: []any{
				map[string]any{"architecture": "amd64", "os": "linux", "variant": nil},
				map[string]any{"architecture": "arm64", "os": "linux", "variant": "v8"},
				map[string]any{"architecture": "unknown", "os": "unknown"},
			}})
		}
		body["results"] = results
		if (page+1)*2 < len(names) {
			body["next"] = fmt.Sprintf("%s%s?page_size=100&page=%d", srv.URL, r.URL.Path, page+1)
		} else {
			body["next"] = nil
		}
		json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// --refresh fills the cache from the Hub; the cache then adds the new
// line to what images shows and what init accepts without a warning,
// while the defaults stay those of the embedded data.
func TestImagesRefresh(t *testing.T) {
	srv := hub(t)
	cache := filepath.Join(t.TempDir(), "cache")
	r := runWith(t, withCache(cache, srv.URL), "images", "--refresh", "python")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "3.15  supported (newer than the embedded data: from the tag cache)") {
		t.Errorf("refreshed output lacks 3.15:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "default: python:3.14-slim-trixie") {
		t.Errorf("the default moved:\n%s", r.stdout)
	}
	for _, image := range []string{"python", "node", "golang", "alpine", "debian"} {
		b, err := os.ReadFile(filepath.Join(cache, "tags-"+image+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if l, err := catalog.ParseTagList(b); err != nil || l.Image != image || len(l.Tags) == 0 || !l.Fetched.Equal(today) {
			t.Errorf("tags-%s.json: %+v %v", image, l, err)
		}
	}

	// A later run reads the cache: images shows 3.15, and init pins it
	// without the "not in dockgen's catalog" warning.
	r = runWith(t, withCache(cache, "http://127.0.0.1:1"), "images", "python", "--json")
	if !strings.Contains(r.stdout, `"version": "3.15"`) {
		t.Errorf("images without --refresh does not use the cache:\n%s", r.stdout)
	}
	dir := t.TempDir()
	r = runWith(t, withCache(cache, ""), "init", "--yes", "--language", "python", "--runtime-version", "3.15", "--stdout", dir)
	if r.code != 0 || strings.Contains(r.stderr, "not in dockgen's catalog") || !strings.Contains(r.stdout, "FROM python:3.15-slim-trixie") {
		t.Errorf("init with the refreshed line: exit %d\n%s\n%s", r.code, r.stderr, r.stdout)
	}
	r = runWith(t, nil, "init", "--yes", "--language", "python", "--runtime-version", "3.15", "--stdout", dir)
	if !strings.Contains(r.stderr, "not in dockgen's catalog") {
		t.Errorf("without the cache, 3.15 is not warned about: %s", r.stderr)
	}
}

// A failed refresh is one line on stderr and leaves the cache as it was.
func TestImagesRefreshFails(t *testing.T) {
	cache := t.TempDir()
	old := `{"image":"python","tags":[{"name":"3.15-slim-trixie","architectures":["amd64"]}]}`
	writeFile(t, filepath.Join(cache, "tags-python.json"), old)
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	notFound := httptest.NewServer(http.NotFoundHandler())
	defer notFound.Close()
	for name, url := range map[string]string{"unreachable": dead.URL, "not found": notFound.URL} {
		start := time.Now()
		r := runWith(t, withCache(cache, url), "images", "--refresh")
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "the tag cache is unchanged") {
			t.Errorf("%s: exit %d, stderr %q", name, r.code, r.stderr)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("%s: took %s", name, time.Since(start))
		}
		if got := readFile(t, filepath.Join(cache, "tags-python.json")); got != old {
			t.Errorf("%s: the cache changed to %s", name, got)
		}
		if entries, _ := os.ReadDir(cache); len(entries) != 1 {
			t.Errorf("%s: cache holds %d files", name, len(entries))
		}
	}
}

// A damaged cache file is skipped with a warning: the embedded data works.
func TestImagesDamagedCache(t *testing.T) {
	cache := t.TempDir()
	writeFile(t, filepath.Join(cache, "tags-node.json"), "{not json")
	r := runWith(t, withCache(cache, ""), "images", "node")
	if r.code != 0 || !strings.Contains(r.stderr, "tags-node.json ignored") || !strings.Contains(r.stdout, "node:26-trixie-slim") {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stderr, r.stdout)
	}
}
