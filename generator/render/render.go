// Package render turns a Spec into files (Dockerfile, .dockerignore) by
// executing text/templates with sprig's text functions. Templates get a
// typed Model, run with missingkey=error, and can reach neither the
// environment nor the filesystem.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"github.com/dockgen/dockgen/generator/spec"
)

// File is one rendered file, named relative to the repository root.
type File struct {
	Name string
	Data []byte
}

// Model is what templates see. It is the Spec (every answer, validated:
// see spec.Spec for each field) plus values derived from it and from the
// team configuration. Templates reach nothing else: no environment, no
// files, and a missing key is an error.
type Model struct {
	spec.Spec
	// Alpine is true when the variant runs on Alpine (musl, BusyBox tools).
	Alpine bool
	// CGO is true when a Go binary links against the C library.
	CGO bool
	// YarnBerry is true for Yarn 2+ (Corepack, .yarnrc.yml).
	YarnBerry bool
	// NpmLock is true when npm has a lockfile, so `npm ci` can be used.
	NpmLock bool
	// Labels are the image labels from the team configuration, sorted by
	// key; the "labels" block renders them as one LABEL instruction.
	Labels []Label
}

// Label is one image label (an OCI annotation such as
// org.opencontainers.image.vendor). Keys are validated by the config;
// values are quoted with quoteValue when rendered.
type Label struct {
	Key   string
	Value string
}

// HasManifest reports whether name is among the manifests to copy.
func (m Model) HasManifest(name string) bool { return slices.Contains(m.Manifests, name) }

// CopyGroup is one COPY instruction of files that keep their paths: the
// sources, all in one folder, and that folder as the destination ("./" for
// the root, "requirements/" for requirements/base.txt).
type CopyGroup struct {
	Sources []string
	Dest    string
}

// CopyGroups groups paths by folder, so each file lands at its own path in
// the image: the root's files in one COPY to ./, then each folder's in one
// COPY to that folder, in first-seen order. It is the one helper every stack
// copies manifests with (the shared "copy-paths" and "copy-manifests"
// blocks): a flat COPY of requirements/base.txt to ./ would break the
// `-r requirements/base.txt` that names it.
func CopyGroups(paths []string) []CopyGroup {
	var groups []CopyGroup
	index := map[string]int{}
	for _, p := range paths {
		dest := "./"
		if d := path.Dir(p); d != "." {
			dest = d + "/"
		}
		i, ok := index[dest]
		if !ok {
			i = len(groups)
			index[dest] = i
			groups = append(groups, CopyGroup{Dest: dest})
		}
		groups[i].Sources = append(groups[i].Sources, p)
	}
	// The root first: it holds the main manifest.
	slices.SortStableFunc(groups, func(a, b CopyGroup) int {
		switch {
		case a.Dest == b.Dest:
			return 0
		case a.Dest == "./":
			return -1
		case b.Dest == "./":
			return 1
		}
		return 0
	})
	return groups
}

// ToolSpec is the package to install for a tool: "pnpm@9.12.0" (npm) or
// "poetry==2.1.0" (pip) when the project names a version, else the tool's
// current release line.
func (m Model) ToolSpec(tool string) string {
	v := m.PackageManagerVersion
	if m.Language == "node" || m.Language == "static" {
		if v != "" {
			return tool + "@" + v
		}
		if tool == "yarn" {
			return "yarn@1"
		}
		return tool
	}
	if v != "" && m.PackageManager == tool {
		return tool + "==" + v
	}
	return tool
}

// NewModel derives the template model from a Spec.
func NewModel(s spec.Spec) Model {
	m := Model{Spec: s}
	m.Alpine = s.Variant == "alpine"
	m.CGO = s.Language == "go" && s.Variant == "debian"
	if s.PackageManager == "yarn" {
		m.YarnBerry = slices.Contains(s.Manifests, ".yarnrc.yml") ||
			(s.PackageManagerVersion != "" && !strings.HasPrefix(s.PackageManagerVersion, "1."))
	}
	m.NpmLock = slices.Contains(s.Manifests, "package-lock.json") || slices.Contains(s.Manifests, "npm-shrinkwrap.json")
	return m
}

