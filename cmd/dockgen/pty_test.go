package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/prompt/ptytest"
	"github.com/dockgen/dockgen/generator/spec"
)

// TestInitInTerminal drives the real survey prompts of `dockgen init` in a
// pseudo-terminal, as a user would: in an empty folder, pressing Enter at
// every question writes a Dockerfile for the default stack.
func TestInitInTerminal(t *testing.T) {
	dir := t.TempDir()
	c := ptytest.New(t)
	deps := DefaultDeps(Streams{In: c.Tty(), Out: c.Tty(), ErrOut: c.Tty(), Interactive: true})
	wait := c.Start(func() error {
		if code := Run([]string{"init", dir}, deps); code != 0 {
			t.Errorf("dockgen init exited %d", code)
		}
		return nil
	})
	for _, q := range []string{spec.QLanguage, spec.QVersion, spec.QVariant, spec.QPackageManager, spec.QFramework, spec.QPort, spec.QCommand} {
		c.ExpectString(q)
		c.SendLine("")
	}
	c.ExpectString("create  Dockerfile")
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"FROM python:3.14-slim-trixie\n", "USER app\n", "EXPOSE 8000\n", `CMD ["python", "main.py"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
}

// Arrow keys pick another option: the chosen language is rendered.
func TestInitInTerminalPicksGo(t *testing.T) {
	dir := t.TempDir()
	c := ptytest.New(t)
	deps := DefaultDeps(Streams{In: c.Tty(), Out: c.Tty(), ErrOut: c.Tty(), Interactive: true})
	wait := c.Start(func() error {
		if code := Run([]string{"init", dir}, deps); code != 0 {
			t.Errorf("dockgen init exited %d", code)
		}
		return nil
	})
	c.ExpectString(spec.QLanguage)
	c.Send("\x1b[B\x1b[B") // python -> node -> go
	c.SendLine("")
	c.ExpectString(spec.QVersion)
	c.SendLine("1.26")
	c.ExpectString(spec.QVariant)
	c.SendLine("")
	c.ExpectString(spec.QFramework)
	c.SendLine("")
	c.ExpectString(spec.QPort)
	c.SendLine("9000")
	c.ExpectString(spec.QCommand)
	c.SendLine("")
	c.ExpectString("create  Dockerfile")
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"FROM golang:1.26-trixie AS build\n", "FROM scratch\n", "EXPOSE 9000\n"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
}

// TestInitInTerminalExistingDockerfile: in a real terminal, a Dockerfile
// that is there is asked about first; after "y" and Enter at every
// question, the change is shown, the file replaced, and the next steps
// printed.
func TestInitInTerminalExistingDockerfile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "Dockerfile"), "FROM busybox:1.37\n")
	c := ptytest.New(t)
	deps := DefaultDeps(Streams{In: c.Tty(), Out: c.Tty(), ErrOut: c.Tty(), Interactive: true})
	wait := c.Start(func() error {
		if code := Run([]string{"init", dir}, deps); code != 0 {
			t.Errorf("dockgen init exited %d", code)
		}
		return nil
	})
	c.ExpectString("Dockerfile exists. Replace it?")
	c.SendLine("y")
	for _, q := range []string{spec.QLanguage, spec.QVersion, spec.QVariant, spec.QPackageManager, spec.QFramework, spec.QPort, spec.QCommand} {
		c.ExpectString(q)
		c.SendLine("")
	}
	c.ExpectString("-FROM busybox:1.37")
	c.ExpectString("replace Dockerfile")
	c.ExpectString("next: docker build -t ")
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	if df := readFile(t, filepath.Join(dir, "Dockerfile")); !strings.Contains(df, "FROM python:3.14-slim-trixie\n") {
		t.Errorf("Dockerfile not replaced:\n%s", df)
	}
}

// TestInitInTerminalMarksDetected: in a repository, a question whose
// default was detected says where it came from, so it does not look like a
// built-in default; Enter at each accepts detection.
func TestInitInTerminalMarksDetected(t *testing.T) {
	dir := copyFixture(t, "go-root")
	c := ptytest.New(t)
	deps := DefaultDeps(Streams{In: c.Tty(), Out: c.Tty(), ErrOut: c.Tty(), Interactive: true})
	wait := c.Start(func() error {
		if code := Run([]string{"init", dir}, deps); code != 0 {
			t.Errorf("dockgen init exited %d", code)
		}
		return nil
	})
	for _, q := range []string{spec.QLanguage + " (detected from go.mod)", spec.QVersion + " (detected from go.mod)", spec.QVariant, spec.QFramework, spec.QPort, spec.QCommand} {
		c.ExpectString(q)
		c.SendLine("")
	}
	c.ExpectString("create  Dockerfile")
	c.ExpectString("next: docker build -t ")
	if err := wait(); err != nil {
		t.Fatal(err)
	}
}
