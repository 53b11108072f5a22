package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// initImageOptions are init's flags about the base images themselves.
type initImageOptions struct {
	// Pin rewrites each FROM to image:tag@sha256:... (--pin).
	Pin bool
	// Platforms is --platform: comma-separated Docker platforms the image
	// must build for, checked against the catalog.
	Platforms string
}

func bindImageFlags(cmd *cobra.Command, f *pflag.FlagSet, o *initImageOptions) {
	f.BoolVar(&o.Pin, "pin", false, "pin each FROM to its current digest (image:tag@sha256:...); needs the registry")
	f.StringVar(&o.Platforms, "platform", "", "platforms the image must build for, comma-separated (linux/amd64,linux/arm64); checked against the catalog")
	_ = cmd.RegisterFlagCompletionFunc("platform", fixedCompletion(catalog.Platforms()...))
}

// checkPlatforms fails when the chosen line and variant (build and final
// stage) are not published for every platform asked for, and says which
// variant or line is.
func checkPlatforms(platforms string, s spec.Spec, cat *catalog.Catalog, now time.Time) ([]string, error) {
	if strings.TrimSpace(platforms) == "" {
		return nil, nil
	}
	var want []string
	for _, p := range strings.Split(platforms, ",") {
		a, err := catalog.Arch(p)
		if err != nil {
			return nil, &spec.Error{Flag: "--platform", Msg: err.Error()}
		}
		if !slices.Contains(want, a) {
			want = append(want, a)
		}
	}
	stack, ok := cat.Stack(s.Language)
	if !ok {
		return nil, nil
	}
	v, _ := stack.Variant(s.Variant)
	var warns []string
	if l, ok := stack.Line(s.Version); !ok || l.Retired {
		return []string{fmt.Sprintf("--platform: %s %s is not a published line in the catalog; its platforms are not checked", s.Language, s.Version)}, nil
	}
	archs := cat.Architectures(stack, s.Version, v)
	what := stack.Ref(s.Version, v)
	if v.Runtime != "" {
		what += " with " + v.Runtime
	}
	if s.BaseOverridden {
		// The build stage is the catalog's; the final stage is --base.
		archs = stack.Architectures(s.Version, v)
		if s.BuildImage == "" {
			archs = nil
		}
		what = s.BuildImage
		if base, ok := publishedArchs(cat, s.BaseImage); ok {
			if archs == nil {
				archs, what = base, s.BaseImage
			} else {
				archs = slices.DeleteFunc(slices.Clone(archs), func(a string) bool { return !slices.Contains(base, a) })
				what += " with " + s.BaseImage
			}
		} else {
			warns = append(warns, fmt.Sprintf("--platform: %s is not in the catalog; its platforms are not checked", s.BaseImage))
		}
		if archs == nil {
			return warns, nil
		}
	}
	missing := catalog.Unsupported(archs, want)
	if len(missing) == 0 {
		return warns, nil
	}
	msg := fmt.Sprintf("%s is not published for %s (it has %s)", what, platformList(missing), platformList(archs))
	if s.BaseOverridden {
		return nil, &spec.Error{Flag: "--platform", Msg: msg}
	}
	var variants []string
	for _, o := range stack.Variants {
		if o.Name != v.Name && len(catalog.Unsupported(cat.Architectures(stack, s.Version, o), want)) == 0 {
			variants = append(variants, "--variant "+o.Name)
		}
	}
	var lines []string
	for _, l := range stack.Supported(now) {
		if !l.Retired && !l.Refreshed && l.Version != s.Version && len(catalog.Unsupported(cat.Architectures(stack, l.Version, v), want)) == 0 {
			lines = append(lines, "--runtime-version "+l.Version)
		}
	}
	var both []string
	for _, l := range stack.Supported(now) {
		for _, o := range stack.Variants {
			if !l.Retired && !l.Refreshed && o.Name != v.Name && l.Version != s.Version &&
				len(catalog.Unsupported(cat.Architectures(stack, l.Version, o), want)) == 0 {
				both = append(both, "--variant "+o.Name+" --runtime-version "+l.Version)
			}
		}
	}
	switch {
	case len(variants) > 0:
		msg += "; use " + strings.Join(variants, " or ")
	case len(lines) > 0:
		msg += "; use " + strings.Join(lines, " or ")
	case len(both) > 0:
		msg += "; use " + strings.Join(both, " or ")
	default:
		msg += "; no " + s.Language + " variant in the catalog is published for all of them"
	}
	return nil, &spec.Error{Flag: "--platform", Msg: msg}
}

func publishedArchs(cat *catalog.Catalog, ref string) ([]string, bool) {
	if ref == "scratch" {
		return nil, false
	}
	image, tag, ok := strings.Cut(ref, ":")
	if !ok || strings.Contains(image, "/") {
		return nil, false
	}
	return cat.Published(image, tag)
}

func platformList(archs []string) string {
	out := make([]string, len(archs))
	for i, a := range archs {
		out[i] = catalog.Platform(a)
	}
	return strings.Join(out, ", ")
}

// pinRendered pins the FROM images of the rendered Dockerfile (init --pin).
func pinRendered(ctx context.Context, files []render.File, d Deps) error {
	for i, f := range files {
		if f.Name != "Dockerfile" {
			continue
		}
		pinned, _, err := pinDockerfile(ctx, f.Data, d)
		if err != nil {
			return fmt.Errorf("--pin: %w; nothing was written", err)
		}
		files[i].Data = pinned
	}
	return nil
}
