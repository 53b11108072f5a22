//go:build e2e

package e2e

// Fast checks of the suite's own parsing, with no buildah needed:
//
//	go test -tags e2e -run 'TestParse|TestScan' ./e2e/

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A rebuild after a source edit, as buildah 1.28 prints it (multi-stage).
const rebuildOutput = `[1/2] STEP 1/6: FROM golang:1.26-trixie AS build
[1/2] STEP 2/6: WORKDIR /src
--> Using cache 0ccc3f587695919fcd7cf6a3586199e6a4bc79c27d0c27215aeadeb62aeb6068
--> 0ccc3f58769
[1/2] STEP 3/6: COPY go.mod go.sum ./
--> Using cache 9bee862d5441e4efd52e8d032dd40a761ae92ba21df06fb5cf3b4a02799ae686
--> 9bee862d544
[1/2] STEP 4/6: RUN --mount=type=cache,target=/go/pkg/mod     go mod download
--> Using cache 13b97fad0c00088e2eed168874c0e7d3c0d0244c9dd9b1004aab6124a82db8d1
--> 13b97fad0c0
[1/2] STEP 5/6: COPY . .
--> df1449c2096
[1/2] STEP 6/6: RUN --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /out/app .
--> 314911d9e1e
[2/2] STEP 1/4: FROM scratch
[2/2] STEP 2/4: COPY --from=build /out/app /app
--> 57819ffeed4
[2/2] STEP 3/4: USER 65532:65532
--> d65dc368f7b
[2/2] STEP 4/4: ENTRYPOINT ["/app"]
[2/2] COMMIT localhost/dockgen-e2e-go:latest
`

func TestParseSteps(t *testing.T) {
	steps := parseSteps(rebuildOutput)
	if len(steps) != 10 {
		t.Fatalf("got %d steps, want 10: %+v", len(steps), steps)
	}
	if s := steps[3]; s.Stage != "[1/2]" || s.N != 4 || !s.Cached || !strings.Contains(s.Instruction, "go mod download") {
		t.Errorf("step 4: %+v", s)
	}
	if s := steps[4]; s.Cached || s.Instruction != "COPY . ." {
		t.Errorf("step 5: %+v", s)
	}
	got, err := checkCacheReuse(steps, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, `"RUN go mod download" cached`) {
		t.Errorf("report %q does not name the dependency step", got)
	}
}

func TestParseStepsSingleStage(t *testing.T) {
	out := "STEP 1/3: FROM node:22-trixie-slim\nSTEP 2/3: RUN npm ci\n--> Using cache abc\nSTEP 3/3: COPY . /app\n--> def\n"
	if _, err := checkCacheReuse(parseSteps(out), ""); err != nil {
		t.Fatal(err)
	}
}

func TestParseStaticSite(t *testing.T) {
	// A static site: no RUN at all; the nginx.conf COPY must be reused.
	out := "STEP 1/4: FROM nginx:1.30-trixie\nSTEP 2/4: COPY nginx.conf /etc/nginx/nginx.conf\n--> Using cache abc\n--> abc\nSTEP 3/4: COPY . /usr/share/nginx/html\n--> def\nSTEP 4/4: USER nginx\n"
	got, err := checkCacheReuse(parseSteps(out), "COPY nginx.conf ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, `"COPY nginx.conf /etc/nginx/nginx.conf" cached`) {
		t.Errorf("report %q does not name the nginx.conf step", got)
	}
	if _, err := checkCacheReuse(parseSteps(out), ""); err == nil {
		t.Error("no RUN step, and yet the dependency check passed")
	}
	missed := strings.Replace(out, "--> Using cache abc\n", "", 1)
	if _, err := checkCacheReuse(parseSteps(missed), "COPY nginx.conf "); err == nil {
		t.Error("a re-run nginx.conf COPY passed")
	}
}

func TestParseCacheMisses(t *testing.T) {
	// The dependency step ran again: that is a failure.
	out := strings.Replace(rebuildOutput, "--> Using cache 13b97fad0c00088e2eed168874c0e7d3c0d0244c9dd9b1004aab6124a82db8d1\n", "", 1)
	if _, err := checkCacheReuse(parseSteps(out), ""); err == nil || !strings.Contains(err.Error(), "go mod download") {
		t.Errorf("a re-run dependency step passed: %v", err)
	}
	// COPY . from the cache although a source changed: a failure too.
	out = strings.Replace(rebuildOutput, "[1/2] STEP 5/6: COPY . .\n", "[1/2] STEP 5/6: COPY . .\n--> Using cache x\n", 1)
	if _, err := checkCacheReuse(parseSteps(out), ""); err == nil {
		t.Error("a cached COPY . passed")
	}
	// No dependency step before the sources are copied.
	out = "STEP 1/2: FROM python:3.13-slim-trixie\nSTEP 2/3: COPY . .\n--> a\nSTEP 3/3: RUN pip install -r requirements.txt\n--> b\n"
	if _, err := checkCacheReuse(parseSteps(out), ""); err == nil {
		t.Error("sources copied before the install passed")
	}
}

