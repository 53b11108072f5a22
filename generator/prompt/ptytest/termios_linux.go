package ptytest

import (
	"os"

	"golang.org/x/sys/unix"
)

// lineMode reports whether tty is in canonical (line) mode, where the
// terminal itself handles Ctrl-C, Backspace and friends.
func lineMode(tty *os.File) (bool, error) {
	return canonical(tty, unix.TCGETS)
}
