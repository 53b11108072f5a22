package lint

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Rule is one of dockgen's own checks, run next to BuildKit's. Rules are
// data: `dockgen lint` and the README document them from this table.
type Rule struct {
	// Name is what a finding is reported under, e.g. "FloatingTag".
	Name string
	// Description says in one line what the rule wants.
	Description string
}

// dockgen's rules.
var (
	NonOfficialBase = Rule{"NonOfficialBase",
		"A base image outside Docker Hub's library/ namespace is not a Docker Official Image: name it on purpose (vendor images such as .NET's) or use an official one."}
	FloatingTag = Rule{"FloatingTag",
		"A base image tag must pin the release line and the OS (python:3.14-slim-trixie): no tag, latest, or a floating alias (python:3, node:lts, node:24-slim) changes under you."}
	EndOfLifeBase = Rule{"EndOfLifeBase",
		"A base image whose runtime line or OS release is past its end of life gets no security fixes."}
	RootUser = Rule{"RootUser",
		"The final stage must switch to a non-root USER: the official images run as root by default, even those with a built-in user such as node."}
	MissingDockerignore = Rule{"MissingDockerignore",
		"A .dockerignore beside the Dockerfile keeps .git, secrets and build output out of the build context."}
)

// Rules lists dockgen's rules in the order they are documented.
var Rules = []Rule{NonOfficialBase, FloatingTag, EndOfLifeBase, RootUser, MissingDockerignore}

func (r Rule) at(line int, format string, args ...any) Finding {
	return Finding{Rule: r.Name, Line: line, Message: fmt.Sprintf(format, args...)}
}

// Options are what dockgen's rules need from outside the Dockerfile.
type Options struct {
	// Catalog knows the runtime lines, OS releases and their EOL dates;
	// nil means the embedded one.
	Catalog *catalog.Catalog
	// Now is the date EOL is judged at.
	Now time.Time
	// Dockerignore reports whether a .dockerignore applies to the
	// Dockerfile (beside it, or <name>.dockerignore).
	Dockerignore bool
}

// Own runs dockgen's rules (Rules) over the Dockerfile content dt. It reads
// FROM and USER through BuildKit's parser and instructions; a Dockerfile
// that does not parse has no findings here (BuildKit's checks report it).
// Findings are sorted by line; a finding about the file as a whole (a
// missing .dockerignore) has line 0.
func Own(dt []byte, opt Options) []Finding {
	if opt.Catalog == nil {
		opt.Catalog = catalog.Default()
	}
	var out []Finding
	if !opt.Dockerignore {
		out = append(out, MissingDockerignore.at(0, "no .dockerignore beside the Dockerfile: the whole directory, .git and secrets included, is sent as build context"))
	}
	ast, err := parser.Parse(bytes.NewReader(dt))
	if err != nil {
		return out
	}
	stages, metaArgs, err := instructions.Parse(ast.AST, nil)
	if err != nil || len(stages) == 0 {
		return out
	}
	lex := shell.NewLex(ast.EscapeToken)
	var global []string
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			if kv.Value != nil {
				global = append(global, kv.Key+"="+*kv.Value)
			}
		}
	}
	expand := func(word string, env []string) (string, bool) {
		if !strings.Contains(word, "$") {
			return word, true
		}
		res, err := lex.ProcessWordWithMatches(word, shell.EnvsFromSlice(env))
		if err != nil || len(res.Unmatched) > 0 {
			return "", false
		}
		return res.Result, true
	}

	names := map[string]int{} // stage name -> index
	users := make([]userAt, len(stages))
	for i, st := range stages {
		line := 0
		if len(st.Location) > 0 {
			line = st.Location[0].Start.Line
		}
		base, ok := expand(st.BaseName, global)
		parent, isStage := names[strings.ToLower(base)]
		switch {
		case !ok:
			// A base named by a build argument without a default: unknown.
		case isStage:
			users[i] = users[parent]
		case base == "scratch":
		default:
			out = append(out, checkBase(base, line, opt)...)
		}
		if !isStage {
			users[i] = userAt{line: line}
		}
		env := slices.Clone(global)
		for _, cmd := range st.Commands {
			switch c := cmd.(type) {
			case *instructions.ArgCommand:
				for _, kv := range c.Args {
					if kv.Value != nil {
						env = append(env, kv.Key+"="+*kv.Value)
					}
				}
			case *instructions.EnvCommand:
				for _, kv := range c.Env {
					env = append(env, kv.Key+"="+kv.Value)
				}
			case *instructions.UserCommand:
				u, ok := expand(c.User, env)
				users[i] = userAt{line: lineOf(c.Location()), user: u, set: true, unknown: !ok}
			}
		}
		if st.Name != "" {
			names[strings.ToLower(st.Name)] = i
		}
	}
	final := users[len(users)-1]
	switch {
	case final.unknown:
	case !final.set:
		out = append(out, RootUser.at(final.line, "the final stage sets no USER, so it runs as root; add USER with an unprivileged user"))
	case isRoot(final.user):
		out = append(out, RootUser.at(final.line, "USER %s runs the final stage as root; use an unprivileged user", final.user))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out
}

