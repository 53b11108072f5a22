package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/render/companiontest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// TestGolden runs `dockgen init --yes` and `dockgen detect --json` on every
// fixture repository under testdata/fixtures and compares what was written
// and printed with testdata/golden/<fixture>/. Run `go test ./cmd/dockgen
// -update` to rewrite them, then review the diff like code.
func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "..", "testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	cases := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		cases++
		t.Run(name, func(t *testing.T) {
			dir := copyFixture(t, name)
			golden := filepath.Join("..", "..", "testdata", "golden", name)
			got := map[string]string{}

			r := run(t, nil, "detect", "--json", dir)
			got["detect.json"] = r.stdout
			if r.code != 0 {
				t.Errorf("detect exited %d: %s", r.code, r.stderr)
			}
			r = run(t, nil, "init", "--yes", dir)
			got["init.stderr"] = strings.ReplaceAll(r.stderr, dir, "DIR")
			if r.code == 0 {
				got["Dockerfile"] = readFile(t, filepath.Join(dir, "Dockerfile"))
				got["dockerignore"] = readFile(t, filepath.Join(dir, ".dockerignore"))
				got["dockgen.yaml"] = readFile(t, filepath.Join(dir, ".dockgen.yaml"))
				// Companions a stack renders beside the Dockerfile.
				for _, f := range []string{"nginx.conf", "nginx.dockgen.conf"} {
					if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
						got[f] = readFile(t, filepath.Join(dir, f))
					}
				}
				// What dockgen writes passes its own program's check, with
				// the repository's own server block where it includes one.
				for _, f := range []string{"nginx.conf", "nginx.dockgen.conf"} {
					conf, ok := got[f]
					if !ok || !strings.Contains(conf, "Written by dockgen.") {
						continue // the repository's own nginx.conf
					}
					extra := map[string][]byte{}
					for _, own := range []string{"nginx/default.conf", "nginx.conf"} {
						if own != f && strings.Contains(conf, "include /etc/nginx/conf.d/default.conf;") {
							if data, err := os.ReadFile(filepath.Join(dir, own)); err == nil {
								extra["conf.d/default.conf"] = data
								break
							}
						}
					}
					companiontest.Nginx(t, []byte(conf), extra)
				}
			}
			if *update {
				os.RemoveAll(golden)
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				for f, content := range got {
					writeFile(t, filepath.Join(golden, f), content)
				}
				return
			}
			want, err := os.ReadDir(golden)
			if err != nil {
				t.Fatalf("no golden files (run go test ./cmd/dockgen -update): %v", err)
			}
			if len(want) != len(got) {
				t.Errorf("golden has %d files, run produced %d", len(want), len(got))
			}
			for _, w := range want {
				wantContent := readFile(t, filepath.Join(golden, w.Name()))
				if got[w.Name()] != wantContent {
					t.Errorf("%s differs from testdata/golden/%s/%s (rerun with -update and review the diff)\n--- got\n%s\n--- want\n%s",
						w.Name(), name, w.Name(), got[w.Name()], wantContent)
				}
			}
		})
	}
	if cases < 12 {
		t.Errorf("only %d fixture repositories; the suite wants at least 12", cases)
	}
}
