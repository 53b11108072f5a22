// Package catalog knows the Docker Official Images dockgen builds on: for
// each stack the image, its release lines with their end-of-life dates, and
// the Linux variants with an explicit OS in the tag.
//
// The data is an embedded file in dockgen's own format (catalog.yaml, its
// format documented at its top), written from the facts in shared/catalog
// (the official-images tag list and endoflife.date's release cycles); a test
// checks every tag it can produce, with its architectures, against the
// trimmed tag list in testdata. A tag list refreshed from Docker Hub can be
// laid over it (WithTags).
package catalog

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Line is one release line of a runtime, e.g. Python "3.14" or Node "26".
type Line struct {
	// Version is the line as it appears in image tags: "3.14", "26", "1.27".
	Version string
	// EOL is the end of upstream support; zero when no date is set yet.
	EOL time.Time
	// SecurityOnly is the end of active support: from this date on the line
	// gets security fixes only. Zero when unknown.
	SecurityOnly time.Time
	// LTS marks a long-term-support line (Node.js even releases).
	LTS bool
	// Retired marks an end-of-life line whose images the official-images
	// program no longer publishes: its tags may be gone.
	Retired bool
	// Architectures overrides, per variant name, the variant's
	// architectures on this line.
	Architectures map[string][]string
	// Suffixes overrides, per variant name, the variant's tag suffix on
	// this line: elixir's tags name the OTP release, and older Elixir
	// lines are built on older OTPs ("otp-28" where the variant says
	// "otp-29").
	Suffixes map[string]string
	// Runtimes overrides, per variant name, the variant's fixed
	// final-stage image on this line: an Elixir line whose OTP image is
	// bookworm runs its release on debian:bookworm-slim.
	Runtimes map[string]string
	// Refreshed marks a line known only from a refreshed tag list: newer
	// than the embedded data, so it has no dates and is never a default.
	Refreshed bool
	// BuildPM overrides the variants' BuildPM on this line, for a tool
	// whose image skips the line (gradle 9 has no jdk8 or jdk11 image).
	BuildPM map[string]string
}

// Variant is one flavour of an image: the tag suffix and what it runs on.
type Variant struct {
	// Name is what users pass to --variant: "slim", "alpine", "full",
	// and for Go's runtime stage "scratch", "debian".
	Name string
	// Suffix is the tag after the version, with the OS pinned:
	// "slim-trixie", "alpine3.24", "trixie-slim".
	Suffix string
	// OS is the OS release in the tag: "trixie", "alpine3.24".
	OS string
	// Architectures are the bashbrew architectures the tag is published
	// for ("amd64", "arm64v8", ...), unless a Line overrides them.
	Architectures []string
	// Runtime is a fixed final-stage image ("scratch", "alpine:3.24"), or
	// "" when the final stage runs on the stack's own image.
	Runtime string
	// Build, when set, is the build stage's image as a template in which
	// "{version}" stands for the line: "maven:3.9-eclipse-temurin-{version}-noble".
	// "" means the stack's own image and tag.
	Build string
	// BuildPM overrides Build per package manager (Gradle builds in the
	// gradle image, Maven in maven).
	BuildPM map[string]string
	// Final, when set, is the final stage's image as a template:
	// "eclipse-temurin:{version}-jre-noble". "" means Runtime, else the
	// stack's own image and tag.
	Final string
	// Doc is a one-line description shown by prompts and `images`.
	Doc string
}

// Stack is one language's entry: an official image and its lines.
type Stack struct {
	// Language is dockgen's language name: "python", "node", "go".
	Language string
	// Image is the library/ image name: "python", "node", "golang".
	Image string
	// Lines are the release lines, newest first.
	Lines []Line
	// Default is the line used when nothing says otherwise.
	Default string
	// Variants are the supported variants; the first is the default.
	Variants []Variant
	// Product is the endoflife.date product the EOL dates come from.
	Product string
	// User is the image's built-in non-root user ("node"), "" when it has
	// none. The official images still run as root unless told otherwise.
	User string
	// LineParts is how many parts of a version name its line: 1 for
	// Node.js and Java ("26", "21"), 2 when 0 (Python, Go: "3.14").
	LineParts int
	// Vendor marks a stack with no Docker Official Image: its images come
	// from the vendor's registry (.NET, Bun, Deno) and dockgen says so.
	Vendor bool
}

// Runtime is a fixed final-stage image such as alpine:3.24 or scratch.
type Runtime struct {
	// Ref is the image reference as written in FROM.
	Ref string
	// OS is the OS release, "" for scratch.
	OS string
	// Architectures are the bashbrew architectures it is published for;
	// empty for scratch, which has no content and so runs anywhere.
	Architectures []string
}

