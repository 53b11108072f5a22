// Package config reads dockgen's layered configuration: the organisation's
// config.yaml, the repository's .dockgen.yaml and answers files. Each holds
// defaults for the answers, a registry mirror, image labels and a policy;
// .dockgen.yaml also holds the answers init recorded, for replay.
//
// It knows nothing of flags or prompts: the caller passes the environment
// lookup and the flag values in.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/distribution/reference"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/kballard/go-shellquote"
	"gopkg.in/yaml.v3"
)

// Answers are the answer keys, named as the init flags. A key that is
// absent is not given.
type Answers struct {
	Language       string `yaml:"language,omitempty"`
	RuntimeVersion string `yaml:"runtime-version,omitempty"`
	Variant        string `yaml:"variant,omitempty"`
	PackageManager string `yaml:"package-manager,omitempty"`
	Framework      string `yaml:"framework,omitempty"`
	Port           *int   `yaml:"port,omitempty"`
	Cmd            string `yaml:"cmd,omitempty"`
	Base           string `yaml:"base,omitempty"`
	Main           string `yaml:"main,omitempty"`
	// BuildTool is a front end's bundler (static sites: vite, cra, ...).
	BuildTool string `yaml:"build-tool,omitempty"`
	// NodeVersion is the Node.js line of a front-end build, when given
	// with --node-version rather than read from the repository.
	NodeVersion string `yaml:"node-version,omitempty"`
	// Compose is true when init also writes compose.yaml (init --compose).
	Compose bool `yaml:"compose,omitempty"`
}

// Spec converts the answers to spec.Answers ("" for absent).
func (a Answers) Spec() spec.Answers {
	out := spec.Answers{
		Language: a.Language, Version: a.RuntimeVersion, Variant: a.Variant,
		PackageManager: a.PackageManager, Framework: a.Framework, Cmd: a.Cmd, Base: a.Base, Main: a.Main,
		BuildTool: a.BuildTool, NodeVersion: a.NodeVersion,
	}
	if a.Port != nil {
		out.Port = strconv.Itoa(*a.Port)
	}
	return out
}

// FromSpec is the full set of answers that reproduces s: what init records.
func FromSpec(s spec.Spec) Answers {
	port := s.Port
	a := Answers{
		Language: s.Language, RuntimeVersion: s.Version, Variant: s.Variant,
		PackageManager: s.PackageManager, Framework: s.Framework, Port: &port,
		Cmd: shellquote.Join(s.Command...),
	}
	if a.Framework == "" && len(spec.Frameworks[s.Language]) > 0 {
		a.Framework = "none" // recorded, so a replay does not detect one
	}
	if s.BaseOverridden {
		a.Base = s.BaseImage
	}
	a.BuildTool = s.BuildTool
	if s.NodeVersionSource == "--node-version" {
		a.NodeVersion = s.NodeVersion
	}
	switch s.Language {
	case "go":
		a.Main = s.GoMain
	case "rust":
		a.Main = s.Binary
	case "dotnet":
		a.Main = s.Project
	}
	return a
}

// Policy rules. Each is checked on the rendered Dockerfile.
const (
	RuleAllowedBases = "allowed-bases"
	RuleNonRoot      = "non-root"
	RuleDigestPin    = "digest-pin"
	RuleHealthcheck  = "healthcheck"
)

// Policy is what a team requires of every rendered Dockerfile.
type Policy struct {
	// AllowedBases are globs (path.Match) every FROM image must match,
	// e.g. "mirror.example.com/library/python:*".
	AllowedBases []string `yaml:"allowed-bases,omitempty"`
	// NonRoot requires the final stage to end with a non-root USER.
	NonRoot bool `yaml:"non-root,omitempty"`
	// DigestPin requires every FROM image to carry an @sha256: digest.
	DigestPin bool `yaml:"digest-pin,omitempty"`
	// Healthcheck requires a HEALTHCHECK in the final stage.
	Healthcheck bool `yaml:"healthcheck,omitempty"`
}

