package render_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/output"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/dockgen/dockgen/templates"
)

func builtin() render.Layer { return render.Layer{Name: render.BuiltinLayer, FS: templates.FS} }

func team(name, dir string, files ...string) render.Layer {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return render.Layer{Name: name, Dir: dir, FS: m}
}

// TestOneBlockOverrideChangesOnlyThatBlock redefines one block in a team
// layer and renders every supported stack: the diff against the built-in
// output must be exactly the block's change, and nothing else.
func TestOneBlockOverrideChangesOnlyThatBlock(t *testing.T) {
	cases := []struct {
		name  string
		layer render.Layer
		want  func(s spec.Spec) string // the one added line
		after func(s spec.Spec) string // the line it must follow
	}{
		{
			name: "healthcheck in shared",
			layer: team(render.OrgLayer, "org", "shared/team.tmpl",
				"{{define \"healthcheck\"}}\nHEALTHCHECK CMD [\"/healthcheck\"]\n{{- end}}\n"),
			want: func(spec.Spec) string { return `HEALTHCHECK CMD ["/healthcheck"]` },
			after: func(s spec.Spec) string {
				if s.Port != 0 {
					return "EXPOSE"
				}
				return "USER"
			},
		},
		{
			name: "label in runtime-base, one file per language",
			layer: team(render.RepoLayer, ".dockgen/templates",
				"python/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"py\"\n{{- end}}",
				"node/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"js\"\n{{- end}}",
				"static/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"st\"\n{{- end}}",
				"go/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"go\"\n{{- end}}",
				"rust/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"rs\"\n{{- end}}",
				"bun/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"bn\"\n{{- end}}",
				"deno/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"dn\"\n{{- end}}",
				"ruby/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"rb\"\n{{- end}}",
				"php/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"php\"\n{{- end}}",
				"elixir/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"ex\"\n{{- end}}",
				"java/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"jv\"\n{{- end}}",
				"dotnet/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"net\"\n{{- end}}",
				"other/team.tmpl", "{{define \"runtime-base\"}}\n\n{{ template \"base-comment\" . }}\nFROM {{ .BaseImage }}\nLABEL team=\"oth\"\n{{- end}}"),
			want: func(s spec.Spec) string {
				return `LABEL team="` + map[string]string{"python": "py", "node": "js", "static": "st", "go": "go", "rust": "rs", "bun": "bn", "deno": "dn", "ruby": "rb", "php": "php", "elixir": "ex", "java": "jv", "dotnet": "net", "other": "oth"}[s.Language] + `"`
			},
			after: func(s spec.Spec) string { return "FROM " + s.BaseImage },
		},
	}
	cat := catalog.Default()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set := render.Set{builtin(), c.layer}
			n := 0
			for _, mc := range render.Matrix(cat, today) {
				s, _, err := spec.Build(mc.Facts, mc.Answers, cat, today)
				if err != nil {
					t.Fatal(err)
				}
				base, err := render.Render(templates.FS, s)
				if err != nil {
					t.Fatal(err)
				}
				got, err := set.Render(render.NewModel(s))
				if err != nil {
					t.Fatalf("%s: %v", mc, err)
				}
				if string(got[1].Data) != string(base[1].Data) {
					t.Errorf("%s: .dockerignore changed", mc)
				}
				added := addedLines(t, string(base[0].Data), string(got[0].Data))
				if len(added) != 1 || added[0].line != c.want(s) || !strings.HasPrefix(added[0].prev, c.after(s)) {
					t.Fatalf("%s: want exactly %q added after %q, got %+v\n%s", mc, c.want(s), c.after(s), added,
						output.Diff("Dockerfile", base[0].Data, got[0].Data))
				}
				n++
			}
			t.Logf("%d stacks rendered with exactly the one change", n)
		})
	}
}

type addition struct{ prev, line string }

