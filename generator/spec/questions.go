package spec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/kballard/go-shellquote"
)

// Question labels, exported so tests can answer them by name.
const (
	QLanguage       = "Language?"
	QVersion        = "Runtime version?"
	QVariant        = "Image variant?"
	QPackageManager = "Package manager?"
	QFramework      = "Framework?"
	QPort           = "Port the service listens on (0 for none)?"
	QCommand        = "Start command?"
	// QMain is asked only when detection found several Go main packages.
	QMain = "Main package to build?"
	// QBinary is asked only when detection found several Rust binaries.
	QBinary = "Binary to build?"
	// QProject is asked only when detection found several .NET
	// application projects.
	QProject = "Project to publish?"
)

// Ask asks every question that given (the flags) does not answer, each
// pre-filled with what preset (config files, recorded answers), detection
// and the earlier answers imply; Enter accepts it. In an empty folder the
// language comes first and the rest follow from the stack's defaults.
func Ask(p prompt.Prompter, f detect.Facts, preset, given Answers, cat *catalog.Catalog, now time.Time) (Answers, error) {
	a := MergeAnswers(given, preset)
	// current returns the Spec the answers so far would build, so each
	// question's default follows the earlier answers.
	current := func() Spec {
		s, _, _ := Build(f, a, cat, now)
		return s // on an error: the zero Spec, or all but the command
	}
	if given.Language == "" {
		def := a.Language
		if def == "" {
			def = f.Language
		}
		if def == "" {
			def = Languages[0]
		}
		v, err := p.Select(noted(QLanguage, f, "language", def == f.Language && f.Language != ""), Languages, def)
		if err != nil {
			return a, err
		}
		if v != a.Language && a.Language != "" {
			// Another language: the preset answers belong to the old one.
			a = given
		}
		a.Language = v
	}
	stack, _ := cat.Stack(a.Language)
	if given.Version == "" && stack != nil {
		q := noted(QVersion, f, "version", a.Language == f.Language && a.Version == "" && f.Version != (detect.VersionReq{}))
		v, err := p.Input(q, current().Version, func(v string) error {
			_, err := stack.Resolve(v, true, now)
			return err
		})
		if err != nil {
			return a, err
		}
		a.Version = v
	}
	if given.Variant == "" && stack != nil {
		names := stack.VariantNames()
		labels := make([]string, len(names))
		def := ""
		for i, v := range stack.Variants {
			labels[i] = v.Name + " - " + v.Doc
			if v.Name == current().Variant {
				def = labels[i]
			}
		}
		v, err := p.Select(QVariant, labels, def)
		if err != nil {
			return a, err
		}
		a.Variant, _, _ = strings.Cut(v, " - ")
	}
	if pms := PackageManagers[a.Language]; given.PackageManager == "" && len(pms) > 1 {
		v, err := p.Select(noted(QPackageManager, f, "package_manager", a.Language == f.Language && f.PackageManager != ""), pms, current().PackageManager)
		if err != nil {
			return a, err
		}
		a.PackageManager = v
	}
	if fws := Frameworks[a.Language]; given.Framework == "" && len(fws) > 0 {
		def := current().Framework
		if def == "" {
			def = "none"
		}
		v, err := p.Select(noted(QFramework, f, "framework", a.Language == f.Language && f.Framework != ""), append([]string{"none"}, fws...), def)
		if err != nil {
			return a, err
		}
		a.Framework = v
	}
	if given.Main == "" && len(f.Mains) > 1 && a.Language == f.Language {
		// Several things to build: ask which, the detected choice first.
		q, def := QMain, current().GoMain
		if a.Language == "rust" {
			q, def = QBinary, current().Binary
		}
		if a.Language == "dotnet" {
			q, def = QProject, current().Project
		}
		if !slices.Contains(f.Mains, def) {
			def = f.Mains[0]
		}
		v, err := p.Select(q, f.Mains, def)
		if err != nil {
			return a, err
		}
		a.Main = v
	}
	if given.Port == "" {
		port := current().Port
		q := noted(QPort, f, "port", a.Language == f.Language && a.Port == "" && f.Port != 0 && port == f.Port)
		v, err := p.Input(q, strconv.Itoa(port), func(v string) error {
			_, err := ParsePort(v)
			return err
		})
		if err != nil {
			return a, err
		}
		a.Port = v
	}
	if given.Cmd == "" {
		cmd := current().Command
		q := noted(QCommand, f, "command", a.Language == f.Language && a.Cmd == "" && len(f.Command) > 0 && slices.Equal(cmd, f.Command))
		v, err := p.Input(q, shellquote.Join(cmd...), func(v string) error {
			_, err := ParseCommand(v)
			return err
		})
		if err != nil {
			return a, err
		}
		a.Cmd = v
	}
	return a, nil
}

// MergeAnswers combines answer layers, highest first: each answer comes
// from the highest layer that gives it. A layer that names a different
// language than a higher one is skipped whole, since its runtime version,
// package manager and command belong to that other language.
func MergeAnswers(layers ...Answers) Answers {
	var out Answers
	pick := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	for _, a := range layers {
		if out.Language != "" && a.Language != "" && a.Language != out.Language {
			continue
		}
		// An answer keeps the source of the layer it comes from.
		for key, src := range a.Sources {
			if out.Get(key) == "" && a.Get(key) != "" {
				out = out.WithSource(key, src)
			}
		}
		pick(&out.Language, a.Language)
		pick(&out.Version, a.Version)
		pick(&out.Variant, a.Variant)
		pick(&out.PackageManager, a.PackageManager)
		pick(&out.Framework, a.Framework)
		pick(&out.Port, a.Port)
		pick(&out.Cmd, a.Cmd)
		pick(&out.Base, a.Base)
		pick(&out.Main, a.Main)
		pick(&out.BuildTool, a.BuildTool)
		pick(&out.NodeVersion, a.NodeVersion)
	}
	return out
}

// noted adds to question q what else detection saw for field, so an
// ambiguity (two languages, two lockfiles, two frameworks) is shown where
// it is decided: "Package manager? (detected from yarn.lock; also
// found npm in package-lock.json)". The default stays the detected winner.
// Without candidates, or when the question is not about the detected
// stack (show is false), q is returned unchanged.
func noted(q string, f detect.Facts, field string, show bool) string {
	if !show {
		return q
	}
	for _, e := range f.Evidence {
		if e.Field != field || len(e.Candidates) == 0 {
			continue
		}
		var also []string
		for _, c := range e.Candidates {
			if c.Value != "" {
				also = append(also, c.Value+" in "+c.File)
			} else {
				also = append(also, c.File)
			}
		}
		return fmt.Sprintf("%s (detected from %s; also found %s)", q, e.File, strings.Join(also, ", "))
	}
	// A detected default says so, so it does not look like a built-in one.
	// A guess is labelled as one.
	for _, e := range f.Evidence {
		if e.Field == field && e.File != "" {
			if strings.Contains(e.Reason, "convention") {
				return fmt.Sprintf("%s (a convention; no file names it)", q)
			}
			return fmt.Sprintf("%s (detected from %s)", q, e.File)
		}
	}
	return q
}
