package detect

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
)

// errNotRegular is the error a guarded Open or Stat returns for a file that
// is neither a regular file nor a folder (a named pipe, a socket, a device):
// opening a named pipe blocks until a writer comes, so it is never opened.
var errNotRegular = errors.New("not a regular file")

// manifestNames are the files that make a language detected. One of them
// that is a folder, a special file or a symlink that cannot be followed is
// the likely reason nothing was detected, so it is named in a warning.
var manifestNames = map[string]bool{
	"package.json": true, "go.mod": true, "requirements.txt": true, "pyproject.toml": true,
	"Pipfile": true, "setup.py": true, "Cargo.toml": true, "Gemfile": true, "composer.json": true,
	"mix.exs": true, "pom.xml": true, "build.gradle": true, "build.gradle.kts": true,
	"deno.json": true, "deno.jsonc": true, "bun.lock": true, "index.html": true,
	"main.go": true, "app.py": true, "main.py": true, "server.js": true, "index.js": true, "app.js": true,
}

// regularFS wraps the repository so detection reads only what a build context
// would give the build: regular files and folders. A special file is never
// opened (a named pipe would hang detection); an entry the underlying FS
// refuses (with os.Root: a symlink that leaves the repository, a symlink
// loop) is skipped. Each such name is remembered once for a warning.
type regularFS struct {
	fsys fs.FS

	mu      sync.Mutex
	skipped map[string]string // name -> why
}

func newRegularFS(fsys fs.FS) *regularFS { return &regularFS{fsys: fsys, skipped: map[string]string{}} }

// check stats name and says whether it may be opened.
func (g *regularFS) check(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(g.fsys, name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			g.skip(name, whyUnreadable(err))
		}
		return nil, err
	}
	if st.IsDir() {
		if manifestNames[name] {
			g.skip(name, "a folder, not a file")
		}
		return st, nil
	}
	if !st.Mode().IsRegular() {
		g.skip(name, "a "+specialKind(st.Mode())+", not a regular file")
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return st, nil
}

func (g *regularFS) skip(name, why string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.skipped[name]; !ok {
		g.skipped[name] = why
	}
}

// Open opens regular files and folders only. With an FS that can Stat
// (os.Root's, os.DirFS) the check comes before the open, so a named pipe is
// never opened; an FS that can only Open is checked on the open file.
func (g *regularFS) Open(name string) (fs.File, error) {
	if _, ok := g.fsys.(fs.StatFS); !ok {
		f, err := g.fsys.Open(name)
		if err != nil {
			return nil, err
		}
		if st, err := f.Stat(); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
			f.Close()
			g.skip(name, "a "+specialKind(st.Mode())+", not a regular file")
			return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
		}
		return f, nil
	}
	if _, err := g.check(name); err != nil {
		return nil, err
	}
	return g.fsys.Open(name)
}

// Stat reports regular files and folders only: for everything else it
// returns an error, so exists() and friends see no file.
func (g *regularFS) Stat(name string) (fs.FileInfo, error) { return g.check(name) }

// ReadDir lists a folder as the underlying FS does (the entries' own types
// say what they are; opening one goes through Open).
func (g *regularFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, err := g.check(name); err != nil {
		return nil, err
	}
	return fs.ReadDir(g.fsys, name)
}

// warnings are the skipped names, sorted, one line each.
func (g *regularFS) warnings() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	names := make([]string, 0, len(g.skipped))
	for n := range g.skipped {
		names = append(names, n)
	}
	slices.Sort(names)
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, fmt.Sprintf("%s: skipped: %s", n, g.skipped[n]))
	}
	return out
}

func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeSymlink != 0:
		return "symlink"
	}
	return "special file"
}

// whyUnreadable turns a Stat error into a short reason. os.Root reports a
// symlink out of the repository as "path escapes from parent".
func whyUnreadable(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "escapes from parent"):
		return "a symlink that leaves the repository (a build context never follows it)"
	case strings.Contains(msg, "too many levels of symbolic links"):
		return "a symlink loop"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Err.Error()
	}
	return "not readable: " + oneLine(msg)
}

// Dir detects the repository in the folder dir. It reads through os.Root,
// so a symlink that leaves dir is not followed (a build context would not
// follow it either); the error is only for a dir that cannot be opened.
func Dir(dir string) (Facts, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return Facts{}, err
	}
	defer root.Close()
	return Detect(root.FS()), nil
}