// addedLines compares two renderings that differ only by inserted lines
// and returns each inserted line with the line before it; a removed or
// changed line fails the test.
func addedLines(t *testing.T, base, got string) []addition {
	t.Helper()
	b, g := strings.Split(base, "\n"), strings.Split(got, "\n")
	var out []addition
	i := 0
	for j := 0; j < len(g); j++ {
		if i < len(b) && b[i] == g[j] {
			i++
			continue
		}
		prev := ""
		if j > 0 {
			prev = g[j-1]
		}
		out = append(out, addition{prev: prev, line: g[j]})
	}
	if i != len(b) {
		t.Fatalf("lines of the built-in output are missing:\n%s", output.Diff("Dockerfile", []byte(base), []byte(got)))
	}
	return out
}

// TestLayerPrecedence stacks four layers that each define the same block,
// and checks which wins and what Blocks and Sources report.
func TestLayerPrecedence(t *testing.T) {
	def := func(v string) string { return "{{define \"healthcheck\"}}\nHEALTHCHECK CMD [\"" + v + "\"]\n{{- end}}" }
	org := team(render.OrgLayer, "/etc/org", "shared/org.tmpl", def("org"))
	repo := team(render.RepoLayer, ".dockgen/templates", "python/repo.tmpl", def("repo"))
	flag := team(render.FlagLayer, "mine", "shared/flag.tmpl", def("flag"))
	// A full replacement of the built-in Dockerfile in the organisation
	// layer: its own blocks replace the built-in file's.
	orgFull := team(render.OrgLayer, "/etc/org", "python/Dockerfile.tmpl",
		"{{- template \"header\" . }}\nFROM {{ .BaseImage }}\nUSER app{{ block \"healthcheck\" . }}{{ end }}\nCMD {{ execForm .Command }}\n")
	s := pySpec(t)
	cases := []struct {
		name      string
		set       render.Set
		want      string
		wantLayer string
	}{
		{"built-in only", render.Set{builtin()}, "", render.BuiltinLayer},
		{"org over built-in", render.Set{builtin(), org}, `HEALTHCHECK CMD ["org"]`, render.OrgLayer},
		{"repo over org", render.Set{builtin(), org, repo}, `HEALTHCHECK CMD ["repo"]`, render.RepoLayer},
		{"flag over repo", render.Set{builtin(), org, repo, flag}, `HEALTHCHECK CMD ["flag"]`, render.FlagLayer},
		{"repo block over org full file", render.Set{builtin(), orgFull, repo}, `HEALTHCHECK CMD ["repo"]`, render.RepoLayer},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files, err := c.set.Render(render.NewModel(s))
			if err != nil {
				t.Fatal(err)
			}
			df := string(files[0].Data)
			if got := strings.Count(df, "HEALTHCHECK"); c.want == "" && got != 0 || c.want != "" && (got != 1 || !strings.Contains(df, c.want)) {
				t.Errorf("want %q in\n%s", c.want, df)
			}
			blocks, err := c.set.Blocks("python")
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range blocks {
				if b.Name == "healthcheck" && b.Layer != c.wantLayer {
					t.Errorf("healthcheck comes from %s (%s), want %s", b.Layer, b.At, c.wantLayer)
				}
			}
		})
	}

	t.Run("a full replacement drops the lower file", func(t *testing.T) {
		set := render.Set{builtin(), orgFull}
		files, err := set.Render(render.NewModel(s))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(files[0].Data), "AS build") {
			t.Errorf("built-in build stage still rendered:\n%s", files[0].Data)
		}
		srcs, _ := set.Sources("python")
		for _, src := range srcs {
			if src.Path == "python/Dockerfile.tmpl" && (src.Layer != render.OrgLayer || src.Replaces != render.BuiltinLayer || src.File != "/etc/org/python/Dockerfile.tmpl") {
				t.Errorf("source %+v", src)
			}
		}
		blocks, _ := set.Blocks("python")
		for _, b := range blocks {
			if b.Name == "install" {
				t.Errorf("block %q of the replaced file is still listed (%s)", b.Name, b.At)
			}
		}
	})

	t.Run("an empty define removes a block", func(t *testing.T) {
		set := render.Set{builtin(), team(render.RepoLayer, "r", "python/x.tmpl", `{{define "create-user"}}{{end}}`)}
		files, err := set.Render(render.NewModel(s))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(files[0].Data), "groupadd") {
			t.Errorf("create-user still rendered:\n%s", files[0].Data)
		}
	})
}

