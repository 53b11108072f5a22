// Package ptytest drives a program through a pseudo-terminal in tests: the
// program gets the terminal side (Tty) as its stdin/stdout/stderr, and the
// test waits for text and types keys, like a user at a real terminal.
//
// It wraps github.com/Netflix/go-expect with a github.com/hinshun/vt10x
// screen, as survey's own tests do. Like go-expect, it reads the program's
// output only while the test waits for something (ExpectString, or the wait
// function of Start), and stops right after what it waited for. That is what
// keeps survey's prompts deterministic: survey asks the terminal for the
// cursor position (ESC[6n) before it reads an answer, the screen replies only
// while output is being read, and survey drops keys typed right after such a
// reply but keeps keys typed before it. So the keys a test sends always come
// before the reply.
//
// The consequence for a test: after the last keys, keep the terminal running
// until the program returns, with the wait function of Start (or another
// ExpectString); a bare channel receive would leave survey waiting for a
// reply for ever.
//
// A test of a whole command:
//
//	c := ptytest.New(t)
//	wait := c.Start(func() error {
//		return run([]string{"init", dir}, c.Tty(), c.Tty(), c.Tty()) // stdin, stdout, stderr
//	})
//	c.ExpectString("Language?")
//	c.Send("\x1b[B") // arrow down
//	c.SendLine("")    // Enter
//	c.ExpectString("Port? (8000)")
//	c.SendLine("3000")
//	c.ExpectString("Write these files?")
//	c.SendLine("y")
//	if err := wait(); err != nil {
//		t.Fatal(err)
//	}
//
// Only tests should import it.
package ptytest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
)

// DefaultTimeout is how long ExpectString and Start's wait function wait,
// unless SetTimeout changes it.
const DefaultTimeout = 10 * time.Second

// Size of the emulated screen, and of the terminal the program sees.
const (
	Cols = 80
	Rows = 24
)

// readSlice bounds each blocking read, so waits can check their deadline and
// Start's wait can notice the program has returned.
const readSlice = 50 * time.Millisecond

// Console is a pseudo-terminal with a recorded screen. Its methods report
// failures to the testing.TB given to New, with t.Fatalf, so call them from
// the test's goroutine and run the program under test in another (Start).
type Console struct {
	t       testing.TB
	console *expect.Console
	term    vt10x.Terminal
	timeout time.Duration

	mu    sync.Mutex
	text  []byte   // output read so far, escape sequences removed
	strip stripper // state of the escape-sequence filter writing text
	pos   int      // where the next ExpectString starts looking

	closeOnce sync.Once
}

// New returns a console whose Tty() is the slave side (give it to the program
// as stdin/stdout/stderr) and which records the screen. It is closed when the
// test ends; call Close to close it earlier.
func New(t testing.TB) *Console {
	t.Helper()
	c := &Console{t: t, timeout: DefaultTimeout}
	// The screen answers the program's terminal queries (cursor position) by
	// typing into the console, as a real terminal would.
	replies := &lateWriter{}
	c.term = vt10x.New(vt10x.WithSize(Cols, Rows), vt10x.WithWriter(replies))
	console, err := expect.NewConsole(expect.WithStdout(c.term, (*textWriter)(c)))
	if err != nil {
		t.Fatalf("ptytest: opening a pseudo-terminal: %v", err)
	}
	c.console = console
	replies.set(console)
	if err := pty.Setsize(console.Tty(), &pty.Winsize{Cols: Cols, Rows: Rows}); err != nil {
		_ = console.Close()
		t.Fatalf("ptytest: sizing the pseudo-terminal: %v", err)
	}
	t.Cleanup(c.Close)
	return c
}

// SetTimeout changes how long ExpectString and Start's wait function wait.
func (c *Console) SetTimeout(d time.Duration) { c.timeout = d }

// Tty returns the terminal side of the pseudo-terminal: pass it to the
// program as stdin, stdout and stderr. It is a real terminal (term.IsTerminal
// is true) of Cols x Rows.
func (c *Console) Tty() *os.File { return c.console.Tty() }

// ExpectString reads the program's output until s appears after the text
// matched by the previous ExpectString, and stops right after it. The output
// is searched with terminal escape sequences (colours, cursor moves)
// removed, so "? Port? 8000" matches however survey colours it. On timeout,
// or if the terminal is closed first, it fails the test with the output not
// yet matched and the screen.
func (c *Console) ExpectString(s string) {
	c.t.Helper()
	found := func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		i := bytes.Index(c.text[c.pos:], []byte(s))
		if i < 0 {
			return false
		}
		c.pos += i + len(s)
		return true
	}
	if err := c.readUntil(found, time.Now().Add(c.timeout)); err != nil {
		c.mu.Lock()
		unread := string(c.text[c.pos:])
		c.mu.Unlock()
		c.t.Fatalf("ptytest: ExpectString(%q): %v\noutput since the last match:\n%q\nscreen:\n%s", s, err, unread, c.Screen())
	}
}

