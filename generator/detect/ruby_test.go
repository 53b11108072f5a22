package detect

import (
	"reflect"
	"testing"
	"testing/fstest"
)

func TestRubyVersion(t *testing.T) {
	lock := func(ruby string) string {
		return "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.2.1)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  rack\n\nRUBY VERSION\n   ruby " + ruby + "\n\nBUNDLED WITH\n   2.6.9\n"
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		want  VersionReq
	}{
		{".ruby-version", files("Gemfile", "gem 'rack'\n", ".ruby-version", "3.3.5\n"), VersionReq{"3.3.5", true, ".ruby-version"}},
		{".ruby-version with the ruby- prefix", files("Gemfile", "", ".ruby-version", "ruby-3.4.1\n"), VersionReq{"3.4.1", true, ".ruby-version"}},
		{".ruby-version beats the Gemfile", files("Gemfile", "ruby \"3.2.0\"\n", ".ruby-version", "3.4.2"), VersionReq{"3.4.2", true, ".ruby-version"}},
		{"Gemfile ruby pins", files("Gemfile", "source \"https://rubygems.org\"\nruby \"3.3.6\"\ngem \"rack\"\n"), VersionReq{"3.3.6", true, "Gemfile"}},
		{"Gemfile ruby range", files("Gemfile", "ruby '~> 3.3'\n"), VersionReq{"~> 3.3", false, "Gemfile"}},
		{"Gemfile ruby with two requirements", files("Gemfile", "ruby \">= 3.2\", \"< 4\"\n"), VersionReq{">= 3.2, < 4", false, "Gemfile"}},
		{"Gemfile beats Gemfile.lock", files("Gemfile", "ruby \"~> 3.4\"\n", "Gemfile.lock", lock("3.3.9p170")), VersionReq{"~> 3.4", false, "Gemfile"}},
		{"Gemfile ruby file: reads .ruby-version only", files("Gemfile", "ruby file: \".ruby-version\"\n", "Gemfile.lock", lock("3.3.9")), VersionReq{"3.3.9", true, "Gemfile.lock"}},
		{"Gemfile.lock RUBY VERSION", files("Gemfile", "gem 'rack'\n", "Gemfile.lock", lock("3.3.9p170")), VersionReq{"3.3.9", true, "Gemfile.lock"}},
		{"none", files("Gemfile", "gem 'rack'\n"), VersionReq{}},
		{"empty .ruby-version falls through", files("Gemfile", "ruby \"3.4.1\"\n", ".ruby-version", "\n"), VersionReq{"3.4.1", true, "Gemfile"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != "ruby" || got.Version != tt.want {
				t.Errorf("Language, Version = %q, %+v; want ruby, %+v", got.Language, got.Version, tt.want)
			}
			checkEvidence(t, got)
		})
	}
}

