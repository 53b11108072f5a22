//go:build e2e

package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// buildah runs buildah with the suite's own storage (vfs driver, under the
// cache folder) and chroot isolation: no daemon, no registry, no user
// namespaces needed, which is what this machine and CI allow.
type buildah struct {
	driver  string // --storage-driver: vfs (default), or overlay via DOCKGEN_E2E_STORAGE_DRIVER
	root    string // --root: images and containers
	runroot string // --runroot: state of the running storage
	tmpdir  string // TMPDIR: buildah's temporary files and its RUN --mount=type=cache folders
}

func newBuildah(cacheDir string) *buildah {
	driver := os.Getenv("DOCKGEN_E2E_STORAGE_DRIVER")
	storage := "storage"
	if driver == "" {
		driver = "vfs"
	} else if driver != "vfs" {
		// One storage folder per driver: drivers cannot share one.
		storage += "-" + driver
	}
	b := &buildah{
		driver:  driver,
		root:    filepath.Join(cacheDir, storage),
		runroot: filepath.Join(cacheDir, strings.Replace(storage, "storage", "runroot", 1)),
		tmpdir:  filepath.Join(cacheDir, "tmp"),
	}
	for _, d := range []string{b.root, b.runroot, b.tmpdir} {
		os.MkdirAll(d, 0o755)
	}
	// buildah leaves small temporary folders behind; keep only its
	// RUN --mount=type=cache folders (buildah-cache*). Callers hold the lock.
	entries, _ := os.ReadDir(b.tmpdir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "buildah-cache") {
			os.RemoveAll(filepath.Join(b.tmpdir, e.Name()))
		}
	}
	return b
}

func (b *buildah) spec(timeout time.Duration, args ...string) cmdSpec {
	global := []string{"--root", b.root, "--runroot", b.runroot, "--storage-driver", b.driver}
	return cmdSpec{
		Name:    "buildah",
		Args:    append(global, args...),
		Env:     []string{"TMPDIR=" + b.tmpdir, "BUILDAH_ISOLATION=chroot"},
		Timeout: timeout,
	}
}

func (b *buildah) run(ctx context.Context, timeout time.Duration, args ...string) (string, error) {
	return runCmd(ctx, b.spec(timeout, args...))
}

// bud builds contextDir (whose Dockerfile is file) into tag with --layers, so
// that a rebuild can reuse layers. Output goes to log too. It never pulls:
// base images must be in the local storage (the stand-ins).
func (b *buildah) bud(ctx context.Context, log io.Writer, contextDir, file, tag string, extra ...string) (string, error) {
	args := []string{"bud", "--layers", "--isolation", "chroot", "--network", "host", "--pull=never", "-f", file, "-t", tag}
	args = append(args, extra...)
	args = append(args, contextDir)
	s := b.spec(15*time.Minute, args...)
	s.Log = log
	return runCmd(ctx, s)
}

// imageInfo is the part of `buildah inspect --type image` the suite reads.
type imageInfo struct {
	FromImageID string `json:"FromImageID"`
	OCIv1       struct {
		Config struct {
			User         string              `json:"User"`
			Env          []string            `json:"Env"`
			Entrypoint   []string            `json:"Entrypoint"`
			Cmd          []string            `json:"Cmd"`
			WorkingDir   string              `json:"WorkingDir"`
			ExposedPorts map[string]struct{} `json:"ExposedPorts"`
			Labels       map[string]string   `json:"Labels"`
		} `json:"config"`
	} `json:"OCIv1"`
}

// inspectImage returns the image's config, or ok=false when it is not in the
// storage.
func (b *buildah) inspectImage(ctx context.Context, name string) (info imageInfo, ok bool, err error) {
	out, err := b.run(ctx, time.Minute, "inspect", "--type", "image", name)
	if err != nil {
		if strings.Contains(out, "image not known") || strings.Contains(out, "not found") || strings.Contains(out, "no such image") {
			return info, false, nil
		}
		return info, false, err
	}
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		return info, false, fmt.Errorf("parse buildah inspect output: %v", err)
	}
	return info, true, nil
}

