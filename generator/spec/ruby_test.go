package spec

import (
	"slices"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var rubyNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// defaultNodeImage is the node image of the catalog's default line, on the
// node image's default variant: what a front-end build uses when the
// repository names no Node.js version.
const defaultNodeImage = "node:26-trixie-slim"

// Node.js for a Rails asset build is copied from the node image's default
// variant into the ruby build stage: both must run on the same Debian.
func TestRailsNodeImageIsTheCatalogDefault(t *testing.T) {
	cat := catalog.Default()
	node, _ := cat.Stack("node")
	ruby, _ := cat.Stack("ruby")
	nv, _ := node.Variant("")
	rv, _ := ruby.Variant("")
	if want := node.Ref(node.Default, nv); defaultNodeImage != want {
		t.Errorf("defaultNodeImage = %s, the catalog's node default is %s", defaultNodeImage, want)
	}
	if nv.OS != rv.OS {
		t.Errorf("node runs on %s, ruby on %s", nv.OS, rv.OS)
	}
}

func TestRubySpec(t *testing.T) {
	cat := catalog.Default()
	tests := []struct {
		name     string
		facts    detect.Facts
		answers  Answers
		packages []string
		node     string
		assets   bool
	}{
		{"native gems get their runtime libraries", detect.Facts{Language: "ruby", PackageManager: "bundler", Framework: "rails",
			Manifests: []string{"Gemfile", "Gemfile.lock"}, Dependencies: []string{"mysql2", "pg", "rails"}}, Answers{}, []string{"libpq5", "libmariadb3"}, "", false},
		{"a JavaScript bundler brings Node.js", detect.Facts{Language: "ruby", PackageManager: "bundler", Framework: "rails", Assets: true,
			AssetManifests: []string{"package.json", "yarn.lock"}}, Answers{}, nil, defaultNodeImage, true},
		{"--framework none drops the Rails asset build", detect.Facts{Language: "ruby", PackageManager: "bundler", Framework: "rails", Assets: true,
			AssetManifests: []string{"package.json"}}, Answers{Framework: "none"}, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := Build(tt.facts, tt.answers, cat, rubyNow)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.Packages, tt.packages) || s.NodeImage != tt.node || s.ToolImage != "" || s.Assets != tt.assets {
				t.Errorf("Packages, NodeImage, ToolImage, Assets = %q, %q, %q, %v; want %q, %q, \"\", %v", s.Packages, s.NodeImage, s.ToolImage, s.Assets, tt.packages, tt.node, tt.assets)
			}
			if s.BuildImage != "ruby:4.0-trixie" || s.BaseImage != "ruby:4.0-slim-trixie" {
				t.Errorf("images = %s, %s", s.BuildImage, s.BaseImage)
			}
		})
	}
	if _, _, err := Build(detect.Facts{Language: "ruby", PackageManager: "bundler", Framework: "rails", AssetManifests: []string{"package.json; rm -rf /"}}, Answers{}, cat, rubyNow); err == nil {
		t.Error("an asset manifest with shell characters was accepted")
	}
}
