package catalog

import (
	"fmt"
	"strings"
)

// releaseOf maps a Bun or Deno version to a line: their vendors tag every
// release and fix only the newest, so a line is an exact release
// ("1.4.0"); MAJOR.MINOR means that minor's newest release in the catalog,
// else its .0.
func (s *Stack) releaseOf(version, v string) (string, error) {
	parts := strings.Split(v, ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return "", fmt.Errorf("%q is not a %s version", version, s.Language)
		}
	}
	switch len(parts) {
	case 3:
		return v, nil
	case 2:
		for _, l := range s.Lines {
			if strings.HasPrefix(l.Version, v+".") {
				return l.Version, nil
			}
		}
		return v + ".0", nil
	}
	return "", fmt.Errorf("%q is not a %s version: want MAJOR.MINOR.PATCH", version, s.Language)
}
