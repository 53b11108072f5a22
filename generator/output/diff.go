package output

import (
	"bytes"
	"fmt"
	"strings"
)

// diffContext is the number of unchanged lines shown around each change.
const diffContext = 3

// maxDiffCells bounds the line-matching table; larger inputs diff as a
// whole-block replacement of their differing middle rather than using
// unbounded memory.
const maxDiffCells = 4 << 20

// Diff returns a unified diff of name from old to new content, in the form
// "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n...", or "" when
// they are equal. A nil old is shown as a new file ("--- /dev/null"), as
// Action.Old is nil for a file that does not exist yet.
func Diff(name string, old, new []byte) string {
	if bytes.Equal(old, new) {
		return ""
	}
	from, to := "a/"+name, "b/"+name
	if old == nil {
		from = "/dev/null"
	}
	if new == nil {
		to = "/dev/null"
	}
	edits := diffLines(splitLines(old), splitLines(new))

	var b strings.Builder
	fmt.Fprintf(&b, "--- %s\n+++ %s\n", from, to)
	// Line counts of old and new before each edit, for hunk headers.
	aPos := make([]int, len(edits)+1)
	bPos := make([]int, len(edits)+1)
	for i, e := range edits {
		aPos[i+1], bPos[i+1] = aPos[i], bPos[i]
		if e.op != '+' {
			aPos[i+1]++
		}
		if e.op != '-' {
			bPos[i+1]++
		}
	}
	for i := 0; i < len(edits); {
		if edits[i].op == ' ' {
			i++
			continue
		}
		// A hunk runs from diffContext lines before this change to
		// diffContext lines after the last change that is at most
		// 2*diffContext unchanged lines from the one before it.
		start := max(0, i-diffContext)
		last := i
		for j := i + 1; j < len(edits); j++ {
			if edits[j].op == ' ' {
				continue
			}
			if j-last-1 > 2*diffContext {
				break
			}
			last = j
		}
		end := min(len(edits), last+1+diffContext)
		fmt.Fprintf(&b, "@@ -%s +%s @@\n",
			hunkRange(aPos[start], aPos[end]-aPos[start]),
			hunkRange(bPos[start], bPos[end]-bPos[start]))
		for _, e := range edits[start:end] {
			b.WriteByte(e.op)
			b.WriteString(e.line)
			if !strings.HasSuffix(e.line, "\n") {
				b.WriteString("\n\\ No newline at end of file\n")
			}
		}
		i = end
	}
	return b.String()
}

// hunkRange formats one side of a hunk header: a count of 1 is left out,
// and an empty side names the line before it, as diff -u does.
func hunkRange(before, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", before)
	case 1:
		return fmt.Sprintf("%d", before+1)
	default:
		return fmt.Sprintf("%d,%d", before+1, count)
	}
}

// edit is one line of a diff: ' ' kept, '-' removed, '+' added.
type edit struct {
	op   byte
	line string // with its newline, if it has one
}

// splitLines splits data after each newline; the last line may lack one.
func splitLines(data []byte) []string {
	if len(data) == 0 {
		return nil
	}
	lines := strings.SplitAfter(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines returns the edits that turn a into b, keeping a longest common
// subsequence of lines and putting removals before additions.
func diffLines(a, b []string) []edit {
	var pre, suf int
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	out := make([]edit, 0, len(a)+len(b))
	for _, l := range a[:pre] {
		out = append(out, edit{' ', l})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	out = append(out, lcsEdits(ma, mb)...)
	for _, l := range a[len(a)-suf:] {
		out = append(out, edit{' ', l})
	}
	return out
}

// lcsEdits diffs a and b by dynamic programming over a table of
// longest-common-suffix lengths.
func lcsEdits(a, b []string) []edit {
	var out []edit
	n, m := len(a), len(b)
	if n == 0 || m == 0 || (n+1)*(m+1) > maxDiffCells {
		for _, l := range a {
			out = append(out, edit{'-', l})
		}
		for _, l := range b {
			out = append(out, edit{'+', l})
		}
		return out
	}
	w := m + 1
	lcs := make([]int32, (n+1)*w) // lcs[i*w+j] = LCS length of a[i:] and b[j:]
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, edit{' ', a[i]})
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			out = append(out, edit{'-', a[i]})
			i++
		default:
			out = append(out, edit{'+', b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, edit{'-', a[i]})
	}
	for ; j < m; j++ {
		out = append(out, edit{'+', b[j]})
	}
	return out
}
