package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/Masterminds/semver/v3"
)

// Resolution is the release line chosen for a version requirement.
type Resolution struct {
	// Line is the release line to use, e.g. "3.12".
	Line string
	// Rule says which rule picked it, for `detect` to explain itself.
	Rule string
	// Warnings are one-line notes for stderr: an end-of-life pin, a line
	// the catalog does not know, a range nothing satisfies.
	Warnings []string
}

// nodeCodenames maps Node.js LTS codenames (as in .nvmrc "lts/jod") to lines.
var nodeCodenames = map[string]string{
	"hydrogen": "18", "iron": "20", "jod": "22", "krypton": "24",
}

// Resolve turns a requirement as written in a repository into a release
// line. A pinned requirement (".python-version: 3.12.4") keeps its line even
// when it is end-of-life, with a warning; a range or floor ("requires-python
// >=3.11", "engines.node ^22", go.mod's go line) resolves to the newest
// supported line that satisfies it. An empty requirement means the default.
func (s *Stack) Resolve(raw string, pinned bool, now time.Time) (Resolution, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return Resolution{Line: s.Default, Rule: "default line"}, nil
	}
	if pinned {
		return s.resolvePin(raw, now)
	}
	return s.resolveRange(raw, now)
}

func (s *Stack) resolvePin(raw string, now time.Time) (Resolution, error) {
	v := strings.ToLower(raw)
	if s.Language == "node" {
		switch {
		case v == "node" || v == "latest" || v == "current" || v == "stable":
			return Resolution{Line: s.newestLine(), Rule: fmt.Sprintf("%q: newest line", raw)}, nil
		case v == "lts/*" || v == "lts" || v == "lts/latest":
			for _, l := range s.Supported(now) {
				if l.LTS && !l.Refreshed {
					return Resolution{Line: l.Version, Rule: fmt.Sprintf("%q: newest LTS line", raw)}, nil
				}
			}
		case strings.HasPrefix(v, "lts/"):
			if line, ok := nodeCodenames[strings.TrimPrefix(v, "lts/")]; ok {
				return s.pinned(line, fmt.Sprintf("%q: LTS codename", raw), now), nil
			}
			return Resolution{}, fmt.Errorf("unknown Node.js LTS codename %q", raw)
		}
	}
	line, err := s.LineOf(raw)
	if err != nil {
		return Resolution{}, err
	}
	return s.pinned(line, fmt.Sprintf("%q pins the %s line", raw, line), now), nil
}

func (s *Stack) pinned(line, rule string, now time.Time) Resolution {
	r := Resolution{Line: line, Rule: rule}
	l, known := s.Line(line)
	switch {
	case !known:
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s %s is not in dockgen's catalog; %s:%s may not exist (newest supported line: %s)",
			s.Language, line, s.Image, line, s.newestSupported(now)))
	case l.Retired || !l.EOL.IsZero() && !now.Before(l.EOL):
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s %s reached end of life on %s and gets no security fixes; consider %s (newest supported line)",
			s.Language, line, l.EOL.Format("2006-01-02"), s.newestSupported(now)))
	}
	return r
}

// newestSupported is the line to suggest instead of an end-of-life one:
// the newest supported line of the embedded data (a refreshed line has no
// support dates yet, so it is never suggested).
func (s *Stack) newestSupported(now time.Time) string {
	for _, l := range s.Supported(now) {
		if !l.Refreshed {
			return l.Version
		}
	}
	return s.Default
}

var pep440Compatible = regexp.MustCompile(`~=\s*([0-9]+(?:\.[0-9]+)*)`)

