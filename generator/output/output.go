// Package output writes generated files into a target directory safely:
// it never replaces a file without Force, never writes outside the target
// directory, replaces files by atomic rename, and writes a batch all or nothing.
package output

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// File is one file to write, relative to the target directory.
type File struct {
	Name string      // slash path relative to the target directory, e.g. "Dockerfile", ".dockerignore"
	Data []byte      // the full content
	Mode fs.FileMode // permission bits for a new file; 0 means 0o644
}

// Operations an Action can describe.
const (
	OpCreate    = "create"    // the file does not exist yet
	OpReplace   = "replace"   // the file exists with different content
	OpUnchanged = "unchanged" // the file exists with the same bytes and is left alone
)

// Action is what Write does, or would do, to one file.
type Action struct {
	Name string // cleaned slash path relative to the target directory
	Op   string // OpCreate, OpReplace or OpUnchanged
	Old  []byte // content on disk before the write; nil when Op is OpCreate
}

// ExistsError is returned by Write when files exist and Options.Force is
// false. Nothing has been written when it is returned.
type ExistsError struct {
	Names []string // the existing files, in the order they were given
}

// Error says which files exist and what to do about it, in one line.
func (e *ExistsError) Error() string {
	if len(e.Names) == 1 {
		return e.Names[0] + " exists; pass --force to replace it"
	}
	return strings.Join(e.Names, ", ") + " exist; pass --force to replace them"
}

// Options changes how Write treats existing files.
type Options struct {
	Force bool // replace existing files whose content differs
}

// errEscape marks a name that would resolve outside the target directory.
var errEscape = errors.New("path escapes the target directory")

// PlanWrite reports what Write would do to each file, without writing
// anything. It returns an error for a name that escapes dir, a target that
// is a directory, symbolic link or other non-regular file, or an unreadable target.
func PlanWrite(dir string, files []File) ([]Action, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open target directory: %w", err)
	}
	defer root.Close()
	plan, err := inspect(root, files)
	if err != nil {
		return nil, err
	}
	return plan.actions(), nil
}

// Write writes files into dir, all or nothing.
//
// It first checks every target and writes nothing if any check fails: a
// name that escapes dir (absolute, "..", or through a symbolic link) is an
// error, as is a target that is a directory or symbolic link. Existing files
// whose content differs, without opts.Force, give an *ExistsError, returned together with the plan so
// the caller can show what would change.
//
// Each file is then written to a temporary file beside its target, synced,
// given its mode and renamed over the target. A replaced file keeps its mode;
// a file whose content is unchanged is not touched at all. Missing parent
// directories are created. If any file fails, the files already written by
// this call are restored (or removed) and directories it created are removed,
// so a failed Write leaves dir as it was.
func Write(dir string, files []File, opts Options) ([]Action, error) {
	return writer{}.write(dir, files, opts)
}

// Summary renders actions for humans, one per line, e.g. "create  Dockerfile".
func Summary(actions []Action) string {
	var b strings.Builder
	for _, a := range actions {
		fmt.Fprintf(&b, "%-7s %s\n", a.Op, a.Name)
	}
	return b.String()
}

// writer holds the test seams of Write; the zero value is the real thing.
type writer struct {
	// beforeRename, when set, runs before each temporary file is renamed
	// over its target; an error from it fails the write at that point.
	beforeRename func(name string) error
}

// target is one checked file of a batch.
type target struct {
	File
	name    string      // cleaned slash name
	op      string      // OpCreate, OpReplace or OpUnchanged
	old     []byte      // previous content when it exists
	oldMode fs.FileMode // previous mode when it exists
	oldTime time.Time   // previous modification time when it exists
}

type plan []target

func (p plan) actions() []Action {
	out := make([]Action, len(p))
	for i, t := range p {
		out[i] = Action{Name: t.name, Op: t.op, Old: t.old}
	}
	return out
}

