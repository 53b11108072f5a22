//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package ptytest

import (
	"os"

	"golang.org/x/sys/unix"
)

// canonical reads tty's termios with the ioctl req and reports ICANON. It
// goes through SyscallConn so as not to change the file's blocking mode.
func canonical(tty *os.File, req uint) (bool, error) {
	rc, err := tty.SyscallConn()
	if err != nil {
		return false, err
	}
	var (
		tio  *unix.Termios
		ierr error
	)
	if err := rc.Control(func(fd uintptr) {
		tio, ierr = unix.IoctlGetTermios(int(fd), req)
	}); err != nil {
		return false, err
	}
	if ierr != nil {
		return false, ierr
	}
	return tio.Lflag&unix.ICANON != 0, nil
}
