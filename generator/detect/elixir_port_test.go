package detect

import (
	"testing"
	"testing/fstest"
)

// TestPhoenixPort: a Phoenix release listens where config/runtime.exs (or
// prod.exs) says, usually PORT with a fallback; reading PORT sets PortEnv.
func TestPhoenixPort(t *testing.T) {
	mix := &fstest.MapFile{Data: []byte("defmodule Shop.MixProject do\n  def project, do: [app: :shop, version: \"0.1.0\", elixir: \"~> 1.17\", deps: deps()]\n  defp deps, do: [{:phoenix, \"~> 1.7\"}]\nend\n")}
	for _, tc := range []struct {
		name    string
		file    string
		config  string
		port    int
		portEnv bool
	}{
		{"runtime.exs PORT || fallback", "config/runtime.exs", `http: [ip: {0, 0, 0, 0}, port: String.to_integer(System.get_env("PORT") || "4001")]`, 4001, true},
		{"get_env with a default", "config/runtime.exs", `http: [port: String.to_integer(System.get_env("PORT", "8081"))]`, 8081, true},
		{"literal port in prod.exs", "config/prod.exs", `config :shop, ShopWeb.Endpoint, http: [port: 4500]`, 4500, false},
		{"commented out", "config/runtime.exs", `# http: [port: String.to_integer(System.get_env("PORT") || "4001")]`, 4000, false},
		{"no config", "config/other.exs", `x`, 4000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Detect(fstest.MapFS{"mix.exs": mix, tc.file: {Data: []byte(tc.config)}})
			if f.Framework != "phoenix" || f.Port != tc.port || f.PortEnv != tc.portEnv {
				t.Errorf("framework %q, port %d, PortEnv %v; want phoenix, %d, %v", f.Framework, f.Port, f.PortEnv, tc.port, tc.portEnv)
			}
		})
	}
}