// userAt is the user a stage runs as, and where that was decided.
type userAt struct {
	line    int
	user    string
	set     bool // a USER instruction said so
	unknown bool // USER names a build argument without a value
}

func lineOf(r []parser.Range) int {
	if len(r) == 0 {
		return 0
	}
	return r[0].Start.Line
}

func isRoot(user string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(user), ":")
	return name == "root" || name == "0" || name == ""
}

// osCodenames are OS releases that pin an OS in a tag beyond the
// catalog's own list (Ubuntu's, as eclipse-temurin and swift use them).
var osCodenames = []string{"noble", "jammy", "focal", "resolute"}

var (
	alpineOS = regexp.MustCompile(`^alpine\d+\.\d+$`)
	// versionPrefix is the version at the start of a tag: "3.14.7" of
	// "3.14.7-slim-trixie".
	versionPrefix = regexp.MustCompile(`^v?[0-9]+(\.[0-9]+)*`)
)

// checkBase runs the rules about one FROM image reference.
func checkBase(ref string, line int, opt Options) []Finding {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return nil // BuildKit reports a malformed reference
	}
	if reference.Domain(named) != "docker.io" || !strings.HasPrefix(reference.Path(named), "library/") {
		return []Finding{NonOfficialBase.at(line, "%s is not a Docker Official Image (not in docker.io/library); say so in a comment if this vendor image is intended", ref)}
	}
	image := strings.TrimPrefix(reference.Path(named), "library/")
	tag := ""
	if t, ok := named.(reference.Tagged); ok {
		tag = t.Tag()
	}
	_, digested := named.(reference.Digested)
	var out []Finding
	if !digested {
		if why := floating(image, tag, opt.Catalog); why != "" {
			out = append(out, FloatingTag.at(line, "%s: %s", ref, why))
		}
	}
	out = append(out, endOfLife(ref, image, tag, line, opt)...)
	return out
}

// floating says why image:tag does not pin its release line and OS, or "".
func floating(image, tag string, cat *catalog.Catalog) string {
	switch tag {
	case "":
		return "no tag means latest, which moves to every new release; pin a line and OS such as " + example(image, cat)
	case "latest":
		return "latest moves to every new release; pin a line and OS such as " + example(image, cat)
	}
	version := versionPrefix.FindString(tag)
	rest := strings.Split(strings.TrimPrefix(strings.TrimPrefix(tag, version), "-"), "-")
	if s, ok := cat.StackOf(image); ok {
		if s.Produces(tag) {
			return "" // a tag the catalog names, OS implicit or not (elixir:1.20-otp-29)
		}
		line, err := s.LineOf(version)
		if version == "" || err != nil {
			return fmt.Sprintf("%q is a floating alias, not a release line; pin one such as %s", tag, example(image, cat))
		}
		if !slices.ContainsFunc(rest, func(t string) bool { return isOS(t, cat) }) {
			suggestion := example(image, cat) // a line the catalog lacks has no tag to suggest
			if _, known := s.Line(line); known {
				suggestion = s.Ref(line, s.Variants[0])
			}
			return fmt.Sprintf("%q does not name the OS, which differs between lines and changes with new releases; use e.g. %s", tag, suggestion)
		}
		return ""
	}
	for _, o := range cat.OSes() {
		if o.Image != image {
			continue
		}
		for _, t := range o.Tags {
			if tag == t || strings.HasPrefix(tag, t+".") || strings.HasPrefix(tag, t+"-") {
				return ""
			}
		}
	}
	if isOSImage(image, cat) {
		return fmt.Sprintf("%q is not a release: pin one such as %s", tag, example(image, cat))
	}
	// Another official image: a tag with no version nor OS release in it
	// is an alias (lts, stable, alpine, slim, mainline, ...).
	if !strings.ContainsAny(tag, "0123456789") && !slices.ContainsFunc(strings.Split(tag, "-"), func(t string) bool { return isOS(t, cat) }) {
		return fmt.Sprintf("%q is a floating alias; pin a version and OS", tag)
	}
	return ""
}