// OS is an OS release that appears in image tags (trixie, alpine3.24).
type OS struct {
	// Name is the token in tags: "trixie", "alpine3.24".
	Name string
	// Image is the official image of the OS itself: "debian", "alpine".
	Image string
	// Tags are that image's tag prefixes for the release: "13", "trixie".
	Tags []string
	// EOL is the end of all support (for Debian, the end of Debian LTS).
	EOL time.Time
	// SecurityOnly is the end of regular support; zero when unknown.
	SecurityOnly time.Time
}

// Catalog is the set of stacks dockgen can render. It holds no mutable
// state and is safe to share.
type Catalog struct {
	stacks   []Stack
	runtimes []Runtime
	oses     []OS
	// published holds refreshed tag lists: image -> tag -> architectures.
	published map[string]map[string][]string
}

// Default returns the embedded catalog. Functions that depend on the date
// take it as an argument, so callers inject their clock.
func Default() *Catalog {
	return embedded()
}

// Languages lists the languages the catalog knows, in display order.
func (c *Catalog) Languages() []string {
	out := make([]string, len(c.stacks))
	for i, s := range c.stacks {
		out[i] = s.Language
	}
	return out
}

// Stack returns the entry for language.
func (c *Catalog) Stack(language string) (*Stack, bool) {
	for i := range c.stacks {
		if c.stacks[i].Language == language {
			return &c.stacks[i], true
		}
	}
	return nil, false
}

// StackOf returns the entry whose image is image ("python", "golang").
func (c *Catalog) StackOf(image string) (*Stack, bool) {
	for i := range c.stacks {
		if c.stacks[i].Image == image {
			return &c.stacks[i], true
		}
	}
	return nil, false
}

// Runtimes lists the fixed final-stage images.
func (c *Catalog) Runtimes() []Runtime { return c.runtimes }

// Runtime returns the fixed final-stage image with this reference.
func (c *Catalog) Runtime(ref string) (Runtime, bool) {
	for _, r := range c.runtimes {
		if r.Ref == ref {
			return r, true
		}
	}
	return Runtime{}, false
}

// OSes lists the OS releases the catalog knows, newest first per family.
func (c *Catalog) OSes() []OS { return c.oses }

// OSNamed returns the OS release whose tag token is name ("bullseye").
func (c *Catalog) OSNamed(name string) (OS, bool) {
	for _, o := range c.oses {
		if o.Name == name {
			return o, true
		}
	}
	return OS{}, false
}

// Line returns the release line with exactly this version.
func (s *Stack) Line(version string) (Line, bool) {
	for _, l := range s.Lines {
		if l.Version == version {
			return l, true
		}
	}
	return Line{}, false
}

// Variant returns the named variant; "" means the default (first) one.
func (s *Stack) Variant(name string) (Variant, bool) {
	if name == "" {
		return s.Variants[0], true
	}
	for _, v := range s.Variants {
		if v.Name == name {
			return v, true
		}
	}
	return Variant{}, false
}

// VariantNames lists the variant names, default first.
func (s *Stack) VariantNames() []string {
	out := make([]string, len(s.Variants))
	for i, v := range s.Variants {
		out[i] = v.Name
	}
	return out
}

// Tag returns the explicit tag for a line and variant, e.g. "3.14-slim-trixie".
func (s *Stack) Tag(version string, v Variant) string {
	if l, ok := s.Line(version); ok && l.Suffixes[v.Name] != "" {
		return version + "-" + l.Suffixes[v.Name]
	}
	if prefix, ok := strings.CutSuffix(v.Suffix, "-"); ok {
		return prefix + "-" + version // a distribution-first tag: denoland/deno:debian-2.9.5
	}
	return version + "-" + v.Suffix
}

// Produces reports whether tag is one the catalog names for some line and
// variant of the stack: such a tag pins its release line and OS, even
// where the OS is implicit (elixir's "1.20-otp-29" is trixie).
func (s *Stack) Produces(tag string) bool {
	for _, l := range s.Lines {
		for _, v := range s.Variants {
			if s.Tag(l.Version, v) == tag {
				return true
			}
		}
	}
	return false
}

// Ref returns the full image reference "image:tag" for a line and variant:
// the build stage's image.
func (s *Stack) Ref(version string, v Variant) string {
	return s.Image + ":" + s.Tag(version, v)
}

// RuntimeRef returns the final stage's image for a line and variant: the
// variant's fixed runtime image, its Final template, or the stack's own
// image.
func (s *Stack) RuntimeRef(version string, v Variant) string {
	if l, ok := s.Line(version); ok && l.Runtimes[v.Name] != "" {
		return l.Runtimes[v.Name]
	}
	switch {
	case v.Runtime != "":
		return v.Runtime
	case v.Final != "":
		return expand(v.Final, version)
	}
	return s.Ref(version, v)
}

// BuildRef returns the build stage's image for a line, variant and
// package manager: the variant's BuildPM or Build template, or the
// stack's own image.
func (s *Stack) BuildRef(version string, v Variant, pm string) string {
	if l, ok := s.Line(version); ok && l.BuildPM[pm] != "" {
		return expand(l.BuildPM[pm], version)
	}
	if t, ok := v.BuildPM[pm]; ok {
		return expand(t, version)
	}
	if v.Build != "" {
		return expand(v.Build, version)
	}
	return s.Ref(version, v)
}