func (w writer) write(dir string, files []File, opts Options) ([]Action, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open target directory: %w", err)
	}
	defer root.Close()

	p, err := inspect(root, files)
	if err != nil {
		return nil, err
	}
	if !opts.Force {
		var existing []string
		for _, t := range p {
			// A file that already holds exactly the new content is left
			// alone, so running init twice is not an error.
			if t.op == OpReplace {
				existing = append(existing, t.name)
			}
		}
		if len(existing) > 0 {
			return p.actions(), &ExistsError{Names: existing}
		}
	}

	var (
		done    []target // renamed into place, in order
		newDirs []string // created parents, in order of creation
	)
	for _, t := range p {
		if t.op == OpUnchanged {
			continue
		}
		if err := w.commit(root, t, &newDirs); err != nil {
			err = fileErr("write", t.name, err)
			if rbErr := rollback(root, done, newDirs); rbErr != nil {
				return nil, fmt.Errorf("%w (restoring earlier files failed: %v)", err, rbErr)
			}
			return nil, err
		}
		done = append(done, t)
	}
	syncDirs(root, done)
	return p.actions(), nil
}

// inspect validates every file of a batch and reads what is on disk now.
func inspect(root *os.Root, files []File) (plan, error) {
	p := make(plan, 0, len(files))
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		name, err := cleanName(f.Name)
		if err != nil {
			return nil, fileErr("check", f.Name, err)
		}
		if seen[name] {
			return nil, fmt.Errorf("check %s: given more than once", name)
		}
		seen[name] = true
		t := target{File: f, name: name, op: OpCreate}
		if err := t.stat(root); err != nil {
			return nil, fileErr("check", name, err)
		}
		p = append(p, t)
	}
	// A name that is also a parent of another name cannot be both a file and a directory.
	for _, t := range p {
		for dir := path.Dir(t.name); dir != "."; dir = path.Dir(dir) {
			if seen[dir] {
				return nil, fmt.Errorf("check %s: %s is also given as a file", t.name, dir)
			}
		}
	}
	return p, nil
}

// cleanName turns a slash name into a clean local path, or explains why it cannot be one.
func cleanName(name string) (string, error) {
	if name == "" {
		return "", errors.New("empty file name")
	}
	clean := path.Clean(name)
	if path.IsAbs(name) || filepath.IsAbs(filepath.FromSlash(name)) || !filepath.IsLocal(filepath.FromSlash(clean)) {
		return "", errEscape
	}
	return clean, nil
}