// Funcs returns the template functions: sprig's text functions without
// env and expandenv, plus dockgen's escapers.
func Funcs() template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["execForm"] = ExecForm
	f["quoteValue"] = QuoteValue
	f["copyGroups"] = CopyGroups
	f["copyArgs"] = CopyArgs
	f["shellWord"] = ShellWord
	return f
}

// CopyArgs renders a COPY's sources and destination: plain words, or the
// JSON form when a path holds a space ("My App.csproj"), which the plain
// form would split.
func CopyArgs(sources []string, dest string) (string, error) {
	all := append(slices.Clone(sources), dest)
	if !slices.ContainsFunc(all, func(p string) bool { return strings.ContainsAny(p, " \t") }) {
		return strings.Join(all, " "), nil
	}
	return ExecForm(all)
}

// ShellWord renders s as one word of a RUN shell command: as it is when it
// holds only safe characters, else in single quotes. A single quote or a
// control character is an error: no value can end the word early.
func ShellWord(s string) (string, error) {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f || r == '\'' }) >= 0 {
		return "", fmt.Errorf("value %q cannot be one shell word", s)
	}
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-/:=@+,", r))
	}) {
		return s, nil
	}
	return "'" + s + "'", nil
}

// QuoteValue renders s as a double-quoted Dockerfile word, for LABEL and
// ENV values: backslash, double quote and dollar are escaped, so the value
// is taken literally (no variable expansion, no early end). A control
// character such as a line break is an error, never a new instruction.
func QuoteValue(s string) (string, error) {
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }); i >= 0 {
		return "", fmt.Errorf("value %q contains a control character such as a line break", s)
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `$`, `\$`)
	return `"` + r.Replace(s) + `"`, nil
}

// ExecForm renders an exec-form argument list as a JSON array,
// `["gunicorn", "app:app"]`. JSON escaping means no quote, backslash or line
// break in an argument can end the instruction early.
func ExecForm(args []string) (string, error) {
	var b strings.Builder
	b.WriteByte('[')
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		// Not HTML-escaped: "=>" stays "=>", not "=\u003e", in the
		// Dockerfile and compose.yaml people read.
		var q bytes.Buffer
		enc := json.NewEncoder(&q)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a); err != nil {
			return "", err
		}
		b.Write(bytes.TrimSuffix(q.Bytes(), []byte("\n")))
	}
	b.WriteByte(']')
	return b.String(), nil
}

// outputs lists the files each language renders, with their template.
// An optional file is rendered only for a language that has its template
// (the static stack's nginx.conf), under the name the model gives it: ""
// when the repository's own file is used instead.
var outputs = []struct {
	name     func(Model) string
	tmpl     string
	optional bool
}{
	{func(Model) string { return "Dockerfile" }, "Dockerfile.tmpl", false},
	{func(Model) string { return ".dockerignore" }, "dockerignore.tmpl", false},
	{func(m Model) string { return m.NginxFile }, "nginx.conf.tmpl", true},
}

// EntrypointPath is where the Dockerfile puts the repository's entrypoint
// script: beside the image's own tools, under a name that shadows none of
// them (the node image has its own docker-entrypoint.sh).
func (m Model) EntrypointPath() string {
	if m.Entrypoint == "" {
		return ""
	}
	return "/usr/local/bin/app-" + path.Base(m.Entrypoint)
}

// EntrypointExec is the ENTRYPOINT of the repository's script, in exec
// form (render it with execForm).
func (m Model) EntrypointExec() []string { return []string{m.EntrypointPath()} }

// Render executes the language's templates from tfs (laid out as
// templates/: shared/*.tmpl plus LANGUAGE/*.tmpl) for s. It is the
// built-in layer alone; Set.Render stacks team layers over it.
func Render(tfs fs.FS, s spec.Spec) ([]File, error) {
	return Set{{Name: BuiltinLayer, FS: tfs}}.Render(NewModel(s))
}

// tidy trims trailing spaces and collapses runs of blank lines, so
// template conditionals never leave ragged output; it ends with one newline.
func tidy(b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	var out []string
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return []byte(strings.Join(out, "\n") + "\n")
}