func TestRubyApp(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		framework string
		port      int
		command   []string
		assets    bool
		assetMans []string
		deps      []string
		warn      string
	}{
		{
			name:      "rails with bin/rails and app/assets",
			files:     files("Gemfile", "gem \"rails\"\ngem \"pg\"\ngroup :development, :test do\n  gem \"debug\"\nend\n", "Gemfile.lock", "", "bin/rails", "#!/usr/bin/env ruby\n", "app/assets/config/manifest.js", ""),
			framework: "rails", port: 3000, command: []string{"./bin/rails", "server", "-b", "0.0.0.0"}, assets: true,
			deps: []string{"pg", "rails"},
		},
		{
			name:      "rails API without assets or bin/rails",
			files:     files("Gemfile", "gem 'rails', '~> 8.0'\n", "Gemfile.lock", ""),
			framework: "rails", port: 3000, command: []string{"bundle", "exec", "rails", "server", "-b", "0.0.0.0"},
			deps: []string{"rails"},
		},
		{
			name:      "rails with a JavaScript bundler",
			files:     files("Gemfile", "gem \"rails\"\ngem \"jsbundling-rails\"\n", "Gemfile.lock", "", "bin/rails", "", "package.json", "{}", "yarn.lock", ""),
			framework: "rails", port: 3000, command: []string{"./bin/rails", "server", "-b", "0.0.0.0"}, assets: true,
			assetMans: []string{"package.json", "yarn.lock"}, deps: []string{"jsbundling-rails", "rails"},
			warn: "chose ruby (it has a start entry)",
		},
		{
			name:      "sinatra with config.ru and rackup",
			files:     files("Gemfile", "gem \"sinatra\"\ngem \"rackup\"\ngem \"puma\"\n", "Gemfile.lock", "", "config.ru", "run Sinatra::Application\n"),
			framework: "sinatra", port: 4567, command: []string{"bundle", "exec", "rackup", "-o", "0.0.0.0", "-p", "4567"},
			deps: []string{"puma", "rackup", "sinatra"},
		},
		{
			name:      "sinatra classic app file",
			files:     files("Gemfile", "gem \"sinatra\"\n", "Gemfile.lock", "", "main.rb", "require 'sinatra'\n"),
			framework: "sinatra", port: 4567, command: []string{"bundle", "exec", "ruby", "main.rb", "-o", "0.0.0.0", "-p", "4567"},
			deps: []string{"sinatra"},
		},
		{
			name:  "plain rack on puma without rackup; dev gems in group blocks skipped",
			files: files("Gemfile", "gem \"rack\"\ngem \"puma\"\ngroup :test do\n  gem \"rspec\"\nend\ngem \"rspec-core\", group: :test\n", "Gemfile.lock", "", "config.ru", "run ->(env) { [200, {}, []] }\n"),
			port:  9292, command: []string{"bundle", "exec", "puma", "-b", "tcp://0.0.0.0:9292", "config.ru"},
			deps: []string{"puma", "rack"},
		},
		{
			name:  "Gemfile without a lockfile",
			files: files("Gemfile", "gem \"rack\"\n", "config.ru", ""),
			port:  9292, command: []string{"bundle", "exec", "rackup", "-o", "0.0.0.0", "-p", "9292"},
			deps: []string{"rack"}, warn: "Gemfile: no Gemfile.lock",
		},
		{
			name:  "a lockfile without a Linux platform",
			files: files("Gemfile", "gem \"rack\"\n", "Gemfile.lock", "GEM\n  specs:\n    rack (3.2.1)\n\nPLATFORMS\n  arm64-darwin-24\n\nDEPENDENCIES\n  rack\n"),
			deps:  []string{"rack"}, warn: "Gemfile.lock: PLATFORMS (arm64-darwin-24) has no Linux platform",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(tt.files)
			if got.Language != "ruby" || got.PackageManager != "bundler" {
				t.Fatalf("Language, PackageManager = %q, %q; want ruby, bundler", got.Language, got.PackageManager)
			}
			if got.Framework != tt.framework || got.Port != tt.port || !reflect.DeepEqual(got.Command, tt.command) {
				t.Errorf("Framework, Port, Command = %q, %d, %q; want %q, %d, %q", got.Framework, got.Port, got.Command, tt.framework, tt.port, tt.command)
			}
			if got.Assets != tt.assets || !reflect.DeepEqual(got.AssetManifests, tt.assetMans) {
				t.Errorf("Assets, AssetManifests = %v, %q; want %v, %q", got.Assets, got.AssetManifests, tt.assets, tt.assetMans)
			}
			if !reflect.DeepEqual(got.Dependencies, tt.deps) {
				t.Errorf("Dependencies = %q, want %q", got.Dependencies, tt.deps)
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

// A Rails app's package.json builds assets: Ruby, which has the start
// command, wins over Node.
func TestRubyBeatsAssetsPackageJSON(t *testing.T) {
	got := Detect(files("Gemfile", "gem \"rails\"\n", "Gemfile.lock", "", "bin/rails", "", "package.json", `{"scripts":{"build":"esbuild app/javascript/*.* --bundle --outdir=app/assets/builds"}}`))
	if got.Language != "ruby" {
		t.Errorf("Language = %q, want ruby", got.Language)
	}
}
