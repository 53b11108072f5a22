package spec

import (
	"slices"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

func TestElixirSpec(t *testing.T) {
	now := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	cat := catalog.Default()
	f := detect.Facts{Language: "elixir", PackageManager: "mix", Framework: "phoenix", Port: 4000, App: "shop",
		Command: []string{"/app/bin/shop", "start"}, Manifests: []string{"mix.exs", "mix.lock"}}
	tests := []struct {
		version, build, base string
	}{
		{"", "elixir:1.20-otp-29", "debian:trixie-slim"},
		{"1.19", "elixir:1.19-otp-28", "debian:trixie-slim"},
		{"1.17", "elixir:1.17-otp-27", "debian:bookworm-slim"}, // OTP 27 images are bookworm: so is the runtime
	}
	for _, tt := range tests {
		s, _, err := Build(f, Answers{Version: tt.version}, cat, now)
		if err != nil {
			t.Fatal(err)
		}
		if s.BuildImage != tt.build || s.BaseImage != tt.base || !slices.Equal(s.Command, []string{"/app/bin/shop", "start"}) {
			t.Errorf("%s: images %s, %s, command %q", tt.version, s.BuildImage, s.BaseImage, s.Command)
		}
	}
	s, _, err := Build(detect.Facts{}, Answers{Language: "elixir"}, cat, now)
	if err != nil || s.App != "app" || !slices.Equal(s.Command, []string{"/app/bin/app", "start"}) {
		t.Errorf("a new service: %q, %q, %v", s.App, s.Command, err)
	}
	bad := f
	bad.App = "Shop; rm -rf /"
	if _, _, err := Build(bad, Answers{}, cat, now); err == nil {
		t.Error("a release name with shell characters was accepted")
	}
}
