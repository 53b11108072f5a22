package detect

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestVersionFiles covers each version-manager file and each precedence
// rule on real detection: mise.toml > .mise.toml > .tool-versions > the
// stack's own files.
func TestVersionFiles(t *testing.T) {
	tests := []struct {
		name string
		fs   fstest.MapFS
		want VersionReq
		// also are the files listed as candidates of the version evidence.
		also     []string
		warnings []string
	}{
		{
			name: ".tool-versions alone",
			fs:   files("requirements.txt", "requests\n", ".tool-versions", "# runtimes\npython 3.12.4 3.11.9\nnodejs 22.11.0\n"),
			want: VersionReq{"3.12.4", true, ".tool-versions"},
		},
		{
			name: ".tool-versions beats .python-version",
			fs:   files("requirements.txt", "requests\n", ".python-version", "3.11\n", ".tool-versions", "python 3.13.1\n"),
			want: VersionReq{"3.13.1", true, ".tool-versions"},
			also: []string{".python-version"},
		},
		{
			name: "mise.toml beats .tool-versions and requires-python",
			fs: files("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.10\"\n",
				".tool-versions", "python 3.12.1\n", "mise.toml", "[tools]\npython = \"3.11\"\n"),
			want: VersionReq{"3.11", true, "mise.toml"},
			also: []string{".tool-versions", "pyproject.toml"},
		},
		{
			name: "mise.toml beats .mise.toml",
			fs:   files("main.go", "package main\n\nfunc main() {}\n", "go.mod", "module x\n\ngo 1.23\n", "mise.toml", "[tools]\ngo = \"1.25.1\"\n", ".mise.toml", "[tools]\ngo = \"1.24\"\n"),
			want: VersionReq{"1.25.1", true, "mise.toml"},
			also: []string{".mise.toml", "go.mod"},
		},
		{
			name: ".mise.toml array: the first version",
			fs:   files("requirements.txt", "requests\n", ".mise.toml", "[tools]\npython = [\"3.13\", \"3.12\"]\n"),
			want: VersionReq{"3.13", true, ".mise.toml"},
		},
		{
			name: "mise.toml table with version, node alias",
			fs: files("package.json", `{"name":"x","engines":{"node":">=18"}}`, ".nvmrc", "20\n",
				"mise.toml", "[tools]\nnode = { version = \"22\", postinstall = \"corepack enable\" }\n"),
			want: VersionReq{"22", true, "mise.toml"},
			also: []string{".nvmrc"},
		},
		{
			name: "asdf nodejs beats engines.node",
			fs:   files("package.json", `{"name":"x","engines":{"node":">=18"}}`, ".tool-versions", "nodejs 24.1.0\n"),
			want: VersionReq{"24.1.0", true, ".tool-versions"},
			also: []string{"package.json"},
		},
		{
			name: "asdf golang beats go.mod toolchain",
			fs:   files("main.go", "package main\n\nfunc main() {}\n", "go.mod", "module x\n\ngo 1.23\n\ntoolchain go1.24.2\n", ".tool-versions", "golang 1.25.0\n"),
			want: VersionReq{"1.25.0", true, ".tool-versions"},
			also: []string{"go.mod"},
		},
		{
			name: "prefix: in mise.toml",
			fs:   files("requirements.txt", "requests\n", "mise.toml", "[tools]\npython = \"prefix:3.12\"\n"),
			want: VersionReq{"3.12", true, "mise.toml"},
		},
		{
			name: "another language's tool is not a pin",
			fs:   files("requirements.txt", "requests\n", ".python-version", "3.12\n", ".tool-versions", "nodejs 22\n"),
			want: VersionReq{"3.12", true, ".python-version"},
		},
		{
			name: "system is skipped; the stack's own file wins",
			fs:   files("requirements.txt", "requests\n", ".python-version", "3.12\n", ".tool-versions", "python system\n"),
			want: VersionReq{"3.12", true, ".python-version"},
			also: []string{".tool-versions"},
		},
		{
			name:     "malformed mise.toml is a warning, .tool-versions still pins",
			fs:       files("requirements.txt", "requests\n", "mise.toml", "[tools\npython = 3\n", ".tool-versions", "python 3.13\n"),
			want:     VersionReq{"3.13", true, ".tool-versions"},
			warnings: []string{"mise.toml: invalid TOML"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.fs)
			if got.Version != tt.want {
				t.Errorf("Version = %+v, want %+v", got.Version, tt.want)
			}
			var ev []Evidence
			for _, e := range got.Evidence {
				if e.Field == "version" {
					ev = append(ev, e)
				}
			}
			if len(ev) != 1 {
				t.Fatalf("want one version evidence entry, got %+v", ev)
			}
			if ev[0].File != tt.want.Source {
				t.Errorf("version evidence names %s, want %s", ev[0].File, tt.want.Source)
			}
			var also []string
			for _, c := range ev[0].Candidates {
				also = append(also, c.File)
			}
			if !reflect.DeepEqual(also, tt.also) {
				t.Errorf("candidates = %q, want %q", also, tt.also)
			}
			if fromManager := slices.Contains(versionFiles, tt.want.Source); fromManager != (ev[0].Rule != "") {
				t.Errorf("rule = %q for a version from %s", ev[0].Rule, tt.want.Source)
			}
			for _, w := range tt.warnings {
				if !strings.Contains(strings.Join(got.Warnings, "\n"), w) {
					t.Errorf("no warning with %q in %q", w, got.Warnings)
				}
			}
			if len(tt.warnings) == 0 && len(got.Warnings) > 0 {
				t.Errorf("unexpected warnings %q", got.Warnings)
			}
		})
	}
}