// stat fills in what is on disk at t's target: parents must be real
// directories inside the root, and the target absent or a regular file.
func (t *target) stat(root *os.Root) error {
	parts := strings.Split(t.name, "/")
	for i := 1; i < len(parts); i++ {
		dir := strings.Join(parts[:i], "/")
		info, err := root.Lstat(filepath.FromSlash(dir))
		if errors.Is(err, fs.ErrNotExist) {
			return nil // Write creates the missing parents, so the target is new
		}
		if err != nil {
			return err
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s is a symbolic link: %w", dir, errEscape)
		case !info.IsDir():
			return fmt.Errorf("%s is not a directory", dir)
		}
	}
	info, err := root.Lstat(filepath.FromSlash(t.name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	switch {
	case info.IsDir():
		return errors.New("a directory is in the way")
	case info.Mode()&fs.ModeSymlink != 0:
		return errors.New("a symbolic link is in the way; remove it to write a file there")
	case !info.Mode().IsRegular():
		return errors.New("a special file is in the way")
	}
	old, err := root.ReadFile(filepath.FromSlash(t.name))
	if err != nil {
		return err
	}
	if old == nil {
		old = []byte{} // nil means "did not exist"
	}
	t.old, t.oldMode, t.oldTime = old, info.Mode()&modeBits, info.ModTime()
	t.op = OpReplace
	if bytes.Equal(old, t.Data) {
		t.op = OpUnchanged
	}
	return nil
}

// modeBits are the bits chmod sets, which a replaced file keeps.
const modeBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// commit puts t's content in place with a temporary file and a rename,
// creating missing parents and recording them in newDirs.
func (w writer) commit(root *os.Root, t target, newDirs *[]string) error {
	if err := mkdirs(root, path.Dir(t.name), newDirs); err != nil {
		return err
	}
	mode := t.Mode & modeBits
	if mode == 0 {
		mode = 0o644
	}
	if t.op == OpReplace {
		mode = t.oldMode
	}
	tmp, err := writeTemp(root, t.name, t.Data, mode)
	if err != nil {
		return err
	}
	if w.beforeRename != nil {
		if err := w.beforeRename(t.name); err != nil {
			root.Remove(tmp)
			return err
		}
	}
	if err := root.Rename(tmp, filepath.FromSlash(t.name)); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// mkdirs creates dir and its missing parents, appending each one it created to created.
func mkdirs(root *os.Root, dir string, created *[]string) error {
	if dir == "." {
		return nil
	}
	parts := strings.Split(dir, "/")
	for i := 1; i <= len(parts); i++ {
		d := filepath.FromSlash(strings.Join(parts[:i], "/"))
		err := root.Mkdir(d, 0o755)
		switch {
		case err == nil:
			*created = append(*created, d)
		case errors.Is(err, fs.ErrExist):
			info, err := root.Lstat(d)
			if err != nil {
				return err
			}
			if !info.IsDir() {
				return fmt.Errorf("%s is not a directory", filepath.ToSlash(d))
			}
		default:
			return err
		}
	}
	return nil
}

// writeTemp writes data to a new hidden file beside name, synced and with
// mode set, and returns the temporary file's name.
func writeTemp(root *os.Root, name string, data []byte, mode fs.FileMode) (string, error) {
	dir, base := path.Split(name)
	var (
		f   *os.File
		tmp string
		err error
	)
	for range 100 {
		tmp = filepath.FromSlash(dir + "." + base + ".dockgen-" + randomSuffix())
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(mode) // explicit, so the umask does not change the result
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		root.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:]) // never fails on supported platforms
	return hex.EncodeToString(b[:])
}

// rollback undoes the renames in done, newest first, then removes the
// directories Write created, and reports what it could not undo.
func rollback(root *os.Root, done []target, newDirs []string) error {
	var failed []string
	for i := len(done) - 1; i >= 0; i-- {
		t := done[i]
		if err := restore(root, t); err != nil {
			failed = append(failed, fileErr("restore", t.name, err).Error())
		}
	}
	for i := len(newDirs) - 1; i >= 0; i-- {
		if err := root.Remove(newDirs[i]); err != nil {
			failed = append(failed, fileErr("remove", filepath.ToSlash(newDirs[i]), err).Error())
		}
	}
	if len(failed) > 0 {
		return errors.New(strings.Join(failed, "; "))
	}
	return nil
}

// restore puts back what was at t's target before Write: nothing, or the
// old content, mode and modification time.
func restore(root *os.Root, t target) error {
	name := filepath.FromSlash(t.name)
	if t.op == OpCreate {
		return root.Remove(name)
	}
	tmp, err := writeTemp(root, t.name, t.old, t.oldMode)
	if err != nil {
		return err
	}
	if err := root.Chtimes(tmp, t.oldTime, t.oldTime); err != nil {
		root.Remove(tmp)
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// syncDirs makes the renames durable by syncing each parent directory once.
// Errors are ignored: the files are in place, and some systems cannot sync a directory.
func syncDirs(root *os.Root, done []target) {
	synced := make(map[string]bool)
	for _, t := range done {
		dir := filepath.FromSlash(path.Dir(t.name))
		if synced[dir] {
			continue
		}
		synced[dir] = true
		if d, err := root.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
}

// fileErr prefixes err with op and the file's name, dropping the path that
// *fs.PathError and *os.LinkError would repeat, so messages read
// "write Dockerfile: permission denied".
func fileErr(op, name string, err error) error {
	switch e := err.(type) {
	case *fs.PathError:
		err = e.Err
	case *os.LinkError:
		err = e.Err
	}
	return fmt.Errorf("%s %s: %w", op, name, err)
}