func TestParseCopiesWholeContext(t *testing.T) {
	for instr, want := range map[string]bool{
		"COPY . .":                        true,
		"COPY --chown=app:app ./ /app":    true,
		"COPY --from=build /opt/venv /x":  false,
		"COPY package.json ./":            false,
		"COPY requirements.txt . ":        false,
		"RUN cp . .":                      false,
		"COPY --link . /src":              true,
		"COPY --from=build . /everything": false,
	} {
		if got := copiesWholeContext(instr); got != want {
			t.Errorf("copiesWholeContext(%q) = %v, want %v", instr, got, want)
		}
	}
}

func TestScanTree(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"app/.env", "home/x/.ssh/id_rsa", "usr/local/go/bin/go", "bin/gofmt", "app/main.py", "app/env.py"} {
		p := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got := strings.Join(scanTree(root, true), "\n")
	for _, want := range []string{"secret /app/.env", "secret /home/x/.ssh/id_rsa", "toolchain dir /usr/local/go", "toolchain binary /usr/local/go/bin/go", "toolchain binary /bin/gofmt"} {
		if !strings.Contains(got, want) {
			t.Errorf("scanTree missed %q; got:\n%s", want, got)
		}
	}
	if strings.Contains(got, "main.py") || strings.Contains(got, "env.py") {
		t.Errorf("scanTree flagged an ordinary file:\n%s", got)
	}
	if n := len(scanTree(root, false)); n != 2 {
		t.Errorf("interpreted stack: got %d findings, want the 2 secrets", n)
	}
	os.MkdirAll(filepath.Join(root, "usr/local/bin"), 0o755)
	os.WriteFile(filepath.Join(root, "usr/local/bin/node"), []byte("x"), 0o755)
	os.MkdirAll(filepath.Join(root, "usr/share/node"), 0o755) // a directory named node is not a binary
	// Nor is a link named node (deno's node_modules/@types/node).
	os.MkdirAll(filepath.Join(root, "app/node_modules/@types"), 0o755)
	os.Symlink("../.deno/@types+node@24/node_modules/@types/node", filepath.Join(root, "app/node_modules/@types/node"))
	got = strings.Join(scanTree(root, false, "node"), "\n")
	if !strings.Contains(got, "forbidden file /usr/local/bin/node") || strings.Contains(got, "usr/share/node") || strings.Contains(got, "@types/node") {
		t.Errorf("static site: scanTree(..., \"node\") got:\n%s", got)
	}
}

// The nginx base image exposes 80 and the generated image 8080: the probe
// must pick the app's port every time, not whichever a map yields first.
func TestProbePort(t *testing.T) {
	set := func(ports ...string) map[string]struct{} {
		m := map[string]struct{}{}
		for _, p := range ports {
			m[p] = struct{}{}
		}
		return m
	}
	for _, tc := range []struct {
		name    string
		app     int
		exposed map[string]struct{}
		want    int
		wantErr bool
	}{
		{"base's port and the app's", 8080, set("80/tcp", "8080/tcp"), 8080, false},
		{"only the app's", 3000, set("3000/tcp"), 3000, false},
		{"none exposed", 8000, nil, 8000, false},
		{"one other port: dockgen exposed the wrong one", 8080, set("9000/tcp"), 0, true},
		{"two others", 8080, set("80/tcp", "9000/tcp"), 0, true},
	} {
		for range 20 { // map order varies between iterations
			got, err := probePort(tc.app, tc.exposed)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Fatalf("%s: probePort(%d, %v) = %d, %v; want %d (error %v)", tc.name, tc.app, tc.exposed, got, err, tc.want, tc.wantErr)
			}
		}
	}
}

// normalizeModes gives a sample app the modes of a checkout under umask 022.
func TestNormalizeModes(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "static")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, mode := range map[string]os.FileMode{"static/index.html": 0o600, "run.sh": 0o700} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := normalizeModes(dir); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]os.FileMode{"static": 0o755, "static/index.html": 0o644, "run.sh": 0o755} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", name, got, want)
		}
	}
}

// A failed case's first failure is printed under the table, where a CI log
// cut to its tail still shows it; passing cases add nothing.
func TestReportNamesFailures(t *testing.T) {
	rows := []reportRow{
		{Case: "go", Result: "PASS"},
		{Case: "static-html", Result: "FAIL", Why: "no HTTP 200 on http://127.0.0.1:8080 within 90s"},
	}
	got := formatReport(rows)
	if !strings.Contains(got, "\nstatic-html: no HTTP 200 on http://127.0.0.1:8080 within 90s") {
		t.Errorf("the failure is not under the table:\n%s", got)
	}
	if strings.Contains(got, "\ngo: ") {
		t.Errorf("a passing case has a failure line:\n%s", got)
	}
}