// Start runs fn, the program under test, in a new goroutine, and returns a
// function that waits for fn to return and gives back its error. While it
// waits, the terminal keeps reading the program's output and answering its
// queries; if fn has not returned within the timeout, the wait fails the
// test with the screen.
func (c *Console) Start(fn func() error) (wait func() error) {
	done := make(chan error, 1)
	go func() { done <- fn() }()
	var (
		once sync.Once
		err  error
	)
	return func() error {
		c.t.Helper()
		once.Do(func() {
			c.t.Helper()
			deadline := time.Now().Add(c.timeout)
			returned := false
			finished := func() bool {
				select {
				case err = <-done:
					returned = true
				default:
				}
				return returned
			}
			if rerr := c.readUntil(finished, deadline); rerr != nil && !returned {
				// The terminal is closed: nothing to read, but fn may still return.
				select {
				case err = <-done:
					returned = true
				case <-time.After(time.Until(deadline)):
				}
			}
			if !returned {
				c.t.Fatalf("ptytest: the program did not return within %v\nscreen:\n%s", c.timeout, c.Screen())
			}
		})
		return err
	}
}

// readUntil reads output (one rune at a time, feeding the screen and the
// text) until cond is true, and returns an error if the deadline passes or
// the terminal is closed first.
func (c *Console) readUntil(cond func() bool, deadline time.Time) error {
	m := condMatcher(cond)
	for !cond() {
		left := time.Until(deadline)
		if left <= 0 {
			return fmt.Errorf("timed out after %v", c.timeout)
		}
		_, err := c.console.Expect(func(o *expect.ExpectOpts) error {
			o.Matchers = append(o.Matchers, m)
			return nil
		}, expect.WithTimeout(min(left, readSlice)))
		switch {
		case err == nil:
			return nil
		case errors.Is(err, os.ErrDeadlineExceeded):
			// Nothing to read for a while: check cond and the deadline again.
		default:
			return fmt.Errorf("reading the terminal: %w", err)
		}
	}
	return nil
}

// condMatcher is an expect.Matcher satisfied when its function returns true,
// checked after each rune read.
type condMatcher func() bool

func (m condMatcher) Match(v interface{}) bool {
	_, isOutput := v.(*bytes.Buffer) // go-expect also offers read errors
	return isOutput && m()
}

func (m condMatcher) Criteria() interface{} { return "condition" }

// ExpectRawMode waits until the program has switched the terminal out of
// line (canonical) mode, as survey does once a question is drawn and it is
// ready to read keys. Until then the terminal itself handles Ctrl-C
// (swallowed and echoed as ^C), Ctrl-D, Backspace and Ctrl-U, so call it
// after ExpectString(question) and before sending those; plain text, arrows
// and Enter are kept for the program either way. It fails the test on
// timeout.
func (c *Console) ExpectRawMode() {
	c.t.Helper()
	deadline := time.Now().Add(c.timeout)
	for {
		line, err := lineMode(c.Tty())
		if err != nil {
			c.t.Fatalf("ptytest: ExpectRawMode: %v", err)
			return
		}
		if !line {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("ptytest: ExpectRawMode: the terminal is still in line mode after %v\nscreen:\n%s", c.timeout, c.Screen())
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// Send types s, as is: e.g. "\x1b[B" is arrow down, "\r" is Enter, "\x03" is
// Ctrl-C (see ExpectRawMode).
func (c *Console) Send(s string) {
	c.t.Helper()
	if _, err := c.console.Send(s); err != nil {
		c.t.Fatalf("ptytest: Send(%q): %v", s, err)
	}
}

// SendLine types s followed by Enter.
func (c *Console) SendLine(s string) {
	c.t.Helper()
	if _, err := c.console.SendLine(s); err != nil {
		c.t.Fatalf("ptytest: SendLine(%q): %v", s, err)
	}
}

// Screen returns what the emulated terminal shows now (as of the output read
// so far): one line per row, trailing spaces and empty rows at the bottom
// removed.
func (c *Console) Screen() string {
	lines := strings.Split(c.term.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \x00")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// Output returns the program's output read so far, escape sequences removed.
func (c *Console) Output() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return string(c.text)
}

// Close closes both sides of the pseudo-terminal; a program still using its
// Tty gets errors. It is safe to call more than once.
func (c *Console) Close() {
	c.closeOnce.Do(func() { _ = c.console.Close() })
}

// textWriter appends output to the Console's text, dropping escape sequences.
type textWriter Console

func (w *textWriter) Write(p []byte) (int, error) {
	c := (*Console)(w)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.text = c.strip.appendPlain(c.text, p)
	return len(p), nil
}

// stripper removes ANSI escape sequences from a stream that may split them
// across writes: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \)
// and two-byte ESC sequences.
type stripper struct{ state int }

const (
	stGround = iota
	stEsc
	stCSI
	stOSC
	stOSCEsc
)

// appendPlain appends p to dst without its escape sequences.
func (s *stripper) appendPlain(dst, p []byte) []byte {
	for _, b := range p {
		switch s.state {
		case stGround:
			if b == 0x1b {
				s.state = stEsc
			} else {
				dst = append(dst, b)
			}
		case stEsc:
			switch b {
			case '[':
				s.state = stCSI
			case ']':
				s.state = stOSC
			default:
				s.state = stGround
			}
		case stCSI:
			if b >= 0x40 && b <= 0x7e {
				s.state = stGround
			}
		case stOSC:
			switch b {
			case 0x07:
				s.state = stGround
			case 0x1b:
				s.state = stOSCEsc
			}
		case stOSCEsc:
			s.state = stGround
		}
	}
	return dst
}

// lateWriter forwards to a writer set after it is created: the screen needs
// somewhere to send its replies before the console exists.
type lateWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lateWriter) set(w io.Writer) {
	l.mu.Lock()
	l.w = w
	l.mu.Unlock()
}

func (l *lateWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	w := l.w
	l.mu.Unlock()
	if w == nil {
		return len(p), nil
	}
	return w.Write(p)
}
