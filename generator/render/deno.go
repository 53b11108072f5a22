package render

import (
	"regexp"
	"strings"
)

// denoEntry is a source file path safe to put on a RUN line.
var denoEntry = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(ts|tsx|js|jsx|mjs|mts)$`)

// DenoEntry is the file a Deno command runs (the last argument that is a
// local source file), for `deno cache`; "" when there is none, or when it
// has characters a RUN line cannot carry safely.
func (m Model) DenoEntry() string {
	if m.Language != "deno" {
		return ""
	}
	for i := len(m.Command) - 1; i > 0; i-- {
		f := strings.TrimPrefix(m.Command[i], "./")
		if denoEntry.MatchString(f) && !strings.Contains(f, "..") {
			return f
		}
	}
	return ""
}
