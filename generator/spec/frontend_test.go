package spec

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// A front-end build runs on the Node.js line the repository asks for
// (.nvmrc, engines.node, ...), resolved like a Node.js app's, and only a
// build that uses Node.js says anything about it.
func TestFrontEndNode(t *testing.T) {
	cat := catalog.Default()
	vite := detect.Facts{Language: "static", PackageManager: "npm", Framework: "react", BuildTool: "vite", BuildScript: true, OutputDir: "dist",
		Manifests: []string{"package.json", "package-lock.json"}}
	with := func(f detect.Facts, req detect.VersionReq) detect.Facts {
		f.NodeVersion = req
		return f
	}
	laravel := detect.Facts{Language: "php", PackageManager: "composer", Framework: "laravel", DocRoot: "public",
		Manifests: []string{"composer.json", "composer.lock"}}
	laravelVite := laravel
	laravelVite.Assets, laravelVite.AssetManifests = true, []string{"package.json", "package-lock.json"}
	rails := detect.Facts{Language: "ruby", PackageManager: "bundler", Framework: "rails", Assets: true,
		Manifests: []string{"Gemfile", "Gemfile.lock"}, AssetManifests: []string{"package.json", "yarn.lock"}}
	tests := []struct {
		name     string
		facts    detect.Facts
		answers  Answers
		image    string // the node image the build uses, "" for none
		line     string
		warnWith string // "" for no warning at all
	}{
		{"no version named: the catalog's default", vite, Answers{}, defaultNodeImage, "26", ""},
		{".nvmrc pins a release", with(vite, detect.VersionReq{Raw: "22.12.0", Pinned: true, Source: ".nvmrc"}), Answers{}, "node:22-trixie-slim", "22", ""},
		{"engines.node: newest supported line in range", with(vite, detect.VersionReq{Raw: ">=22 <25", Source: "package.json"}), Answers{}, "node:24-trixie-slim", "24", ""},
		{"an end-of-life pin is kept, with a warning naming the file", with(vite, detect.VersionReq{Raw: "20", Pinned: true, Source: ".nvmrc"}), Answers{}, "node:20-trixie-slim", "20", ".nvmrc: "},
		{"not a version: the default, with a warning", with(vite, detect.VersionReq{Raw: "banana", Pinned: true, Source: ".node-version"}), Answers{}, defaultNodeImage, "26", ".node-version: "},
		{"shell syntax never reaches the FROM line", with(vite, detect.VersionReq{Raw: "22;id", Pinned: true, Source: ".nvmrc"}), Answers{}, defaultNodeImage, "26", ".nvmrc: "},
		{"the alpine nginx still builds on glibc", with(vite, detect.VersionReq{Raw: "24", Pinned: true, Source: ".nvmrc"}), Answers{Variant: "alpine"}, "node:24-trixie-slim", "24", ""},
		{"plain HTML builds nothing: no node, no warning", with(detect.Facts{Language: "static", PackageManager: "none", OutputDir: "."}, detect.VersionReq{Raw: "20", Pinned: true, Source: ".nvmrc"}), Answers{}, "", "", ""},
		{"a PHP app with Vite", with(laravelVite, detect.VersionReq{Raw: "22", Pinned: true, Source: ".nvmrc"}), Answers{}, "node:22-trixie-slim", "22", ""},
		{"a PHP app without a front end", laravel, Answers{}, "", "", ""},
		{"a Rails JavaScript bundler", with(rails, detect.VersionReq{Raw: "24.1.0", Pinned: true, Source: ".tool-versions"}), Answers{}, "node:24-trixie-slim", "24", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warns, err := Build(tt.facts, tt.answers, cat, rubyNow)
			if err != nil {
				t.Fatal(err)
			}
			if s.NodeImage != tt.image || s.NodeVersion != tt.line {
				t.Errorf("NodeImage, NodeVersion = %q, %q; want %q, %q", s.NodeImage, s.NodeVersion, tt.image, tt.line)
			}
			if s.Language == "static" && s.BuildImage != tt.image {
				t.Errorf("BuildImage = %q, want %q", s.BuildImage, tt.image)
			}
			got := strings.Join(warns, "\n")
			if (tt.warnWith == "") != (got == "") || !strings.Contains(got, tt.warnWith) {
				t.Errorf("warnings %q; want one containing %q", got, tt.warnWith)
			}
		})
	}
}
