package detect

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// versionFiles are the version-manager files read for every stack, in
// precedence order: the first that names a tool of the chosen language
// wins. mise reads .tool-versions as its lowest-priority local file, so
// mise.toml (and its hidden twin .mise.toml) come first. A version from
// any of them pins, and beats the stack's own version files.
var versionFiles = []string{"mise.toml", ".mise.toml", ".tool-versions"}

// runtimeTool maps one asdf/mise tool name to the language whose runtime
// line it sets. A new stack plugs in with one row; the language may be
// listed before its stack lands (the row is then inert).
type runtimeTool struct {
	// Tool is the asdf plugin / mise tool name.
	Tool string
	// Language is the Facts.Language it pins.
	Language string
	// EvidenceOnly marks a tool that is recorded as evidence but does not
	// set the runtime line (erlang beside elixir: the image's OTP).
	EvidenceOnly bool
	// Normalize turns the tool's version string into what the stack's
	// resolver reads; "" skips it (e.g. "system"). nil keeps it as is.
	Normalize func(string) string
}

// runtimeTools is the tool-name table, in a fixed order.
var runtimeTools = []runtimeTool{
	{Tool: "python", Language: "python"},
	{Tool: "nodejs", Language: "node"},
	{Tool: "node", Language: "node"},
	{Tool: "golang", Language: "go"},
	{Tool: "go", Language: "go"},
	{Tool: "ruby", Language: "ruby"},
	{Tool: "rust", Language: "rust"},
	{Tool: "java", Language: "java", Normalize: javaMajor},
	{Tool: "php", Language: "php"},
	{Tool: "elixir", Language: "elixir", Normalize: elixirVersion},
	{Tool: "erlang", Language: "elixir", EvidenceOnly: true},
	{Tool: "dotnet", Language: "dotnet"},
	{Tool: "dotnet-core", Language: "dotnet"},
	{Tool: "bun", Language: "bun"},
	{Tool: "deno", Language: "deno"},
}

// toolFor returns the table row of a tool name.
func toolFor(name string) (runtimeTool, bool) {
	for _, t := range runtimeTools {
		if t.Tool == name {
			return t, true
		}
	}
	return runtimeTool{}, false
}

// javaVersion finds the feature release in asdf/mise Java names:
// "temurin-21.0.2+13.0.LTS", "openjdk-21", "corretto-17.0.9.8.1",
// "zulu-8.78.0.19", "21", "1.8".
var javaVersion = regexp.MustCompile(`(?:^|-)(1\.)?([0-9]+)(?:[.+_-]|$)`)

// javaMajor maps a Java version name to its major line ("21"), "" when
// none is found.
func javaMajor(v string) string {
	m := javaVersion.FindStringSubmatch(v)
	if m == nil {
		return ""
	}
	return m[2]
}

// elixirVersion drops the OTP suffix of "1.17.2-otp-27".
func elixirVersion(v string) string {
	v, _, _ = strings.Cut(v, "-otp-")
	return v
}

// toolPin is one tool's version as a version file names it.
type toolPin struct {
	tool, raw, file, reason string
}

// readToolVersions parses .tool-versions: "tool version [fallback...]"
// per line, # comments; the first version is the one asdf uses.
func readToolVersions(data []byte, file string) []toolPin {
	var out []toolPin
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		out = append(out, toolPin{tool: fields[0], raw: fields[1], file: file,
			reason: fmt.Sprintf("%s %s", fields[0], fields[1])})
	}
	return out
}

// miseFile is the part of mise.toml detection reads.
type miseFile struct {
	Tools map[string]any `toml:"tools"`
}

// readMise parses mise.toml's [tools]: a value is a version string, an
// array of them (the first is used) or a table with a version key.
func readMise(data []byte, file string) ([]toolPin, error) {
	var mf miseFile
	if err := toml.Unmarshal(data, &mf); err != nil {
		return nil, err
	}
	var out []toolPin
	for _, tool := range sortedKeys(mf.Tools) {
		raw := miseVersion(mf.Tools[tool])
		if raw == "" {
			continue
		}
		out = append(out, toolPin{tool: tool, raw: raw, file: file,
			reason: fmt.Sprintf("[tools] %s = %s", tool, quote(raw))})
	}
	return out, nil
}

