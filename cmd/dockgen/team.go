package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dockgen/dockgen/generator/config"
	"github.com/dockgen/dockgen/generator/output"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
)

// osGetenv is the production environment lookup (Deps.Getenv).
func osGetenv(name string) string { return os.Getenv(name) }

// team is what a repository renders through: the template layers, the
// organisation and repository configuration, and an answers file.
type team struct {
	set      render.Set
	org      *config.File // nil when there is none
	repo     *config.File // DIR/.dockgen.yaml, nil when there is none
	answers  *config.File // --config / --answers, nil when not given
	cfg      config.Config
	repoData []byte // DIR/.dockgen.yaml as it is on disk, nil when absent
	compose  bool   // compose.yaml is written too, and recorded
}

// loadTeam resolves the layers for the repository in dir: built-in <
// organisation < repository < templatesFlag, and the configuration files.
// With dir "" there is no repository layer.
func loadTeam(d Deps, dir, templatesFlag, answersFlag, answersFile string) (*team, error) {
	env := config.Env(d.Getenv)
	if env == nil {
		env = func(string) string { return "" }
	}
	loc := config.OrgLocations(env)
	t := &team{set: render.Set{{Name: render.BuiltinLayer, FS: d.Templates}}}
	addLayer := func(name, dir, what string, required bool) error {
		if dir == "" {
			return nil
		}
		st, err := os.Stat(dir)
		switch {
		case errors.Is(err, fs.ErrNotExist) && !required:
			return nil
		case err != nil:
			return fmt.Errorf("%s %s: %w", what, dir, unwrapPath(err))
		case !st.IsDir():
			return fmt.Errorf("%s %s: not a directory", what, dir)
		}
		t.set = append(t.set, render.Layer{Name: name, Dir: dir, FS: os.DirFS(dir)})
		return nil
	}
	readConfig := func(name string, required bool) (*config.File, error) {
		if name == "" {
			return nil, nil
		}
		f, err := config.Read(name)
		if err != nil && !required && errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return f, err
	}
	var err error
	if err = addLayer(render.OrgLayer, loc.Templates, "organisation templates", env("DOCKGEN_TEMPLATES") != ""); err != nil {
		return nil, err
	}
	if dir != "" {
		if err = addLayer(render.RepoLayer, filepath.Join(dir, filepath.FromSlash(config.RepoTemplates)), "repository templates", false); err != nil {
			return nil, err
		}
	}
	if templatesFlag != "" {
		if err = addLayer(render.FlagLayer, templatesFlag, "--templates", true); err != nil {
			return nil, usageError{err}
		}
	}
	if t.org, err = readConfig(loc.Config, env("DOCKGEN_CONFIG") != ""); err != nil {
		return nil, err
	}
	if dir != "" {
		repoPath := filepath.Join(dir, config.RepoFile)
		if t.repo, err = readConfig(repoPath, false); err != nil {
			return nil, err
		}
		if t.repo != nil {
			t.repoData, _ = os.ReadFile(repoPath)
		}
	}
	if answersFile != "" {
		if t.answers, err = config.Read(answersFile); err != nil {
			return nil, fmt.Errorf("%s %w", answersFlag, err)
		}
	}
	t.cfg = config.Merge(t.org, t.repo)
	return t, nil
}

// mergedAnswers applies the answer precedence: flags > answers file >
// the repository's .dockgen.yaml (recorded answers over its defaults) >
// the organisation config > detection (in spec.Build).
func (t *team) mergedAnswers(flags spec.Answers) spec.Answers {
	return spec.MergeAnswers(flags, t.answers.AllAnswers(), t.repo.AllAnswers(), t.org.AllAnswers())
}

// render applies the mirror and labels and renders s through the layers.
func (t *team) render(s *spec.Spec) ([]render.File, error) {
	if err := t.cfg.ApplyMirror(s); err != nil {
		return nil, err
	}
	m := render.NewModel(*s)
	for _, kv := range t.cfg.SortedLabels() {
		m.Labels = append(m.Labels, render.Label{Key: kv[0], Value: kv[1]})
	}
	return t.set.Render(m)
}

