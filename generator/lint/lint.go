// Package lint checks Dockerfiles with BuildKit's own parser and lint rules,
// offline: base images are never resolved over the network.
package lint

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerui"
	digest "github.com/opencontainers/go-digest"
)

// Finding is one problem found in a Dockerfile.
type Finding struct {
	// Rule is BuildKit's rule name (e.g. "JSONArgsRecommended"), or
	// "BuildError" when the Dockerfile does not parse or convert.
	Rule string `json:"rule"`
	// Line is the 1-based line the finding points at, 0 when unknown.
	Line int `json:"line"`
	// Message is the human-readable detail.
	Message string `json:"message"`
	// URL documents the rule, when BuildKit has a page for it.
	URL string `json:"url,omitempty"`
}

// Format renders the finding as "FILE:LINE: Rule: message".
func (f Finding) Format(file string) string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", file, f.Line, f.Rule, f.Message)
	}
	return fmt.Sprintf("%s: %s: %s", file, f.Rule, f.Message)
}

// Dockerfile runs BuildKit's parser and every lint rule of `docker build
// --check` over the Dockerfile content dt, named name in messages. It never
// touches the network: base images resolve to an empty image config. The
// returned findings are sorted by line. An error is returned only when the
// linter itself cannot run; a Dockerfile that fails to parse is a finding.
func Dockerfile(ctx context.Context, name string, dt []byte) ([]Finding, error) {
	opt := dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{},
		SourceMap:    &llb.SourceMap{Filename: name, Language: "Dockerfile", Data: dt, Definition: &llb.Definition{}},
		MetaResolver: offlineResolver{},
	}
	res, err := dockerfile2llb.DockerfileLint(ctx, dt, opt)
	if err != nil {
		return nil, fmt.Errorf("lint %s: %w", name, err)
	}
	var out []Finding
	for _, w := range res.Warnings {
		f := Finding{Rule: w.RuleName, Message: w.Detail, URL: w.URL}
		if f.Message == "" {
			f.Message = w.Description
		}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			f.Line = int(w.Location.Ranges[0].Start.Line)
		}
		out = append(out, f)
	}
	if res.Error != nil {
		f := Finding{Rule: "BuildError", Message: res.Error.Message}
		if len(res.Error.Location.Ranges) > 0 {
			f.Line = int(res.Error.Location.Ranges[0].Start.Line)
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Line < out[j].Line })
	return out, nil
}

// offlineResolver answers every base-image lookup with an empty config for
// the requested platform, so linting needs neither a registry nor a daemon.
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	img := struct {
		Architecture string         `json:"architecture"`
		OS           string         `json:"os"`
		Config       map[string]any `json:"config"`
	}{Architecture: "amd64", OS: "linux", Config: map[string]any{}}
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		img.Architecture = opt.ImageOpt.Platform.Architecture
		img.OS = opt.ImageOpt.Platform.OS
	}
	dt, err := json.Marshal(img)
	return ref, "", dt, err
}