// miseVersion reads one [tools] value; "" when it has no version string.
func miseVersion(v any) string {
	switch x := v.(type) {
	case string:
		// "prefix:3.12" means the newest 3.12.x: the line is what counts.
		return strings.TrimSpace(strings.TrimPrefix(x, "prefix:"))
	case []any:
		if len(x) > 0 {
			return miseVersion(x[0])
		}
	case map[string]any:
		return miseVersion(x["version"])
	}
	return ""
}

// toolPins reads every version file, in versionFiles order. Malformed
// files are warnings naming the file.
func toolPins(fsys fs.FS, r *recorder) []toolPin {
	var out []toolPin
	for _, f := range versionFiles {
		data, ok, w := readManifest(fsys, f)
		if w != "" {
			r.warn("%s", w)
		}
		if !ok {
			continue
		}
		if f == ".tool-versions" {
			out = append(out, readToolVersions(data, f)...)
			continue
		}
		pins, err := readMise(data, f)
		if err != nil {
			r.warn("%s: invalid TOML: %s", f, strings.TrimPrefix(oneLine(err.Error()), "toml: "))
			continue
		}
		out = append(out, pins...)
	}
	return out
}

// versionManagerRule explains a version that a version manager's file set.
const versionManagerRule = "mise.toml, .mise.toml and .tool-versions pin the runtime before the stack's own files"

// applyVersionFiles lets mise.toml / .tool-versions pin f's runtime line.
// The first pin of f's language (versionFiles order) becomes f.Version;
// the version the stack's own files gave, and any later pin, become
// candidates of that evidence entry. Evidence-only tools (erlang for
// elixir) are listed as candidates too.
func applyVersionFiles(fsys fs.FS, f *Facts) {
	if f.Language == "" {
		return
	}
	r := &recorder{}
	pins := toolPins(fsys, r)
	f.Warnings = append(f.Warnings, r.f.Warnings...)
	var win *Evidence
	var also []Candidate
	for _, p := range pins {
		t, ok := toolFor(p.tool)
		if !ok || t.Language != f.Language {
			continue
		}
		raw := p.raw
		if t.Normalize != nil {
			raw = t.Normalize(raw)
		}
		if raw == "" || raw == "system" || t.EvidenceOnly || win != nil {
			also = append(also, Candidate{Value: p.raw, File: p.file, Reason: p.reason + candidateNote(t, raw, win != nil)})
			continue
		}
		reason := p.reason + " pins it"
		if raw != p.raw {
			reason = fmt.Sprintf("%s pins %s", p.reason, quote(raw))
		}
		win = &Evidence{Field: "version", File: p.file, Reason: reason, Rule: versionManagerRule}
		f.Version = VersionReq{Raw: raw, Pinned: true, Source: p.file}
	}
	if win == nil {
		if len(also) > 0 {
			// Nothing pinned, but what was seen still explains the choice.
			for i := range f.Evidence {
				if f.Evidence[i].Field == "version" {
					f.Evidence[i].Candidates = append(f.Evidence[i].Candidates, also...)
					return
				}
			}
		}
		return
	}
	// The stack's own version evidence becomes a candidate of the winner.
	var kept []Evidence
	var own []Candidate
	for _, e := range f.Evidence {
		if e.Field == "version" {
			own = append(own, Candidate{File: e.File, Reason: e.Reason})
			own = append(own, e.Candidates...)
			continue
		}
		kept = append(kept, e)
	}
	win.Candidates = append(also, own...)
	f.Evidence = append(kept, *win)
}

// candidateNote says why a seen version did not win.
func candidateNote(t runtimeTool, raw string, later bool) string {
	switch {
	case t.EvidenceOnly:
		return fmt.Sprintf(" (%s: evidence only, not a %s runtime line)", t.Tool, t.Language)
	case raw == "" || raw == "system":
		return " (not a version: skipped)"
	case later:
		return " (an earlier version file wins)"
	}
	return ""
}