// constraintFor rewrites the range dialects people keep (PEP 440 in
// requires-python, npm ranges in engines, Poetry carets, a bare floor from
// go.mod's go line) into a semver constraint.
func (s *Stack) constraintFor(raw string) (*semver.Constraints, error) {
	c := raw
	if s.Language == "go" && strings.Trim(c, "0123456789.") == "" {
		c = ">=" + c
	}
	// PEP 440 "~=3.10" is ">=3.10, ==3.*"; "~=3.10.2" is ">=3.10.2, ==3.10.*".
	c = pep440Compatible.ReplaceAllStringFunc(c, func(m string) string {
		v := strings.TrimSpace(strings.TrimPrefix(m, "~="))
		parts := strings.Split(v, ".")
		if len(parts) < 2 {
			return ">=" + v
		}
		return ">=" + v + ", " + strings.Join(parts[:len(parts)-1], ".") + ".x"
	})
	switch s.Language {
	case "ruby", "elixir", "php":
		c = pessimisticRange(s.Language, c)
	}
	c = strings.ReplaceAll(c, "===", "=")
	c = strings.ReplaceAll(c, "==", "=")
	c = strings.ReplaceAll(c, ".*", ".x")
	return semver.NewConstraint(c)
}

var (
	// pessimistic is RubyGems' and Mix's "~> 3.3" and Composer's "~8.2".
	pessimistic = regexp.MustCompile(`~>?\s*([0-9]+)\.([0-9]+)(\.[0-9]+)?`)
	composerOr  = regexp.MustCompile(`\s*\|\|?\s*`)
)

// pessimisticRange rewrites the ranges of RubyGems (Gemfile `ruby`), Mix
// (mix.exs `elixir:`) and Composer (`require.php`) into semver's: "~> 3.3"
// and Composer's "~8.2" admit every later minor of the major (semver's "~"
// would stop at 3.3.x), "~> 1.17.2" every later patch of 1.17; Mix's
// "and"/"or" and Composer's "|" are semver's "," and "||".
func pessimisticRange(language, c string) string {
	c = pessimistic.ReplaceAllStringFunc(c, func(m string) string {
		p := pessimistic.FindStringSubmatch(m)
		major, _ := strconv.Atoi(p[1])
		minor, _ := strconv.Atoi(p[2])
		if p[3] != "" {
			return fmt.Sprintf(">=%s.%s%s, <%d.%d", p[1], p[2], p[3], major, minor+1)
		}
		return fmt.Sprintf(">=%s.%s, <%d", p[1], p[2], major+1)
	})
	switch language {
	case "elixir":
		c = strings.ReplaceAll(c, " and ", ", ")
		c = strings.ReplaceAll(c, " or ", " || ")
	case "php":
		c = composerOr.ReplaceAllString(c, " || ")
	}
	return c
}

func (s *Stack) resolveRange(raw string, now time.Time) (Resolution, error) {
	c, err := s.constraintFor(raw)
	if err != nil {
		return Resolution{}, fmt.Errorf("version range %q: %w", raw, err)
	}
	// A line satisfies the range when its first or its last possible
	// release does: "<3.12.5" admits 3.12, ">=3.11.4" admits 3.11.
	satisfies := func(line string) bool {
		lo, hi := line+".0", line+".999"
		switch {
		case s.Language == "node":
			lo, hi = line+".0.0", line+".999.999"
		case strings.Count(line, ".") == 2:
			// An exact release (Bun's and Deno's lines): ">=1.4" admits 1.4.0.
			lo, hi = line, line
		}
		for _, probe := range []string{lo, hi} {
			if v, err := semver.NewVersion(probe); err == nil && c.Check(v) {
				return true
			}
		}
		return false
	}
	// Refreshed lines are left out: a range resolves the same with or
	// without a tag cache, so the output does not depend on the machine.
	for _, l := range s.Supported(now) {
		if !l.Retired && !l.Refreshed && satisfies(l.Version) {
			return Resolution{Line: l.Version, Rule: fmt.Sprintf("%q: newest supported line that satisfies it", raw)}, nil
		}
	}
	for _, l := range s.Lines {
		if !l.Refreshed && satisfies(l.Version) {
			r := s.pinned(l.Version, fmt.Sprintf("%q: no supported line satisfies it; newest line that does", raw), now)
			return r, nil
		}
	}
	return Resolution{Line: s.Default, Rule: "default line",
		Warnings: []string{fmt.Sprintf("no %s line in the catalog satisfies %q; using %s", s.Language, raw, s.Default)}}, nil
}

// newestLine is the newest line of the embedded data.
func (s *Stack) newestLine() string {
	for _, l := range s.Lines {
		if !l.Refreshed {
			return l.Version
		}
	}
	return s.Default
}
