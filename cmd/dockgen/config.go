package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"

	"github.com/dockgen/dockgen/generator/spec"
	"gopkg.in/yaml.v3"
)

// answersFile is the YAML form of --config: the same names as the flags.
type answersFile struct {
	Language       string `yaml:"language"`
	RuntimeVersion string `yaml:"runtime-version"`
	Variant        string `yaml:"variant"`
	PackageManager string `yaml:"package-manager"`
	Framework      string `yaml:"framework"`
	Port           *int   `yaml:"port"`
	Cmd            string `yaml:"cmd"`
	Base           string `yaml:"base"`
	Main           string `yaml:"main"`
}

// readAnswers reads an answers file; unknown keys are errors.
func readAnswers(name string) (spec.Answers, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return spec.Answers{}, fmt.Errorf("--config %s: %w", name, unwrapPath(err))
	}
	var f answersFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return spec.Answers{}, fmt.Errorf("--config %s: %v", name, err)
	}
	a := spec.Answers{
		Language: f.Language, Version: f.RuntimeVersion, Variant: f.Variant,
		PackageManager: f.PackageManager, Framework: f.Framework, Cmd: f.Cmd, Base: f.Base, Main: f.Main,
	}
	if f.Port != nil {
		a.Port = strconv.Itoa(*f.Port)
	}
	return a, nil
}

// mergeAnswers fills the answers not given as flags from the config file.
func mergeAnswers(flags, file spec.Answers) spec.Answers {
	pick := func(a, b string) string {
		if a != "" {
			return a
		}
		return b
	}
	return spec.Answers{
		Language:       pick(flags.Language, file.Language),
		Version:        pick(flags.Version, file.Version),
		Variant:        pick(flags.Variant, file.Variant),
		PackageManager: pick(flags.PackageManager, file.PackageManager),
		Framework:      pick(flags.Framework, file.Framework),
		Port:           pick(flags.Port, file.Port),
		Cmd:            pick(flags.Cmd, file.Cmd),
		Base:           pick(flags.Base, file.Base),
		Main:           pick(flags.Main, file.Main),
	}
}

// templateFS layers a team template directory over the built-ins: a file
// in dir replaces the built-in file of the same path.
func templateFS(builtin fs.FS, dir string) (fs.FS, error) {
	if dir == "" {
		return builtin, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("--templates %s: %w", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return nil, usageError{fmt.Errorf("--templates %s: not a directory", dir)}
	}
	return overlayFS{top: os.DirFS(dir), bottom: builtin}, nil
}

// overlayFS serves files from top when they exist there, else from bottom.
type overlayFS struct{ top, bottom fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		return f, nil
	}
	return o.bottom.Open(name)
}

// Glob merges both layers' matches, so a team can add shared blocks.
func (o overlayFS) Glob(pattern string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, l := range []fs.FS{o.top, o.bottom} {
		m, err := fs.Glob(l, pattern)
		if err != nil {
			return nil, err
		}
		for _, n := range m {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out, nil
}