// checkPolicy runs the policy over the rendered Dockerfile: any violation
// is the error, naming each rule and the file it comes from.
func (t *team) checkPolicy(files []render.File) error {
	for _, f := range files {
		if f.Name != "Dockerfile" {
			continue
		}
		vs, err := t.cfg.Check(f.Data)
		if err != nil {
			return err
		}
		if len(vs) > 0 {
			msgs := make([]string, len(vs))
			for i, v := range vs {
				msgs[i] = v.Error()
			}
			return errors.New(strings.Join(msgs, "; ") + "; nothing was written")
		}
	}
	return nil
}

// layerIDs identifies the template layers, for the record: the
// repository's own layer by its path inside the repository; each hash
// covers the shared templates and those of language.
func (t *team) layerIDs(language string) ([]config.LayerID, error) {
	var ids []config.LayerID
	for _, l := range t.set {
		h, err := l.Hash(language)
		if err != nil {
			return nil, err
		}
		p := l.Dir
		if l.Name == render.RepoLayer {
			p = config.RepoTemplates
		}
		ids = append(ids, config.LayerID{Layer: l.Name, Path: p, Hash: h})
	}
	return ids, nil
}

// record is the repository's .dockgen.yaml with the answers that
// reproduce s and the layers' identity.
func (t *team) record(s spec.Spec) (output.File, error) {
	ids, err := t.layerIDs(s.Language)
	if err != nil {
		return output.File{}, err
	}
	a := config.FromSpec(s)
	a.Compose = t.compose
	data, err := config.Record(t.repoData, a, ids)
	if err != nil {
		return output.File{}, err
	}
	return output.File{Name: config.RepoFile, Data: data}, nil
}

// firstRecording reports whether the only file that exists with other
// content is a .dockgen.yaml without recorded answers: adding them is
// not clobbering anything the user wrote, so it needs no --force.
func (t *team) firstRecording(dir string, files []output.File) bool {
	if t.repo == nil || t.repo.Recorded != nil {
		return false
	}
	actions, err := output.PlanWrite(dir, files)
	if err != nil {
		return false
	}
	for _, a := range actions {
		if a.Op == output.OpReplace && a.Name != config.RepoFile {
			return false
		}
	}
	return true
}

// driftCheck compares the rendered files with what is in dir: a unified
// diff on out for each that differs, a note on errOut for each template
// layer that changed since the answers were recorded.
func (t *team) driftCheck(dir, language string, files []render.File, d Deps) error {
	if t.repo == nil || t.repo.Recorded == nil {
		return fmt.Errorf("%s has no recorded answers; run dockgen init to record them", filepath.Join(dir, config.RepoFile))
	}
	ids, err := t.layerIDs(language)
	if err != nil {
		return err
	}
	recorded := map[string]config.LayerID{}
	for _, id := range t.repo.Templates {
		recorded[id.Layer] = id
	}
	for _, id := range ids {
		if r, ok := recorded[id.Layer]; ok && r.Hash != id.Hash {
			fmt.Fprintf(d.Streams.ErrOut, "note: the %s templates changed since init (%s, was %s)\n", id.Layer, short(id.Hash), short(r.Hash))
		} else if !ok {
			fmt.Fprintf(d.Streams.ErrOut, "note: the %s templates (%s) were not used at init\n", id.Layer, id.Path)
		}
	}
	var differ []string
	for _, f := range files {
		old, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", f.Name, unwrapPath(err))
		}
		if f.Name == "Dockerfile" {
			// Digests move with every rebuild of a base image; --check is
			// about the templates and answers, so pinned FROMs compare by tag.
			old = fromDigest.ReplaceAll(old, []byte("$1"))
		}
		if diff := output.Diff(f.Name, old, f.Data); diff != "" {
			differ = append(differ, f.Name)
			fmt.Fprint(d.Streams.Out, diff)
		}
	}
	if len(differ) > 0 {
		verb := "differs"
		if len(differ) > 1 {
			verb = "differ"
		}
		return fmt.Errorf("%s %s from what the recorded answers render; run dockgen init --yes --force to update", strings.Join(differ, " and "), verb)
	}
	fmt.Fprintf(d.Streams.ErrOut, "up to date: %d files match the recorded answers\n", len(files))
	return nil
}

// fromDigest matches the digest of a pinned image reference on a FROM line.
var fromDigest = regexp.MustCompile(`(?im)^(FROM\s+(?:--platform=\S+\s+)?[^\s@]+)@sha256:[0-9a-f]{64}`)

func short(hash string) string {
	if len(hash) > 19 {
		return hash[:19]
	}
	return hash
}
