package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// Streams are the command's standard streams. Prompting is allowed only
// when both stdin and stdout are terminals; the Dockerfile goes to stdout
// with --stdout and every message goes to stderr.
type Streams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// Interactive reports whether questions may be asked.
	Interactive bool
}

// SystemStreams returns the process's streams.
func SystemStreams() Streams {
	return Streams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		Interactive: term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())),
	}
}