// BuildRefs lists every build image the variant of a line can use.
func (s *Stack) BuildRefs(version string, v Variant) []string {
	out := []string{s.BuildRef(version, v, "")}
	for _, pm := range slices.Sorted(maps.Keys(v.BuildPM)) {
		if ref := s.BuildRef(version, v, pm); !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}

func expand(template, version string) string {
	return strings.ReplaceAll(template, "{version}", version)
}

// Architectures lists the bashbrew architectures the line's tag of the
// variant is published for. A line known only from a refreshed tag list
// has only the variants that list names.
func (s *Stack) Architectures(version string, v Variant) []string {
	l, ok := s.Line(version)
	if ok {
		if a, ok := l.Architectures[v.Name]; ok {
			return a
		}
		if l.Refreshed {
			return nil
		}
	}
	return v.Architectures
}

// EOL reports whether the line has reached its end of life at now, and
// the date (zero when the line is unknown or has no date).
func (s *Stack) EOL(version string, now time.Time) (bool, time.Time) {
	l, ok := s.Line(version)
	if !ok || l.EOL.IsZero() {
		return false, time.Time{}
	}
	return !now.Before(l.EOL), l.EOL
}

// Supported lists the lines not past their end of life at now, newest first.
func (s *Stack) Supported(now time.Time) []Line {
	var out []Line
	for _, l := range s.Lines {
		if eol, _ := s.EOL(l.Version, now); !eol {
			out = append(out, l)
		}
	}
	return out
}

// LineOf maps a full version ("3.12.4", "v20.11.1", "1.22.0") to its
// release line in this stack's scheme: major.minor for Python and Go,
// major for Node.
func (s *Stack) LineOf(version string) (string, error) {
	v := strings.TrimPrefix(strings.TrimSpace(version), "v")
	v = strings.TrimPrefix(v, "go")
	if s.Language == "rust" && v == "1" {
		return v, nil // the floating stable line: rust:1-slim-trixie
	}
	if s.Language == "bun" || s.Language == "deno" {
		return s.releaseOf(version, v)
	}
	switch s.Language {
	case "java":
		// Java 8 and older are also written 1.8; Temurin tags say 8.
		if rest, ok := strings.CutPrefix(v, "1."); ok && rest != "" && rest[0] >= '1' && rest[0] <= '8' {
			v = rest
		}
	case "dotnet":
		// .NET lines are MAJOR.0 in tags; "10" means 10.0.
		if v != "" && strings.Trim(v, "0123456789") == "" {
			v += ".0"
		}
	}
	parts := strings.Split(v, ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", fmt.Errorf("%q is not a %s version", version, s.Language)
		}
	}
	n := s.LineParts
	if n == 0 {
		n = 2
	}
	if len(parts) < n {
		return "", fmt.Errorf("%q is not a %s version: want %s", version, s.Language, map[int]string{1: "MAJOR", 2: "MAJOR.MINOR"}[n])
	}
	return strings.Join(parts[:n], "."), nil
}

// Status is a line's support status at a date.
type Status string

// The statuses of a line.
const (
	// StatusSupported: active support (or no end date set yet).
	StatusSupported Status = "supported"
	// StatusSecurity: security fixes only, until the line's EOL.
	StatusSecurity Status = "security"
	// StatusEOL: past its end of life.
	StatusEOL Status = "eol"
)

// StatusAt reports the line's support status at now, and a phrase for
// humans: "supported", "security fixes only until 2029-10-31", "end of life
// since 2025-10-31".
func (l Line) StatusAt(now time.Time) (Status, string) {
	switch {
	case !l.EOL.IsZero() && !now.Before(l.EOL), l.Retired && l.EOL.IsZero():
		if l.EOL.IsZero() {
			return StatusEOL, "end of life"
		}
		return StatusEOL, "end of life since " + l.EOL.Format(dateLayout)
	case !l.SecurityOnly.IsZero() && !now.Before(l.SecurityOnly):
		if l.EOL.IsZero() {
			return StatusSecurity, "security fixes only"
		}
		return StatusSecurity, "security fixes only until " + l.EOL.Format(dateLayout)
	}
	return StatusSupported, "supported"
}

// StatusAt reports the OS release's support status at now, as Line.StatusAt.
func (o OS) StatusAt(now time.Time) (Status, string) {
	return Line{EOL: o.EOL, SecurityOnly: o.SecurityOnly}.StatusAt(now)
}

const dateLayout = "2006-01-02"

// hasArch reports whether archs covers arch; an empty list (scratch)
// covers every architecture.
func hasArch(archs []string, arch string) bool {
	return len(archs) == 0 || slices.Contains(archs, arch)
}
