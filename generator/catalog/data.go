package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// catalogYAML is the embedded catalog; its format is documented at its top.
//
//go:embed catalog.yaml
var catalogYAML []byte

// embedded parses catalog.yaml once; the data is immutable, so every
// caller shares it.
var embedded = sync.OnceValue(func() *Catalog {
	c, err := Parse(catalogYAML)
	if err != nil {
		panic("generator/catalog: catalog.yaml: " + err.Error())
	}
	return c
})

// file is catalog.yaml as written.
type file struct {
	Stacks []struct {
		Language string `yaml:"language"`
		Image    string `yaml:"image"`
		Product  string `yaml:"product"`
		Default  string `yaml:"default"`
		User     string `yaml:"user"`
		Vendor   bool   `yaml:"vendor"`
		Parts    int    `yaml:"line-parts"`
		Lines    []struct {
			Version       string              `yaml:"version"`
			EOL           string              `yaml:"eol"`
			Security      string              `yaml:"security"`
			LTS           bool                `yaml:"lts"`
			Retired       bool                `yaml:"retired"`
			Architectures map[string][]string `yaml:"architectures"`
			Suffix        map[string]string   `yaml:"suffix"`
			Runtime       map[string]string   `yaml:"runtime"`
			BuildPM       map[string]string   `yaml:"build-pm"`
		} `yaml:"lines"`
		Variants []struct {
			Name          string            `yaml:"name"`
			Suffix        string            `yaml:"suffix"`
			OS            string            `yaml:"os"`
			Architectures []string          `yaml:"architectures"`
			Runtime       string            `yaml:"runtime"`
			Build         string            `yaml:"build"`
			BuildPM       map[string]string `yaml:"build-pm"`
			Final         string            `yaml:"final"`
			Doc           string            `yaml:"doc"`
		} `yaml:"variants"`
	} `yaml:"stacks"`
	Runtimes []struct {
		Ref           string   `yaml:"ref"`
		OS            string   `yaml:"os"`
		Architectures []string `yaml:"architectures"`
	} `yaml:"runtimes"`
	OS []struct {
		Name     string   `yaml:"name"`
		Image    string   `yaml:"image"`
		Tags     []string `yaml:"tags"`
		EOL      string   `yaml:"eol"`
		Security string   `yaml:"security"`
	} `yaml:"os"`
}

// Parse reads a catalog in catalog.yaml's format and checks that it is
// consistent: every default line and variant exists, every variant's OS
// and runtime image is defined, and architecture overrides name variants.
func Parse(data []byte) (*Catalog, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	c := &Catalog{}
	for _, o := range f.OS {
		eol, err := parseDate(o.EOL)
		if err != nil {
			return nil, fmt.Errorf("os %s: %w", o.Name, err)
		}
		sec, err := parseDate(o.Security)
		if err != nil {
			return nil, fmt.Errorf("os %s: %w", o.Name, err)
		}
		c.oses = append(c.oses, OS{Name: o.Name, Image: o.Image, Tags: o.Tags, EOL: eol, SecurityOnly: sec})
	}
	knownOS := func(name string) bool { _, ok := c.OSNamed(name); return ok }
	for _, r := range f.Runtimes {
		if r.OS != "" && !knownOS(r.OS) {
			return nil, fmt.Errorf("runtime %s: os %q is not under os:", r.Ref, r.OS)
		}
		c.runtimes = append(c.runtimes, Runtime{Ref: r.Ref, OS: r.OS, Architectures: r.Architectures})
	}
	for _, fs := range f.Stacks {
		s := Stack{Language: fs.Language, Image: fs.Image, Product: fs.Product, Default: fs.Default, User: fs.User, Vendor: fs.Vendor, LineParts: fs.Parts}
		for _, fv := range fs.Variants {
			if !knownOS(fv.OS) {
				return nil, fmt.Errorf("%s variant %s: os %q is not under os:", s.Language, fv.Name, fv.OS)
			}
			if _, ok := c.Runtime(fv.Runtime); fv.Runtime != "" && !ok {
				return nil, fmt.Errorf("%s variant %s: runtime %q is not under runtimes:", s.Language, fv.Name, fv.Runtime)
			}
			if len(fv.Architectures) == 0 {
				return nil, fmt.Errorf("%s variant %s: no architectures", s.Language, fv.Name)
			}
			if fv.Runtime != "" && fv.Final != "" {
				return nil, fmt.Errorf("%s variant %s: give runtime or final, not both", s.Language, fv.Name)
			}
			s.Variants = append(s.Variants, Variant{Name: fv.Name, Suffix: fv.Suffix, OS: fv.OS,
				Architectures: fv.Architectures, Runtime: fv.Runtime, Build: fv.Build, BuildPM: fv.BuildPM,
				Final: fv.Final, Doc: fv.Doc})
		}
		if len(s.Variants) == 0 {
			return nil, fmt.Errorf("%s: no variants", s.Language)
		}
		for _, fl := range fs.Lines {
			eol, err := parseDate(fl.EOL)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", s.Language, fl.Version, err)
			}
			sec, err := parseDate(fl.Security)
			if err != nil {
				return nil, fmt.Errorf("%s %s: %w", s.Language, fl.Version, err)
			}
			for v := range fl.Architectures {
				if _, ok := s.Variant(v); !ok || v == "" {
					return nil, fmt.Errorf("%s %s: architectures for unknown variant %q", s.Language, fl.Version, v)
				}
			}
			for v := range fl.Suffix {
				if _, ok := s.Variant(v); !ok || v == "" {
					return nil, fmt.Errorf("%s %s: suffix for unknown variant %q", s.Language, fl.Version, v)
				}
			}
			for v, rt := range fl.Runtime {
				if _, ok := s.Variant(v); !ok || v == "" {
					return nil, fmt.Errorf("%s %s: runtime for unknown variant %q", s.Language, fl.Version, v)
				}
				if _, ok := c.Runtime(rt); !ok {
					return nil, fmt.Errorf("%s %s: runtime %q is not under runtimes:", s.Language, fl.Version, rt)
				}
			}
			s.Lines = append(s.Lines, Line{Version: fl.Version, BuildPM: fl.BuildPM, EOL: eol, SecurityOnly: sec, LTS: fl.LTS,
				Retired: fl.Retired, Architectures: fl.Architectures, Suffixes: fl.Suffix, Runtimes: fl.Runtime})
		}
		if l, ok := s.Line(s.Default); !ok || l.Retired {
			return nil, fmt.Errorf("%s: default line %q is not a published line", s.Language, s.Default)
		}
		c.stacks = append(c.stacks, s)
	}
	return c, nil
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return t, nil
}
