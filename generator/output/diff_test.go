package output

import (
	"strings"
	"testing"
)

// Expected outputs below match GNU diff -u on the same input.
func TestDiff(t *testing.T) {
	alphabet := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n"
	tests := []struct {
		name     string
		old, new string
		oldNil   bool
		want     string
	}{
		{name: "equal", old: "FROM x\n", new: "FROM x\n", want: ""},
		{
			name: "changed line",
			old:  "# syntax=docker/dockerfile:1\nFROM python:3.12-slim\nWORKDIR /app\n",
			new:  "# syntax=docker/dockerfile:1\nFROM python:3.13-slim\nWORKDIR /app\n",
			want: "--- a/Dockerfile\n+++ b/Dockerfile\n" +
				"@@ -1,3 +1,3 @@\n # syntax=docker/dockerfile:1\n-FROM python:3.12-slim\n+FROM python:3.13-slim\n WORKDIR /app\n",
		},
		{
			name: "context is three lines",
			old:  alphabet,
			new:  strings.Replace(alphabet, "h\n", "H\n", 1),
			want: "--- a/Dockerfile\n+++ b/Dockerfile\n" +
				"@@ -5,7 +5,7 @@\n e\n f\n g\n-h\n+H\n i\n j\n k\n",
		},
		{
			name: "distant changes make two hunks",
			old:  alphabet,
			new:  strings.NewReplacer("c\n", "C\n", "o\n", "O\n").Replace(alphabet),
			want: "--- a/Dockerfile\n+++ b/Dockerfile\n" +
				"@@ -1,6 +1,6 @@\n a\n b\n-c\n+C\n d\n e\n f\n" +
				"@@ -12,5 +12,5 @@\n l\n m\n n\n-o\n+O\n p\n",
		},
		{
			name: "near changes share a hunk",
			old:  alphabet,
			new:  strings.NewReplacer("d\n", "D\n", "j\n", "J\n").Replace(alphabet),
			want: "--- a/Dockerfile\n+++ b/Dockerfile\n" +
				"@@ -1,13 +1,13 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n i\n-j\n+J\n k\n l\n m\n",
		},
		{
			name: "missing final newline",
			old:  "a\nb",
			new:  "a\nb\n",
			want: "--- a/Dockerfile\n+++ b/Dockerfile\n" +
				"@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name: "new file", oldNil: true,
			new:  "a\nb\n",
			want: "--- /dev/null\n+++ b/Dockerfile\n@@ -0,0 +1,2 @@\n+a\n+b\n",
		},
		{
			name: "inserted lines",
			old:  "a\nb\nc\n",
			new:  "a\nb\nx\ny\nc\n",
			want: "--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,5 @@\n a\n b\n+x\n+y\n c\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := []byte(tt.old)
			if tt.oldNil {
				old = nil
			}
			if got := Diff("Dockerfile", old, []byte(tt.new)); got != tt.want {
				t.Errorf("Diff() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// Beyond the matching table's size the diff is still correct, just coarse.
func TestDiffLargeInput(t *testing.T) {
	var old, new strings.Builder
	for i := range 3000 {
		old.WriteString(strings.Repeat("o", i%7+1) + "\n")
		new.WriteString(strings.Repeat("n", i%5+1) + "\n")
	}
	got := Diff("big", []byte(old.String()), []byte(new.String()))
	if !strings.HasPrefix(got, "--- a/big\n+++ b/big\n@@ -1,3000 +1,3000 @@\n") {
		t.Errorf("Diff() starts %q", got[:min(len(got), 80)])
	}
	if n := strings.Count(got, "\n-"); n != 3000 {
		t.Errorf("got %d removed lines, want 3000", n)
	}
}
