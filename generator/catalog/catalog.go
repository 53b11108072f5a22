// Package catalog knows the Docker Official Images dockgen builds on: for
// each stack the image, its release lines with their end-of-life dates, and
// the Linux variants with an explicit OS in the tag.
//
// The data is a typed table written from the facts in shared/catalog (the
// official-images tag list and endoflife.date's release cycles); a test
// checks every tag the table can produce against the trimmed tag list in
// testdata.
package catalog

import (
	"fmt"
	"strings"
	"time"
)

// Line is one release line of a runtime, e.g. Python "3.14" or Node "26".
type Line struct {
	// Version is the line as it appears in image tags: "3.14", "26", "1.27".
	Version string
	// EOL is the end of upstream support; zero when no date is set yet.
	EOL time.Time
	// LTS marks a long-term-support line (Node.js even releases).
	LTS bool
	// Retired marks an end-of-life line whose images the official-images
	// program no longer publishes: its tags may be gone.
	Retired bool
}

// Variant is one flavour of an image: the tag suffix and what it runs on.
type Variant struct {
	// Name is what users pass to --variant: "slim", "alpine", "full",
	// and for Go's runtime stage "scratch", "debian".
	Name string
	// Suffix is the tag after the version, with the OS pinned:
	// "slim-trixie", "alpine3.24", "trixie-slim".
	Suffix string
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
}

// Catalog is the set of stacks dockgen can render. It holds no mutable
// state and is safe to share.
type Catalog struct {
	stacks []Stack
}

// Default returns the embedded catalog. Functions that depend on the date
// take it as an argument, so callers inject their clock.
func Default() *Catalog {
	return &Catalog{stacks: builtin}
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
	return version + "-" + v.Suffix
}

// Ref returns the full image reference "image:tag" for a line and variant.
func (s *Stack) Ref(version string, v Variant) string {
	return s.Image + ":" + s.Tag(version, v)
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
	parts := strings.Split(v, ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", fmt.Errorf("%q is not a %s version", version, s.Language)
		}
	}
	n := 2
	if s.Language == "node" {
		n = 1
	}
	if len(parts) < n {
		return "", fmt.Errorf("%q is not a %s version: want %s", version, s.Language, map[int]string{1: "MAJOR", 2: "MAJOR.MINOR"}[n])
	}
	return strings.Join(parts[:n], "."), nil
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
