package spec

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

func TestPHPSpec(t *testing.T) {
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	cat := catalog.Default()
	laravel := detect.Facts{Language: "php", PackageManager: "composer", Framework: "laravel", Port: 8080,
		Manifests: []string{"composer.json", "composer.lock"}, Dependencies: []string{"ext-intl", "ext-mbstring", "ext-pdo_mysql", "ext-redis", "laravel/framework", "php"}}
	tests := []struct {
		name          string
		facts         detect.Facts
		answers       Answers
		port          int
		command       []string
		base, build   string
		docRoot, tool string
		exts, pkgs    []string
		warn          string
	}{
		{"apache, the default: 8080, public/, extensions the image lacks", laravel, Answers{},
			8080, []string{"apache2-foreground"}, "php:8.5-apache-trixie", "php:8.5-cli-trixie", "public", composerImage,
			[]string{"intl", "pdo_mysql"}, []string{"libicu-dev"}, "requires ext-redis"},
		{"fpm listens on 9000 whatever detection said", laravel, Answers{Variant: "fpm", Version: "8.4"},
			9000, []string{"php-fpm"}, "php:8.4-fpm-trixie", "php:8.4-cli-trixie", "public", composerImage,
			[]string{"intl", "pdo_mysql"}, []string{"libicu-dev"}, "requires ext-redis"},
		{"--port wins over the variant", laravel, Answers{Variant: "fpm", Port: "9001"},
			9001, []string{"php-fpm"}, "php:8.5-fpm-trixie", "php:8.5-cli-trixie", "public", composerImage,
			[]string{"intl", "pdo_mysql"}, []string{"libicu-dev"}, "requires ext-redis"},
		{"opcache is built in from 8.5 on", detect.Facts{Language: "php", PackageManager: "composer", Dependencies: []string{"ext-opcache", "ext-pdo_pgsql"}}, Answers{},
			8080, []string{"apache2-foreground"}, "php:8.5-apache-trixie", "php:8.5-cli-trixie", "", composerImage,
			[]string{"pdo_pgsql"}, []string{"libpq-dev"}, ""},
		{"opcache is an extension to build before 8.5", detect.Facts{Language: "php", PackageManager: "composer", Dependencies: []string{"ext-opcache"}}, Answers{Version: "8.3"},
			8080, []string{"apache2-foreground"}, "php:8.3-apache-trixie", "php:8.3-cli-trixie", "", composerImage,
			[]string{"opcache"}, nil, ""},
		{"a Vite build runs on the catalog's default Node.js", detect.Facts{Language: "php", PackageManager: "composer", Framework: "laravel", DocRoot: "public", Assets: true, AssetManifests: []string{"package.json", "package-lock.json"}}, Answers{},
			8080, []string{"apache2-foreground"}, "php:8.5-apache-trixie", "php:8.5-cli-trixie", "public", composerImage, nil, nil, ""},
		{"no composer.json: one stage", detect.Facts{Language: "php", PackageManager: "none", DocRoot: "public"}, Answers{},
			8080, []string{"apache2-foreground"}, "php:8.5-apache-trixie", "", "public", "", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warns, err := Build(tt.facts, tt.answers, cat, now)
			if err != nil {
				t.Fatal(err)
			}
			if s.Port != tt.port || !slices.Equal(s.Command, tt.command) || s.BaseImage != tt.base || s.BuildImage != tt.build {
				t.Errorf("Port, Command, BaseImage, BuildImage = %d, %q, %s, %s; want %d, %q, %s, %s", s.Port, s.Command, s.BaseImage, s.BuildImage, tt.port, tt.command, tt.base, tt.build)
			}
			if s.DocRoot != tt.docRoot || s.ToolImage != tt.tool || !slices.Equal(s.Extensions, tt.exts) || !slices.Equal(s.Packages, tt.pkgs) {
				t.Errorf("DocRoot, ToolImage, Extensions, Packages = %q, %q, %q, %q; want %q, %q, %q, %q", s.DocRoot, s.ToolImage, s.Extensions, s.Packages, tt.docRoot, tt.tool, tt.exts, tt.pkgs)
			}
			if wantNode := tt.facts.Assets; (s.NodeImage == defaultNodeImage) != wantNode {
				t.Errorf("NodeImage = %q with Assets %v", s.NodeImage, wantNode)
			}
			if got := strings.Join(warns, "\n"); tt.warn == "" && got != "" || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
		})
	}
	bad := detect.Facts{Language: "php", PackageManager: "composer", DocRoot: "../etc"}
	if _, _, err := Build(bad, Answers{}, cat, now); err == nil {
		t.Error("a doc root outside the repository was accepted")
	}
}
