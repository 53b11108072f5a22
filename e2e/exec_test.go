//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// cmdSpec is one external command. Every command the suite runs has a
// timeout and runs in its own process group, so that a timeout kills the whole
// tree (buildah and debootstrap start children of their own).
type cmdSpec struct {
	Name    string
	Args    []string
	Dir     string
	Env     []string // added to os.Environ()
	Timeout time.Duration
	Log     io.Writer // optional: also copy the output here (a log file)
}

// cmdError carries a failed command's output, so test failures show it.
type cmdError struct {
	Cmd    string
	Err    error
	Output string
}

func (e *cmdError) Error() string {
	return fmt.Sprintf("%s: %v\n--- output (tail) ---\n%s", e.Cmd, e.Err, tail(e.Output, 80))
}

// runCmd runs c to completion and returns its combined stdout and stderr.
func runCmd(ctx context.Context, c cmdSpec) (string, error) {
	if c.Timeout <= 0 {
		c.Timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Name, c.Args...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), c.Env...)
	cmd.Stdin = nil
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
	cmd.WaitDelay = 10 * time.Second
	var buf bytes.Buffer
	var w io.Writer = &buf
	if c.Log != nil {
		w = io.MultiWriter(&buf, c.Log)
	}
	cmd.Stdout = w
	cmd.Stderr = w
	err := cmd.Run()
	out := buf.String()
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = fmt.Errorf("timed out after %s (%w)", c.Timeout, err)
		}
		return out, &cmdError{Cmd: c.Name + " " + strings.Join(c.Args, " "), Err: err, Output: out}
	}
	return out, nil
}

// killGroup sends SIGKILL to the process group led by pid.
func killGroup(pid int) error {
	if pid <= 0 {
		return nil
	}
	return syscall.Kill(-pid, syscall.SIGKILL)
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = append([]string{fmt.Sprintf("... (%d lines cut)", len(parts)-lines)}, parts[len(parts)-lines:]...)
	}
	return strings.Join(parts, "\n")
}

// lockedBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
