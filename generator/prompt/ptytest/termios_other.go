//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package ptytest

import (
	"errors"
	"os"
)

// lineMode is not implemented on this system.
func lineMode(*os.File) (bool, error) {
	return false, errors.New("reading the terminal mode is not supported on this system")
}