// LayerID identifies one template layer a rendering used.
type LayerID struct {
	Layer string `yaml:"layer"`
	Path  string `yaml:"path,omitempty"`
	Hash  string `yaml:"hash"`
}

// File is one configuration file: the organisation's config.yaml, a
// repository's .dockgen.yaml, or an answers file (--config, --answers).
type File struct {
	// Answers are defaults for the answers, at the top level.
	Answers `yaml:",inline"`
	// Mirror is a registry prefix for every catalog image,
	// e.g. "mirror.example.com/library/".
	Mirror string `yaml:"mirror,omitempty"`
	// Labels are added to the final stage as one LABEL instruction.
	Labels map[string]string `yaml:"labels,omitempty"`
	// Policy is checked on every rendered Dockerfile.
	Policy Policy `yaml:"policy,omitempty"`
	// Recorded are the answers init recorded (the answers: section); they
	// win over the top-level defaults of the same file.
	Recorded *Answers `yaml:"answers,omitempty"`
	// Templates are the template layers of the recorded rendering.
	Templates []LayerID `yaml:"templates,omitempty"`

	// Path is where the file was read from.
	Path string `yaml:"-"`
	// lines are the lines of the answer keys, "port" for the top level and
	// "answers.port" for the recorded section, so a value that fails
	// validation is reported at its file and line.
	lines map[string]int
}

// AllAnswers are the file's answers: the recorded ones over the defaults.
// Each answer carries its source ("FILE:LINE: key"), for errors.
func (f *File) AllAnswers() spec.Answers {
	if f == nil {
		return spec.Answers{}
	}
	top := f.withSources(f.Answers.Spec(), "")
	if f.Recorded == nil {
		return top
	}
	return spec.MergeAnswers(f.withSources(f.Recorded.Spec(), "answers."), top)
}

// withSources names this file (and the key's line) as the source of each
// answer a gives.
func (f *File) withSources(a spec.Answers, prefix string) spec.Answers {
	for _, key := range answerKeys {
		if a.Get(key) == "" {
			continue
		}
		src := f.Path
		if line := f.lines[prefix+key]; line > 0 {
			src = fmt.Sprintf("%s:%d", f.Path, line)
		}
		a = a.WithSource(key, src+": "+prefix+key)
	}
	return a
}

// keys are the known keys of each mapping, for unknown-key errors.
var (
	answerKeys = []string{"language", "runtime-version", "variant", "package-manager", "framework", "port", "cmd", "base", "main", "build-tool", "node-version", "compose"}
	topKeys    = append(slices.Clone(answerKeys), "mirror", "labels", "policy", "answers", "templates")
	policyKeys = []string{RuleAllowedBases, RuleNonRoot, RuleDigestPin, RuleHealthcheck}
	layerKeys  = []string{"layer", "path", "hash"}
)