// TestVersionFilesEveryLanguage checks the tool-name table for each
// language, including those whose detectors land separately: the driver
// pins whatever language was chosen.
func TestVersionFilesEveryLanguage(t *testing.T) {
	tests := []struct {
		lang, toolVersions string
		want               string // Raw; "" for no pin
		also               int
	}{
		{"python", "python 3.12.4", "3.12.4", 0},
		{"node", "nodejs 22.11.0", "22.11.0", 0},
		{"node", "node 20", "20", 0},
		{"go", "golang 1.24.1", "1.24.1", 0},
		{"go", "go 1.25", "1.25", 0},
		{"ruby", "ruby 3.3.6", "3.3.6", 0},
		{"rust", "rust 1.83.0", "1.83.0", 0},
		{"java", "java temurin-21.0.2+13.0.LTS", "21", 0},
		{"java", "java openjdk-21", "21", 0},
		{"java", "java 17", "17", 0},
		{"java", "java corretto-17.0.9.8.1", "17", 0},
		{"java", "java zulu-8.78.0.19", "8", 0},
		{"java", "java adoptopenjdk-1.8.0", "8", 0},
		{"php", "php 8.3.14", "8.3.14", 0},
		{"elixir", "erlang 27.1.2\nelixir 1.17.3-otp-27", "1.17.3", 1},
		{"elixir", "erlang 27.1.2", "", 1},
		{"dotnet", "dotnet 8.0.404", "8.0.404", 0},
		{"dotnet", "dotnet-core 9.0.100", "9.0.100", 0},
		{"bun", "bun 1.1.38", "1.1.38", 0},
		{"deno", "deno 2.1.2", "2.1.2", 0},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+strings.ReplaceAll(tt.toolVersions, "\n", ","), func(t *testing.T) {
			fsys := files(".tool-versions", tt.toolVersions+"\n")
			f := Facts{Language: tt.lang, Evidence: []Evidence{{Field: "version", File: "own", Reason: "the stack's file"}}}
			applyVersionFiles(fsys, &f)
			if f.Version.Raw != tt.want || (tt.want != "") != f.Version.Pinned {
				t.Errorf("Version = %+v, want raw %q pinned", f.Version, tt.want)
			}
			var cands int
			for _, e := range f.Evidence {
				if e.Field == "version" && (e.File == ".tool-versions") == (tt.want != "") {
					cands = len(e.Candidates)
				}
			}
			wantCands := tt.also
			if tt.want != "" {
				wantCands++ // the stack's own file
			}
			if cands != wantCands {
				t.Errorf("version candidates = %d, want %d: %+v", cands, wantCands, f.Evidence)
			}
		})
	}
}

func TestRuntimeToolsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range runtimeTools {
		if seen[r.Tool] {
			t.Errorf("tool %q listed twice", r.Tool)
		}
		seen[r.Tool] = true
	}
}