func isOS(token string, cat *catalog.Catalog) bool {
	if _, ok := cat.OSNamed(token); ok {
		return true
	}
	return alpineOS.MatchString(token) || slices.Contains(osCodenames, token)
}

func isOSImage(image string, cat *catalog.Catalog) bool {
	return slices.ContainsFunc(cat.OSes(), func(o catalog.OS) bool { return o.Image == image })
}

// example is a pinned reference for image, to suggest.
func example(image string, cat *catalog.Catalog) string {
	if s, ok := cat.StackOf(image); ok {
		v, _ := s.Variant("")
		return s.Ref(s.Default, v)
	}
	for _, r := range cat.Runtimes() {
		if strings.HasPrefix(r.Ref, image+":") {
			return r.Ref
		}
	}
	return image + ":<version>-<os>"
}

// endOfLife reports a runtime line or OS release past its end of life.
func endOfLife(ref, image, tag string, line int, opt Options) []Finding {
	var out []Finding
	cat := opt.Catalog
	version := versionPrefix.FindString(tag)
	if s, ok := cat.StackOf(image); ok && version != "" {
		if l, err := s.LineOf(version); err == nil {
			if cl, ok := s.Line(l); ok {
				if st, _ := cl.StatusAt(opt.Now); st == catalog.StatusEOL {
					out = append(out, EndOfLifeBase.at(line, "%s: %s %s reached end of life on %s; use a supported line such as %s",
						ref, s.Language, l, cl.EOL.Format("2006-01-02"), example(image, cat)))
				}
			} else if oldest := s.Lines[len(s.Lines)-1]; olderLine(l, oldest.Version) && !oldest.EOL.IsZero() {
				// Older than every line the catalog keeps: it ended before
				// the oldest of them did.
				out = append(out, EndOfLifeBase.at(line, "%s: %s %s is older than %s, which reached end of life on %s; use a supported line such as %s",
					ref, s.Language, l, oldest.Version, oldest.EOL.Format("2006-01-02"), example(image, cat)))
			}
		}
	}
	seen := map[string]bool{}
	report := func(o catalog.OS) {
		if seen[o.Name] {
			return
		}
		seen[o.Name] = true
		if st, _ := o.StatusAt(opt.Now); st == catalog.StatusEOL {
			out = append(out, EndOfLifeBase.at(line, "%s: %s %s reached end of life on %s", ref, o.Image, o.Name, o.EOL.Format("2006-01-02")))
		}
	}
	for _, t := range strings.Split(tag, "-") {
		if o, ok := cat.OSNamed(t); ok {
			report(o)
		}
	}
	for _, o := range cat.OSes() {
		if o.Image != image {
			continue
		}
		for _, t := range o.Tags {
			if tag == t || strings.HasPrefix(tag, t+".") || strings.HasPrefix(tag, t+"-") {
				report(o)
			}
		}
	}
	return out
}

// olderLine reports whether release line a ("1.19", "2.6") is older than b,
// comparing dot-separated numbers; false when either is not numeric.
func olderLine(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, err1 := strconv.Atoi(as[i])
		y, err2 := strconv.Atoi(bs[i])
		if err1 != nil || err2 != nil {
			return false
		}
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}
