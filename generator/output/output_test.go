package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// entry is what a test sees of one path in a directory tree.
type entry struct {
	Kind    string // "file", "dir" or "link"
	Data    string // file content or link target
	Mode    fs.FileMode
	ModTime time.Time // files only: directories change when Write uses them
}

// snapshot records every path under dir, so a test can prove a failed Write left it as it was.
func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	out := make(map[string]entry)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		e := entry{Mode: info.Mode()}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			e.Kind = "link"
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			e.Data = target
		case d.IsDir():
			e.Kind = "dir"
		default:
			e.Kind = "file"
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.Data, e.ModTime = string(data), info.ModTime()
		}
		out[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// setup creates files (content by slash name) in a new temporary directory.
func setup(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// setMtime moves a file's modification time into the past, so a rewrite would show.
func setMtime(t *testing.T, p string) time.Time {
	t.Helper()
	past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(p, past, past); err != nil {
		t.Fatal(err)
	}
	return past
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	for name := range snapshot(t, dir) {
		if strings.Contains(name, ".dockgen-") {
			t.Errorf("temporary file left behind: %s", name)
		}
	}
}

func TestWriteRefusesToClobber(t *testing.T) {
	tests := []struct {
		name     string
		existing map[string]string
		wantMsg  string
		wantErr  []string
	}{
		{
			name:     "one file",
			existing: map[string]string{"Dockerfile": "FROM old\n"},
			wantMsg:  "Dockerfile exists; pass --force to replace it",
			wantErr:  []string{"Dockerfile"},
		},
		{
			name:     "two files",
			existing: map[string]string{"Dockerfile": "FROM old\n", ".dockerignore": ".git\n"},
			wantMsg:  "Dockerfile, .dockerignore exist; pass --force to replace them",
			wantErr:  []string{"Dockerfile", ".dockerignore"},
		},
		{
			// A file that already holds the new content is no conflict;
			// the one that differs still is.
			name:     "same content beside a changed file",
			existing: map[string]string{"Dockerfile": "FROM new\n", ".dockerignore": ".git\n"},
			wantMsg:  ".dockerignore exists; pass --force to replace it",
			wantErr:  []string{".dockerignore"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := setup(t, tt.existing)
			before := snapshot(t, dir)
			files := []File{
				{Name: "Dockerfile", Data: []byte("FROM new\n")},
				{Name: ".dockerignore", Data: []byte(".git\n.env\n")},
				{Name: "compose.yaml", Data: []byte("services: {}\n")},
			}
			actions, err := Write(dir, files, Options{})
			var exists *ExistsError
			if !errors.As(err, &exists) {
				t.Fatalf("Write() error = %v, want *ExistsError", err)
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("message = %q, want %q", err.Error(), tt.wantMsg)
			}
			if !reflect.DeepEqual(exists.Names, tt.wantErr) {
				t.Errorf("Names = %q, want %q", exists.Names, tt.wantErr)
			}
			if len(actions) != len(files) {
				t.Errorf("got %d actions with the error, want the plan of %d", len(actions), len(files))
			}
			if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
				t.Errorf("directory changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestWriteForceReplacesAtomically(t *testing.T) {
	dir := setup(t, map[string]string{"Dockerfile": "FROM old\n", "run.sh": "echo old\n"})
	mustChmod(t, filepath.Join(dir, "Dockerfile"), 0o600)
	mustChmod(t, filepath.Join(dir, "run.sh"), 0o750)
	oldInfo, err := os.Stat(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}

	files := []File{
		{Name: "Dockerfile", Data: []byte("FROM new\n"), Mode: 0o644}, // existing mode wins
		{Name: "run.sh", Data: []byte("echo new\n")},
		{Name: ".dockerignore", Data: []byte(".git\n")},               // new: default mode
		{Name: "bin/entry", Data: []byte("#!/bin/sh\n"), Mode: 0o755}, // new, in a new directory
	}
	actions, err := Write(dir, files, Options{Force: true})
	if err != nil {
		t.Fatalf("Write() error = %v", err)
	}
	wantOps := []string{OpReplace, OpReplace, OpCreate, OpCreate}
	for i, a := range actions {
		if a.Op != wantOps[i] {
			t.Errorf("action %s = %s, want %s", a.Name, a.Op, wantOps[i])
		}
	}

	want := map[string]entry{
		".":             {Kind: "dir"},
		"Dockerfile":    {Kind: "file", Data: "FROM new\n", Mode: 0o600},
		"run.sh":        {Kind: "file", Data: "echo new\n", Mode: 0o750},
		".dockerignore": {Kind: "file", Data: ".git\n", Mode: 0o644},
		"bin":           {Kind: "dir"},
		"bin/entry":     {Kind: "file", Data: "#!/bin/sh\n", Mode: 0o755},
	}
	got := snapshot(t, dir)
	for name, e := range got {
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("unexpected %s %s (a temporary file left behind?)", e.Kind, name)
		case e.Kind != w.Kind || e.Data != w.Data:
			t.Errorf("%s = %s %q, want %s %q", name, e.Kind, e.Data, w.Kind, w.Data)
		case e.Kind == "file" && e.Mode != w.Mode:
			t.Errorf("%s mode = %v, want %v", name, e.Mode, w.Mode)
		}
	}
	if len(got) != len(want) {
		t.Errorf("directory has %d entries, want %d: %v", len(got), len(want), got)
	}

	newInfo, err := os.Stat(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(oldInfo, newInfo) {
		t.Error("Dockerfile is the same inode: it was rewritten in place, not renamed over")
	}
}

func mustChmod(t *testing.T, p string, mode fs.FileMode) {
	t.Helper()
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
}

func TestWriteLeavesUnchangedFileUntouched(t *testing.T) {
	dir := setup(t, map[string]string{"Dockerfile": "FROM same\n"})
	p := filepath.Join(dir, "Dockerfile")
	past := setMtime(t, p)
	before, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}

	actions, err := Write(dir, []File{
		{Name: "Dockerfile", Data: []byte("FROM same\n")},
		{Name: ".dockerignore", Data: []byte(".git\n")},
	}, Options{Force: true})
	if err != nil {
		t.Fatalf("Write() error = %v", err)
	}
	if actions[0].Op != OpUnchanged {
		t.Errorf("Dockerfile op = %s, want %s", actions[0].Op, OpUnchanged)
	}
	after, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if !after.ModTime().Equal(past) {
		t.Errorf("mtime = %v, want it kept at %v", after.ModTime(), past)
	}
	if !os.SameFile(before, after) {
		t.Error("Dockerfile was replaced although its content is unchanged")
	}
}

// Every batch here has a valid first file; the bad one must be caught before it is written.
func TestWriteRejectsBeforeWriting(t *testing.T) {
	outside := t.TempDir()
	tests := []struct {
		name    string
		bad     string
		prepare func(t *testing.T, dir string)
		escape  bool   // the error must be errEscape
		wantMsg string // the error must contain this
	}{
		{name: "parent", bad: "../x", escape: true, wantMsg: "check ../x: path escapes"},
		{name: "deeper parent", bad: "sub/../../x", escape: true},
		{name: "absolute", bad: "/etc/x", escape: true, wantMsg: "check /etc/x:"},
		{name: "empty", bad: "", wantMsg: "empty file name"},
		{name: "dot", bad: ".", wantMsg: "check .: a directory is in the way"},
		{
			name: "symlinked parent pointing outside", bad: "link/x", escape: true,
			wantMsg: "check link/x: link is a symbolic link",
			prepare: func(t *testing.T, dir string) {
				mustSymlink(t, outside, filepath.Join(dir, "link"))
			},
		},
		{
			// Even a link that stays inside could alias another target; refuse it plainly.
			name: "symlinked parent pointing inside", bad: "link/x", escape: true,
			prepare: func(t *testing.T, dir string) {
				mustMkdir(t, filepath.Join(dir, "real"))
				mustSymlink(t, "real", filepath.Join(dir, "link"))
			},
		},
		{
			name: "symlink at target", bad: "compose.yaml",
			wantMsg: "check compose.yaml: a symbolic link is in the way",
			prepare: func(t *testing.T, dir string) {
				mustSymlink(t, filepath.Join(outside, "compose.yaml"), filepath.Join(dir, "compose.yaml"))
			},
		},
		{
			name: "directory at target", bad: "compose.yaml",
			wantMsg: "check compose.yaml: a directory is in the way",
			prepare: func(t *testing.T, dir string) {
				mustMkdir(t, filepath.Join(dir, "compose.yaml"))
			},
		},
		{
			name: "under a regular file", bad: "README.md/x",
			wantMsg: "check README.md/x: README.md is not a directory",
			prepare: func(t *testing.T, dir string) {
				if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("hi\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
		},
		{name: "twice", bad: "./Dockerfile", wantMsg: "check Dockerfile: given more than once"},
		{name: "under another file of the batch", bad: "Dockerfile/x", wantMsg: "Dockerfile is also given as a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.prepare != nil {
				tt.prepare(t, dir)
			}
			before, outsideBefore := snapshot(t, dir), snapshot(t, outside)
			files := []File{
				{Name: "Dockerfile", Data: []byte("FROM x\n")},
				{Name: tt.bad, Data: []byte("bad\n")},
			}
			_, err := Write(dir, files, Options{Force: true})
			if err == nil {
				t.Fatal("Write() succeeded, want an error")
			}
			if tt.escape && !errors.Is(err, errEscape) {
				t.Errorf("error %q is not errEscape", err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not contain %q", err, tt.wantMsg)
			}
			if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
				t.Errorf("directory changed:\nbefore %v\nafter  %v", before, after)
			}
			if after := snapshot(t, outside); !reflect.DeepEqual(after, outsideBefore) {
				t.Errorf("directory outside changed: %v", after)
			}
			if _, err := PlanWrite(dir, files); err == nil {
				t.Error("PlanWrite() accepted the batch")
			}
		})
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func mustMkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

// The batch passes every check, then one file fails while being written:
// everything already written must be undone.
func TestWriteRollsBackOnFailure(t *testing.T) {
	errInjected := errors.New("injected failure")
	batch := []File{
		{Name: "Dockerfile", Data: []byte("FROM new\n")},         // replaces
		{Name: ".dockerignore", Data: []byte(".git\n")},          // creates
		{Name: "same.txt", Data: []byte("same\n")},               // unchanged
		{Name: "deploy/k8s/app.yaml", Data: []byte("kind: x\n")}, // creates, with two directories
		{Name: "compose.yaml", Data: []byte("services: {}\n")},   // creates
	}
	for _, failAt := range []string{".dockerignore", "deploy/k8s/app.yaml", "compose.yaml"} {
		t.Run("fail at "+failAt, func(t *testing.T) {
			dir := setup(t, map[string]string{"Dockerfile": "FROM old\n", "same.txt": "same\n", "deploy/keep": "k\n"})
			mustChmod(t, filepath.Join(dir, "Dockerfile"), 0o640)
			setMtime(t, filepath.Join(dir, "Dockerfile"))
			before := snapshot(t, dir)

			w := writer{beforeRename: func(name string) error {
				if name == failAt {
					return errInjected
				}
				return nil
			}}
			actions, err := w.write(dir, batch, Options{Force: true})
			if !errors.Is(err, errInjected) {
				t.Fatalf("write() error = %v, want the injected failure", err)
			}
			if want := "write " + failAt + ": injected failure"; err.Error() != want {
				t.Errorf("message = %q, want %q", err.Error(), want)
			}
			if actions != nil {
				t.Errorf("actions = %v, want none after a failure", actions)
			}
			if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
				t.Errorf("directory not restored:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// The same, with a real failure rather than an injected one: a name the
// file system accepts, but whose temporary name beside it is too long.
func TestWriteRollsBackOnRealFailure(t *testing.T) {
	long := strings.Repeat("a", 240)
	probe := t.TempDir()
	if err := os.WriteFile(filepath.Join(probe, long), nil, 0o644); err != nil {
		t.Skipf("file system refuses a %d-byte name: %v", len(long), err)
	}
	if err := os.WriteFile(filepath.Join(probe, long+strings.Repeat("b", 40)), nil, 0o644); err == nil {
		t.Skip("file system accepts very long names; no failure to provoke")
	}

	dir := setup(t, map[string]string{"Dockerfile": "FROM old\n"})
	before := snapshot(t, dir)
	_, err := Write(dir, []File{
		{Name: "Dockerfile", Data: []byte("FROM new\n")},
		{Name: ".dockerignore", Data: []byte(".git\n")},
		{Name: long, Data: []byte("x\n")},
	}, Options{Force: true})
	if err == nil || !strings.HasPrefix(err.Error(), "write "+long+": ") {
		t.Fatalf("Write() error = %v, want one naming the long file", err)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("directory not restored:\nbefore %v\nafter  %v", before, after)
	}
}

func TestPlanWrite(t *testing.T) {
	dir := setup(t, map[string]string{"Dockerfile": "FROM old\n", "compose.yaml": "services: {}\n", "empty": ""})
	before := snapshot(t, dir)
	got, err := PlanWrite(dir, []File{
		{Name: "Dockerfile", Data: []byte("FROM new\n")},
		{Name: ".dockerignore", Data: []byte(".git\n")},
		{Name: "compose.yaml", Data: []byte("services: {}\n")},
		{Name: "./sub//x", Data: []byte("x\n")},
		{Name: "empty", Data: []byte("now full\n")},
	})
	if err != nil {
		t.Fatalf("PlanWrite() error = %v", err)
	}
	want := []Action{
		{Name: "Dockerfile", Op: OpReplace, Old: []byte("FROM old\n")},
		{Name: ".dockerignore", Op: OpCreate, Old: nil},
		{Name: "compose.yaml", Op: OpUnchanged, Old: []byte("services: {}\n")},
		{Name: "sub/x", Op: OpCreate, Old: nil},
		{Name: "empty", Op: OpReplace, Old: []byte{}}, // non-nil: it exists
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("PlanWrite() =\n%q\nwant\n%q", got, want)
	}
	if after := snapshot(t, dir); !reflect.DeepEqual(after, before) {
		t.Errorf("PlanWrite changed the directory: %v", after)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name    string
		actions []Action
		want    string
	}{
		{name: "none", want: ""},
		{
			name: "each op",
			actions: []Action{
				{Name: "Dockerfile", Op: OpCreate},
				{Name: ".dockerignore", Op: OpReplace},
				{Name: "compose.yaml", Op: OpUnchanged},
			},
			want: "create  Dockerfile\nreplace .dockerignore\nunchanged compose.yaml\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Summary(tt.actions); got != tt.want {
				t.Errorf("Summary() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}
