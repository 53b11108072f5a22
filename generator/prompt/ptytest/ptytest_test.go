package ptytest_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/prompt/ptytest"
	"golang.org/x/term"
)

// recorder is a testing.TB that records Fatalf instead of failing the real
// test; cleanups go to the real test.
type recorder struct {
	testing.TB
	fatals []string
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

// greet is a small interactive program: it asks a name on the terminal and
// answers in colour.
func greet(tty *os.File) error {
	if !term.IsTerminal(int(tty.Fd())) {
		return errors.New("not a terminal")
	}
	fmt.Fprint(tty, "\x1b[1mName?\x1b[0m ")
	line, err := bufio.NewReader(tty).ReadString('\n')
	if err != nil {
		return err
	}
	fmt.Fprintf(tty, "Hello, \x1b[36m%s\x1b[0m!\n", strings.TrimSpace(line))
	return nil
}

func TestConsoleDrivesAProgram(t *testing.T) {
	c := ptytest.New(t)
	wait := c.Start(func() error { return greet(c.Tty()) })
	c.ExpectString("Name?")
	c.SendLine("Ada")
	c.ExpectString("Hello, Ada!") // matched with the colour codes removed
	if err := wait(); err != nil {
		t.Fatalf("program: %v", err)
	}
	if screen := c.Screen(); !strings.Contains(screen, "Name? Ada\nHello, Ada!") {
		t.Errorf("screen:\n%s\nwant the question, the echoed answer and the greeting", screen)
	}
}

func TestExpectStringTimeoutShowsScreen(t *testing.T) {
	r := &recorder{TB: t}
	c := ptytest.New(r)
	c.SetTimeout(300 * time.Millisecond)
	wait := c.Start(func() error { return greet(c.Tty()) })

	start := time.Now()
	c.ExpectString("Password?")
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("ExpectString gave up after %v, want about 300ms", elapsed)
	}
	if len(r.fatals) != 1 {
		t.Fatalf("Fatalf calls = %q, want one", r.fatals)
	}
	for _, want := range []string{`ExpectString("Password?")`, "timed out after 300ms", "screen:\nName?"} {
		if !strings.Contains(r.fatals[0], want) {
			t.Errorf("failure message %q does not contain %q", r.fatals[0], want)
		}
	}

	c.SendLine("Ada") // let the program finish
	if err := wait(); err != nil {
		t.Errorf("program: %v", err)
	}
}

func TestWaitTimeout(t *testing.T) {
	r := &recorder{TB: t}
	c := ptytest.New(r)
	c.SetTimeout(200 * time.Millisecond)
	wait := c.Start(func() error { return greet(c.Tty()) }) // never answered
	c.ExpectString("Name?")
	_ = wait()
	if len(r.fatals) != 1 || !strings.Contains(r.fatals[0], "did not return within 200ms") {
		t.Errorf("Fatalf calls = %q, want one saying the program did not return", r.fatals)
	}
	c.Close() // the program's read fails and it returns
	c.Close() // and closing twice is fine
}

func TestExpectRawModeFailsInLineMode(t *testing.T) {
	r := &recorder{TB: t}
	c := ptytest.New(r)
	c.SetTimeout(200 * time.Millisecond)
	wait := c.Start(func() error { return greet(c.Tty()) }) // reads lines: never raw
	c.ExpectString("Name?")
	c.ExpectRawMode()
	if len(r.fatals) != 1 || !strings.Contains(r.fatals[0], "still in line mode") {
		t.Errorf("Fatalf calls = %q, want one saying the terminal is in line mode", r.fatals)
	}
	c.SendLine("Ada")
	if err := wait(); err != nil {
		t.Errorf("program: %v", err)
	}
}
