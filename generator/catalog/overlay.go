package catalog

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Tag is one published tag and the bashbrew architectures of its Linux
// images.
type Tag struct {
	Name          string   `json:"name"`
	Architectures []string `json:"architectures"`
}

// TagList is one image's published tags as fetched from Docker Hub. It is
// the format of the tag cache (tags-<image>.json).
type TagList struct {
	// Image is the library/ image name.
	Image string `json:"image"`
	// Source is the URL the list was fetched from.
	Source string `json:"source"`
	// Fetched is when it was fetched.
	Fetched time.Time `json:"fetched"`
	Tags    []Tag     `json:"tags"`
}

// ParseTagList reads a tag cache file.
func ParseTagList(data []byte) (TagList, error) {
	var l TagList
	if err := json.Unmarshal(data, &l); err != nil {
		return TagList{}, err
	}
	if l.Image == "" {
		return TagList{}, fmt.Errorf("no image name")
	}
	return l, nil
}

// Images lists the library/ images the catalog builds on: each stack's
// image, then the fixed runtime images (scratch is no image).
func (c *Catalog) Images() []string {
	var out []string
	for _, s := range c.stacks {
		if s.Vendor {
			continue // not in library/: the Hub's tag API for it differs
		}
		out = append(out, s.Image)
	}
	for _, r := range c.runtimes {
		if name, _, ok := strings.Cut(r.Ref, ":"); ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// Published reports whether image:tag is a tag the catalog knows to be
// published, and its architectures: a tag the catalog produces for a line
// that is not retired, a fixed runtime image, or a tag of a refreshed list.
func (c *Catalog) Published(image, tag string) ([]string, bool) {
	var archs []string
	found := false
	if s, ok := c.StackOf(image); ok {
		for _, l := range s.Lines {
			for _, v := range s.Variants {
				if !l.Retired && s.Tag(l.Version, v) == tag {
					if a := s.Architectures(l.Version, v); a != nil {
						archs, found = a, true
					}
				}
			}
		}
	}
	if r, ok := c.Runtime(image + ":" + tag); ok {
		archs, found = r.Architectures, true
	}
	if a, ok := c.published[image][tag]; ok {
		archs, found = union(archs, a), true
	}
	return archs, found
}

// WithTags returns a copy of the catalog with refreshed tag lists laid
// over it. The embedded data stays the default; the lists only add:
//   - a tag "<line>-<suffix>" of a stack's variant whose line the catalog
//     does not know adds that line, marked Refreshed (no support dates, so
//     never a default nor chosen for a version range);
//   - the architectures of a tag are added to those the catalog has;
//   - every tag becomes Published.
//
// Pre-release tags ("3.15-rc-slim-trixie") never add a line.
func (c *Catalog) WithTags(lists ...TagList) *Catalog {
	out := &Catalog{runtimes: c.runtimes, oses: c.oses, published: map[string]map[string][]string{}}
	for img, tags := range c.published {
		out.published[img] = maps.Clone(tags)
	}
	for _, s := range c.stacks {
		s.Lines = slices.Clone(s.Lines)
		for i := range s.Lines {
			s.Lines[i].Architectures = maps.Clone(s.Lines[i].Architectures)
		}
		out.stacks = append(out.stacks, s)
	}
	for _, list := range lists {
		if out.published[list.Image] == nil {
			out.published[list.Image] = map[string][]string{}
		}
		for _, t := range list.Tags {
			out.published[list.Image][t.Name] = union(out.published[list.Image][t.Name], t.Architectures)
		}
		s, ok := out.StackOf(list.Image)
		if !ok {
			continue
		}
		for _, t := range list.Tags {
			s.addTag(t)
		}
		slices.SortStableFunc(s.Lines, func(a, b Line) int { return compareVersions(b.Version, a.Version) })
	}
	return out
}

// addTag records a refreshed tag of one of the stack's variants.
func (s *Stack) addTag(t Tag) {
	for _, v := range s.Variants {
		version, ok := strings.CutSuffix(t.Name, "-"+v.Suffix)
		if !ok {
			continue
		}
		if line, err := s.LineOf(version); err != nil || line != version {
			continue // a patch release, a floating alias or a pre-release
		}
		i := slices.IndexFunc(s.Lines, func(l Line) bool { return l.Version == version })
		if i < 0 {
			s.Lines = append(s.Lines, Line{Version: version, Refreshed: true})
			i = len(s.Lines) - 1
		}
		l := &s.Lines[i]
		if l.Architectures == nil {
			l.Architectures = map[string][]string{}
		}
		base := l.Architectures[v.Name]
		if _, ok := l.Architectures[v.Name]; !ok && !l.Refreshed {
			base = v.Architectures
		}
		l.Architectures[v.Name] = union(base, t.Architectures)
	}
}

// union returns the sorted union of two architecture lists.
func union(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// compareVersions compares dotted numeric versions ("3.9" < "3.10").
func compareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y int
		if i < len(pa) {
			x, _ = strconv.Atoi(pa[i])
		}
		if i < len(pb) {
			y, _ = strconv.Atoi(pb[i])
		}
		if x != y {
			return x - y
		}
	}
	return 0
}