// TestTemplateErrorsNameFileAndLine breaks a team template in several ways;
// each error names the team file and the line.
func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, file, src, want string
	}{
		{"parse", "python/Dockerfile.tmpl", "{{- template \"header\" . }}\nFROM x\n\n{{ if }}\n", "team/python/Dockerfile.tmpl:4:"},
		{"unknown function", "shared/team.tmpl", "\n{{define \"cmd\"}}\nCMD {{ env \"HOME\" }}{{end}}", "team/shared/team.tmpl:3: function \"env\" not defined"},
		{"missing field", "python/team.tmpl", "{{define \"cmd\"}}\n\nCMD {{ .Nope }}{{end}}", "team/python/team.tmpl:3:"},
		{"bad label", "python/team.tmpl", "{{define \"env\"}}\nENV X={{ quoteValue \"a\\nRUN id\" }}{{end}}", "team/python/team.tmpl:2:"},
	}
	s := pySpec(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set := render.Set{builtin(), team(render.FlagLayer, "team", c.file, c.src)}
			_, err := set.Render(render.NewModel(s))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestLabelsAreQuoted(t *testing.T) {
	m := render.NewModel(pySpec(t))
	m.Labels = []render.Label{
		{Key: "org.opencontainers.image.title", Value: `say "hi" $HOME \o/`},
		{Key: "org.opencontainers.image.vendor", Value: "Acme"},
	}
	files, err := render.Set{builtin()}.Render(m)
	if err != nil {
		t.Fatal(err)
	}
	want := "LABEL org.opencontainers.image.title=\"say \\\"hi\\\" \\$HOME \\\\o/\" \\\n      org.opencontainers.image.vendor=\"Acme\"\n"
	if !strings.Contains(string(files[0].Data), want) {
		t.Errorf("want\n%s\nin\n%s", want, files[0].Data)
	}
	lintClean(t, files[0].Data)
	m.Labels = []render.Label{{Key: "x", Value: "a\nRUN id"}}
	if _, err := (render.Set{builtin()}).Render(m); err == nil || !strings.Contains(err.Error(), "control character") {
		t.Errorf("a line break in a label value: err = %v", err)
	}
}

func pySpec(t *testing.T) spec.Spec {
	t.Helper()
	s, _, err := spec.Build(render.Matrix(catalog.Default(), today)[0].Facts, spec.Answers{Language: "python", Framework: "flask"}, catalog.Default(), today)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func lintClean(t *testing.T, df []byte) {
	t.Helper()
	findings, err := lint.Dockerfile(context.Background(), "Dockerfile", df)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Errorf("%s\n%s", f.Format("Dockerfile"), df)
	}
}

// TestCopyArgsAndShellWord: a path with a space stays one path, in COPY's
// JSON form and as one quoted shell word; nothing can end either early.
func TestCopyArgsAndShellWord(t *testing.T) {
	for _, tc := range []struct {
		sources []string
		dest    string
		want    string
	}{
		{[]string{"package.json", "package-lock.json"}, "./", "package.json package-lock.json ./"},
		{[]string{"My App.csproj", "NuGet.config"}, "./", `["My App.csproj", "NuGet.config", "./"]`},
		{[]string{"src/My App/My App.csproj"}, "src/My App/", `["src/My App/My App.csproj", "src/My App/"]`},
	} {
		if got, err := render.CopyArgs(tc.sources, tc.dest); err != nil || got != tc.want {
			t.Errorf("CopyArgs(%q, %q) = %q, %v; want %q", tc.sources, tc.dest, got, err, tc.want)
		}
	}
	for in, want := range map[string]string{
		"src/Api/Api.csproj": "src/Api/Api.csproj",
		"My App.csproj":      "'My App.csproj'",
		"a;rm -rf /":         "'a;rm -rf /'",
		"$(id)":              "'$(id)'",
	} {
		if got, err := render.ShellWord(in); err != nil || got != want {
			t.Errorf("ShellWord(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"it's", "a\nRUN id"} {
		if got, err := render.ShellWord(bad); err == nil {
			t.Errorf("ShellWord(%q) = %q, want an error", bad, got)
		}
	}
}
