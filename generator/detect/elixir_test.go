package detect

import (
	"reflect"
	"testing"
)

func TestElixir(t *testing.T) {
	mix := func(project, deps string) string {
		return "defmodule X.MixProject do\n  use Mix.Project\n\n  def project do\n    [\n" + project + "\n      deps: deps()\n    ]\n  end\n\n  defp deps do\n    [\n" + deps + "\n    ]\n  end\nend\n"
	}
	tests := []struct {
		name      string
		files     map[string]string
		version   VersionReq
		framework string
		port      int
		command   []string
		app       string
		assets    bool
		config    []string
		warn      string
	}{
		{
			name:    "mix.exs elixir range and app name",
			files:   map[string]string{"mix.exs": mix(`      app: :billing, version: "0.1.0", elixir: "~> 1.17",`, `      {:jason, "~> 1.4"}`), "mix.lock": "%{}"},
			version: VersionReq{"~> 1.17", false, "mix.exs"}, command: []string{"/app/bin/billing", "start"}, app: "billing",
		},
		{
			name: "phoenix with assets.deploy and compile-time config",
			files: map[string]string{"mix.exs": mix(`      app: :shop, elixir: "~> 1.18",
      aliases: ["assets.deploy": ["esbuild shop --minify", "phx.digest"]],`, `      {:phoenix, "~> 1.8"},
      # {:swoosh, "~> 1.16"},
      {:bandit, "~> 1.5"}`), "mix.lock": "%{}", "config/config.exs": "import Config\n", "config/prod.exs": "import Config\n"},
			version: VersionReq{"~> 1.18", false, "mix.exs"}, framework: "phoenix", port: 4000,
			command: []string{"/app/bin/shop", "start"}, app: "shop", assets: true, config: []string{"config/config.exs", "config/prod.exs"},
		},
		{
			name:  "a named release wins over the app name; a literal port in the application",
			files: map[string]string{"mix.exs": mix(`      app: :ledger, releases: [ledger_api: [include_executables_for: [:unix]]],`, `      {:bandit, "~> 1.8"}`), "mix.lock": "%{}", "lib/ledger/application.ex": "children = [{Bandit, plug: Ledger.Router, port: 8081}]\n"},
			port:  8081, command: []string{"/app/bin/ledger_api", "start"}, app: "ledger_api",
		},
		{
			name:    "no mix.lock",
			files:   map[string]string{"mix.exs": mix(`      app: :tool,`, ``)},
			command: []string{"/app/bin/tool", "start"}, app: "tool", warn: "mix.exs: no mix.lock",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var kv []string
			for k, v := range tt.files {
				kv = append(kv, k, v)
			}
			got := Detect(files(kv...))
			if got.Language != "elixir" || got.PackageManager != "mix" {
				t.Fatalf("Language, PackageManager = %q, %q", got.Language, got.PackageManager)
			}
			if got.Version != tt.version || got.Framework != tt.framework || got.Port != tt.port || !reflect.DeepEqual(got.Command, tt.command) {
				t.Errorf("Version, Framework, Port, Command = %+v, %q, %d, %q; want %+v, %q, %d, %q", got.Version, got.Framework, got.Port, got.Command, tt.version, tt.framework, tt.port, tt.command)
			}
			if got.App != tt.app || got.Assets != tt.assets || !reflect.DeepEqual(got.ConfigFiles, tt.config) {
				t.Errorf("App, Assets, ConfigFiles = %q, %v, %q; want %q, %v, %q", got.App, got.Assets, got.ConfigFiles, tt.app, tt.assets, tt.config)
			}
			if tt.framework == "phoenix" && contains(got.Dependencies, "swoosh") {
				t.Errorf("a commented-out dependency was read: %q", got.Dependencies)
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