var labelKey = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?$`)

// Read reads and parses a configuration file.
// Only a regular file of at most 1 MiB is read (a named pipe would hang).
func Read(name string) (*File, error) {
	b, err := readRegular(name, 1<<20)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return Parse(name, b)
}

// Parse parses a configuration file's content. An unknown key is an error
// naming the file and line, with the nearest known key as a suggestion; a
// value that cannot be used (a mirror that makes no image reference, a
// label with a line break, a bad glob) is an error too.
func Parse(name string, data []byte) (*File, error) {
	f := &File{Path: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(doc.Content) == 0 {
		return f, nil // empty file
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping of keys (language: ..., policy: ...)", name, root.Line)
	}
	if err := checkKeys(name, root, topKeys, ""); err != nil {
		return nil, err
	}
	f.lines = map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i].Value, root.Content[i+1]
		f.lines[k] = root.Content[i].Line
		if k == "answers" && v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				f.lines["answers."+v.Content[j].Value] = v.Content[j].Line
			}
		}
		var err error
		switch k {
		case "policy":
			err = checkKeys(name, v, policyKeys, "policy.")
		case "answers":
			err = checkKeys(name, v, answerKeys, "answers.")
		case "templates":
			if v.Kind == yaml.SequenceNode {
				for _, item := range v.Content {
					if err = checkKeys(name, item, layerKeys, "templates[]."); err != nil {
						break
					}
				}
			}
		}
		if err != nil {
			return nil, err
		}
	}
	lines := f.lines
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	f.Path, f.lines = name, lines
	return f, f.validate()
}

func (f *File) validate() error {
	if f.Mirror != "" {
		if !strings.HasSuffix(f.Mirror, "/") {
			f.Mirror += "/"
		}
		if err := spec.CheckImage(f.Mirror + "python:3"); err != nil || strings.Contains(f.Mirror, "@") {
			return fmt.Errorf("%s: mirror %q is not a registry prefix such as mirror.example.com/library/", f.Path, f.Mirror)
		}
	}
	for k, v := range f.Labels {
		if !labelKey.MatchString(k) {
			return fmt.Errorf("%s: label key %q: use letters, digits, '.', '-', '_' and '/', e.g. org.opencontainers.image.vendor", f.Path, k)
		}
		if strings.IndexFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
			return fmt.Errorf("%s: label %s: the value contains a control character such as a line break", f.Path, k)
		}
	}
	for _, g := range f.Policy.AllowedBases {
		if _, err := path.Match(g, ""); err != nil {
			return fmt.Errorf("%s: policy allowed-bases: %q is not a valid glob", f.Path, g)
		}
	}
	return nil
}

// checkKeys reports the first key of mapping n that is not in known.
func checkKeys(file string, n *yaml.Node, known []string, prefix string) error {
	if n.Kind != yaml.MappingNode {
		return nil // the decoder reports a wrong type
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if slices.Contains(known, k.Value) {
			continue
		}
		msg := fmt.Sprintf("%s:%d: unknown key %q", file, k.Line, prefix+k.Value)
		if s := suggest(k.Value, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", prefix+s)
		} else {
			msg += "; known keys: " + strings.Join(known, ", ")
		}
		return errors.New(msg)
	}
	return nil
}

// suggest returns the known key nearest to key, if it is near enough to
// be a typo.
func suggest(key string, known []string) string {
	best, bestD := "", -1
	for _, k := range known {
		d := levenshtein(strings.ToLower(key), k)
		if bestD < 0 || d < bestD {
			best, bestD = k, d
		}
	}
	if bestD >= 0 && bestD <= max(2, len(key)/3) {
		return best
	}
	return ""
}

// levenshtein is the edit distance between a and b (insertions,
// deletions, substitutions), over bytes.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Env looks up an environment variable; "" when unset.
type Env func(string) string

// Locations are where the organisation layer lives.
type Locations struct {
	// Templates is the organisation template directory.
	Templates string
	// Config is the organisation config.yaml.
	Config string
}

// OrgLocations resolves the organisation layer from the environment:
// templates in $DOCKGEN_TEMPLATES, else $XDG_CONFIG_HOME/dockgen/templates;
// config in $DOCKGEN_CONFIG, else $XDG_CONFIG_HOME/dockgen/config.yaml.
// XDG_CONFIG_HOME defaults to $HOME/.config. With no variables set (or a
// nil env) there is no organisation layer.
func OrgLocations(env Env) Locations {
	if env == nil {
		return Locations{}
	}
	base := env("XDG_CONFIG_HOME")
	if base == "" && env("HOME") != "" {
		base = filepath.Join(env("HOME"), ".config")
	}
	var l Locations
	if base != "" {
		l = Locations{Templates: filepath.Join(base, "dockgen", "templates"), Config: filepath.Join(base, "dockgen", "config.yaml")}
	}
	if v := env("DOCKGEN_TEMPLATES"); v != "" {
		l.Templates = v
	}
	if v := env("DOCKGEN_CONFIG"); v != "" {
		l.Config = v
	}
	return l
}

// RepoFile is the repository configuration file's name.
const RepoFile = ".dockgen.yaml"

// RepoTemplates is the repository template layer, relative to the repository.
const RepoTemplates = ".dockgen/templates"

// OrgConfigName is the organisation configuration file's base name.
const OrgConfigName = "config.yaml"

// Config is the merged team configuration of the organisation and
// repository files.
type Config struct {
	// Mirror is the registry prefix for catalog images, "" for none.
	Mirror string
	// Labels are the image labels, repository over organisation per key.
	Labels map[string]string
	// Rules are the policy rules of every file, each with its source.
	Rules []Rule
}

// Rule is one policy rule and the file it comes from.
type Rule struct {
	Name  string
	From  string
	Globs []string // allowed-bases only
}

// Merge combines configuration files, lowest first (organisation, then
// repository). The mirror and each label come from the highest file that
// sets them. Policy only adds up: every file's rules apply, so a
// repository cannot loosen its organisation's policy.
func Merge(files ...*File) Config {
	c := Config{Labels: map[string]string{}}
	for _, f := range files {
		if f == nil {
			continue
		}
		if f.Mirror != "" {
			c.Mirror = f.Mirror
		}
		for k, v := range f.Labels {
			c.Labels[k] = v
		}
		p := f.Policy
		if len(p.AllowedBases) > 0 {
			c.Rules = append(c.Rules, Rule{Name: RuleAllowedBases, From: f.Path, Globs: p.AllowedBases})
		}
		if p.NonRoot {
			c.Rules = append(c.Rules, Rule{Name: RuleNonRoot, From: f.Path})
		}
		if p.DigestPin {
			c.Rules = append(c.Rules, Rule{Name: RuleDigestPin, From: f.Path})
		}
		if p.Healthcheck {
			c.Rules = append(c.Rules, Rule{Name: RuleHealthcheck, From: f.Path})
		}
	}
	return c
}

// ApplyMirror prefixes the catalog's images in s with the mirror. An
// image given with --base, and scratch, are left as they are.
func (c Config) ApplyMirror(s *spec.Spec) error {
	if c.Mirror == "" {
		return nil
	}
	prefix := func(ref string) (string, error) {
		if ref == "" || ref == "scratch" {
			return ref, nil
		}
		named, err := reference.ParseNormalizedNamed(ref)
		if err != nil {
			return "", err
		}
		// Only Docker Hub's official images are mirrored by path.
		if reference.Domain(named) != "docker.io" {
			return ref, nil
		}
		out := c.Mirror + strings.TrimPrefix(reference.FamiliarString(named), "library/")
		return out, spec.CheckImage(out)
	}
	var err error
	if !s.BaseOverridden {
		if s.BaseImage, err = prefix(s.BaseImage); err != nil {
			return fmt.Errorf("mirror %s: %w", c.Mirror, err)
		}
	}
	if s.BuildImage, err = prefix(s.BuildImage); err != nil {
		return fmt.Errorf("mirror %s: %w", c.Mirror, err)
	}
	if s.ToolImage, err = prefix(s.ToolImage); err != nil {
		return fmt.Errorf("mirror %s: %w", c.Mirror, err)
	}
	if s.NodeImage, err = prefix(s.NodeImage); err != nil {
		return fmt.Errorf("mirror %s: %w", c.Mirror, err)
	}
	return nil
}

// SortedLabels returns the labels sorted by key.
func (c Config) SortedLabels() [][2]string {
	keys := make([]string, 0, len(c.Labels))
	for k := range c.Labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([][2]string, len(keys))
	for i, k := range keys {
		out[i] = [2]string{k, c.Labels[k]}
	}
	return out
}

// readRegular reads name when it is a regular file of at most limit bytes.
// The errors keep fs.ErrNotExist for an absent file.
func readRegular(name string, limit int64) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%d bytes; larger than the %d KiB that are read", st.Size(), limit>>10)
	}
	return os.ReadFile(name)
}
