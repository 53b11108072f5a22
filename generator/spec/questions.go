package spec

import (
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
)

// Ask fills every answer not already given (by a flag or a config file)
// from the prompter, each question pre-filled with what detection and the
// earlier answers imply. In an empty folder the language comes first and
// the rest follow from the stack's defaults.
func Ask(p prompt.Prompter, f detect.Facts, a Answers, cat *catalog.Catalog, now time.Time) (Answers, error) {
	// current returns the Spec the answers so far would build, so each
	// question's default follows the earlier answers.
	current := func() Spec {
		s, _, err := Build(f, a, cat, now)
		if err != nil {
			return Spec{}
		}
		return s
	}
	if a.Language == "" {
		def := f.Language
		if def == "" {
			def = Languages[0]
		}
		v, err := p.Select(QLanguage, Languages, def)
		if err != nil {
			return a, err
		}
		a.Language = v
	}
	stack, _ := cat.Stack(a.Language)
	if a.Version == "" && stack != nil {
		v, err := p.Input(QVersion, current().Version, func(v string) error {
			_, err := stack.Resolve(v, true, now)
			return err
		})
		if err != nil {
			return a, err
		}
		a.Version = v
	}
	if a.Variant == "" && stack != nil {
		names := stack.VariantNames()
		labels := make([]string, len(names))
		for i, v := range stack.Variants {
			labels[i] = v.Name + " - " + v.Doc
		}
		def := labels[0]
		v, err := p.Select(QVariant, labels, def)
		if err != nil {
			return a, err
		}
		a.Variant, _, _ = strings.Cut(v, " - ")
	}
	if pms := PackageManagers[a.Language]; a.PackageManager == "" && len(pms) > 1 {
		v, err := p.Select(QPackageManager, pms, current().PackageManager)
		if err != nil {
			return a, err
		}
		a.PackageManager = v
	}
	if fws := Frameworks[a.Language]; a.Framework == "" && len(fws) > 0 {
		def := current().Framework
		if def == "" {
			def = "none"
		}
		v, err := p.Select(QFramework, append([]string{"none"}, fws...), def)
		if err != nil {
			return a, err
		}
		a.Framework = v
	}
	if a.Port == "" {
		v, err := p.Input(QPort, strconv.Itoa(current().Port), func(v string) error {
			_, err := ParsePort(v)
			return err
		})
		if err != nil {
			return a, err
		}
		a.Port = v
	}
	if a.Cmd == "" {
		v, err := p.Input(QCommand, shellquote.Join(current().Command...), func(v string) error {
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