// imageSize is the size buildah reports for an image (human-readable).
func (b *buildah) imageSize(ctx context.Context, name string) string {
	out, err := b.run(ctx, time.Minute, "images", "--json", name)
	if err != nil {
		return "?"
	}
	var imgs []struct {
		Size string `json:"size"`
	}
	if json.Unmarshal([]byte(out), &imgs) != nil || len(imgs) == 0 {
		return "?"
	}
	return imgs[0].Size
}

// bgProcess is a `buildah run` started in the background.
type bgProcess struct {
	cmd  *exec.Cmd
	out  *lockedBuffer
	done chan struct{}
	err  error
}

// startRun starts `buildah run` of argv in container ctr, in the background,
// on the host network. The container's own user, env and workdir apply.
func (b *buildah) startRun(ctr, user string, env []string, argv []string) (*bgProcess, error) {
	s := b.spec(0, "run", "--isolation", "chroot", "--network", "host")
	if user != "" {
		s.Args = append(s.Args, "--user", user)
	}
	for _, e := range env {
		s.Args = append(s.Args, "--env", e)
	}
	s.Args = append(s.Args, ctr, "--")
	s.Args = append(s.Args, argv...)
	cmd := exec.Command(s.Name, s.Args...)
	cmd.Env = append(os.Environ(), s.Env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p := &bgProcess{cmd: cmd, out: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stdout = p.out
	cmd.Stderr = p.out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.err = cmd.Wait(); close(p.done) }()
	return p, nil
}

func (p *bgProcess) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// descendants lists every live process below p (the chroot helper buildah
// starts, and the app it starts), read from /proc.
func (p *bgProcess) descendants() []int {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if pp, ok := procPPid(pid); ok {
			parent[pid] = pp
		}
	}
	root := p.cmd.Process.Pid
	var out []int
	for pid := range parent {
		for q, n := parent[pid], 0; q > 1 && n < 64; q, n = parent[q], n+1 {
			if q == root {
				out = append(out, pid)
				break
			}
		}
	}
	return out
}

// stop kills buildah run and everything it started: its process group, and
// any descendant that left it (a chroot helper may start a new session).
func (p *bgProcess) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	pids := p.descendants()
	killGroup(p.cmd.Process.Pid)
	for _, pid := range pids {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
	}
}

func procPPid(pid int) (int, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0, false
	}
	pp, err := strconv.Atoi(f[1])
	return pp, err == nil
}

// procUIDs returns the real and effective uid of pid from /proc/<pid>/status.
func procUIDs(pid int) (real, effective int, ok bool) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, found := strings.CutPrefix(sc.Text(), "Uid:"); found {
			f := strings.Fields(rest)
			if len(f) >= 2 {
				r, err1 := strconv.Atoi(f[0])
				e, err2 := strconv.Atoi(f[1])
				return r, e, err1 == nil && err2 == nil
			}
		}
	}
	return 0, 0, false
}

// isBuildahHelper reports whether pid is buildah itself: buildah run with
// chroot isolation re-executes itself from a memfd ("buildah-chroot-runtime",
// root by design, and "buildah-chroot-exec", which drops to the image's user
// and then execs the app).
func isBuildahHelper(pid int, buildahExe string) bool {
	exe := procExe(pid)
	return exe == "" || exe == buildahExe || strings.HasPrefix(exe, "/memfd:buildah")
}

func procExe(pid int) string {
	s, _ := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	return s
}

// buildStep is one "STEP n/m: INSTRUCTION" block of buildah bud's output.
type buildStep struct {
	Stage       string // "[1/2]" in a multi-stage build, else ""
	N           int
	Instruction string
	Cached      bool // buildah printed "--> Using cache" for it
}

var stepRE = regexp.MustCompile(`^(\[\d+/\d+\] )?STEP (\d+)/(\d+): (.*)$`)

// parseSteps splits buildah bud output into steps and notes which ones buildah
// took from its layer cache.
func parseSteps(out string) []buildStep {
	var steps []buildStep
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimRight(line, "\r")
		if m := stepRE.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[2])
			steps = append(steps, buildStep{Stage: strings.TrimSpace(m[1]), N: n, Instruction: m[4]})
			continue
		}
		if len(steps) > 0 && strings.HasPrefix(line, "--> Using cache") {
			steps[len(steps)-1].Cached = true
		}
	}
	return steps
}
