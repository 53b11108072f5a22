package main

import (
	"fmt"
	"path/filepath"

	"github.com/dockgen/dockgen/generator/config"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
)

// composeWanted reports whether a configuration or the recorded answers
// ask for compose.yaml (compose: true), so a replay writes it again.
func (t *team) composeWanted() bool {
	for _, f := range []*config.File{t.answers, t.repo, t.org} {
		if f == nil {
			continue
		}
		if f.Answers.Compose || f.Recorded != nil && f.Recorded.Compose {
			return true
		}
	}
	return false
}

// renderCompose renders compose.yaml for s (after the mirror was applied
// by render) through the template layers, for the service in dir.
func (t *team) renderCompose(s spec.Spec, dir string) (render.File, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return render.File{}, fmt.Errorf("%s: %w", dir, err)
	}
	f, err := t.set.RenderCompose(render.NewCompose(render.NewModel(s), abs))
	if err != nil {
		return render.File{}, fmt.Errorf("compose.yaml: %w", err)
	}
	return f, nil
}
