package detect

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestPHPVersion(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  VersionReq
	}{
		{"require.php range", files("composer.json", `{"require":{"php":"^8.2"}}`), VersionReq{"^8.2", false, "composer.json"}},
		{"config.platform.php pins and beats require.php", files("composer.json", `{"require":{"php":">=8.2"},"config":{"platform":{"php":"8.3.0"}}}`), VersionReq{"8.3.0", true, "composer.json"}},
		{"require.php beats the lockfile", files("composer.json", `{"require":{"php":"~8.4.0"}}`, "composer.lock", `{"platform":{"php":"^8.1"},"platform-overrides":{"php":"8.2.0"}}`), VersionReq{"~8.4.0", false, "composer.json"}},
		{"composer.lock platform-overrides pins", files("composer.json", `{"require":{"monolog/monolog":"^3"}}`, "composer.lock", `{"platform":{"php":"^8.1"},"platform-overrides":{"php":"8.2.0"}}`), VersionReq{"8.2.0", true, "composer.lock"}},
		{"composer.lock platform range; an empty [] is no override", files("composer.json", `{}`, "composer.lock", `{"platform":{"php":">=8.3"},"platform-overrides":[]}`), VersionReq{">=8.3", false, "composer.lock"}},
		{"none", files("composer.json", `{"require":{"slim/slim":"^4"}}`), VersionReq{}},
		{"plain PHP without composer", files("index.php", "<?php echo 'hi';"), VersionReq{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != "php" || got.Version != tt.want {
				t.Errorf("Language, Version = %q, %+v; want php, %+v", got.Language, got.Version, tt.want)
			}
			checkEvidence(t, got)
		})
	}
}

func TestPHPApp(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		pm        string
		manifests []string
		framework string
		docRoot   string
		warn      string
	}{
		{"laravel", files("composer.json", `{"require":{"php":"^8.2","laravel/framework":"^12.0"}}`, "composer.lock", "{}", "artisan", "", "public/index.php", ""),
			"composer", []string{"composer.json", "composer.lock"}, "laravel", "public", ""},
		{"laravel by its files", files("composer.json", `{"require":{"illuminate/support":"^12"}}`, "composer.lock", "{}", "artisan", "", "bootstrap/app.php", ""),
			"composer", []string{"composer.json", "composer.lock"}, "laravel", "public", ""},
		{"symfony", files("composer.json", `{"require":{"symfony/framework-bundle":"7.3.*"}}`, "composer.lock", "{}", "public/index.php", ""),
			"composer", []string{"composer.json", "composer.lock"}, "symfony", "public", ""},
		{"plain composer app serving the root", files("composer.json", `{"require":{"monolog/monolog":"^3"}}`, "composer.lock", "{}", "index.php", ""),
			"composer", []string{"composer.json", "composer.lock"}, "", "", ""},
		{"plain composer app with public/", files("composer.json", `{}`, "public/index.php", ""),
			"composer", []string{"composer.json"}, "", "public", "composer.json: no composer.lock"},
		{"no composer.json", files("index.php", "<?php phpinfo();"), "none", nil, "", "", ""},
		{"a malformed composer.json is a warning", files("composer.json", `{"require": {`, "index.php", ""),
			"composer", []string{"composer.json"}, "", "", "composer.json: invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Assets || got.AssetManifests != nil {
				t.Errorf("Assets, AssetManifests = %v, %q without a package.json", got.Assets, got.AssetManifests)
			}
			if got.Language != "php" || got.PackageManager != tt.pm || !reflect.DeepEqual(got.Manifests, tt.manifests) {
				t.Errorf("Language, PackageManager, Manifests = %q, %q, %q; want php, %q, %q", got.Language, got.PackageManager, got.Manifests, tt.pm, tt.manifests)
			}
			if got.Framework != tt.framework || got.DocRoot != tt.docRoot || got.Port != 8080 {
				t.Errorf("Framework, DocRoot, Port = %q, %q, %d; want %q, %q, 8080", got.Framework, got.DocRoot, got.Port, tt.framework, tt.docRoot)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			checkWarnings(t, got.Warnings, want)
			checkEvidence(t, got)
		})
	}
}

func TestPHPAssets(t *testing.T) {
	laravel := func(kv ...string) Facts {
		return Detect(files(append([]string{"composer.json", `{"require":{"laravel/framework":"^12.0"}}`, "composer.lock", "{}", "artisan", ""}, kv...)...))
	}
	tests := []struct {
		name      string
		got       Facts
		assets    bool
		manifests []string
		warn      string
	}{
		{"vite with npm", laravel("package.json", `{"scripts":{"build":"vite build"}}`, "package-lock.json", "{}"), true, []string{"package.json", "package-lock.json"}, ""},
		{"encore with yarn", laravel("package.json", `{"scripts":{"build":"encore production"}}`, "yarn.lock", ""), true, []string{"package.json", "yarn.lock"}, ""},
		{"no build script: nothing to build", laravel("package.json", `{"scripts":{"dev":"vite"}}`), false, nil, ""},
		{"pnpm is not installed by the PHP stack", laravel("package.json", `{"scripts":{"build":"vite build"}}`, "pnpm-lock.yaml", ""), false, nil, "pnpm-lock.yaml: front-end assets are built with npm or Yarn 1 only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got.Language != "php" || tt.got.Assets != tt.assets || !reflect.DeepEqual(tt.got.AssetManifests, tt.manifests) {
				t.Errorf("Language, Assets, AssetManifests = %q, %v, %q; want php, %v, %q", tt.got.Language, tt.got.Assets, tt.got.AssetManifests, tt.assets, tt.manifests)
			}
			want := []string{"chose php"}
			if tt.warn != "" {
				want = append(want, tt.warn)
			}
			checkWarnings(t, tt.got.Warnings, want)
		})
	}
}
