package render

import (
	"slices"
	"strings"
)

// RustToolchain is the toolchain the Rust build stage must install with
// rustup before building: the wanted line when the build image is the
// floating stable one (the library carries a single pinned Rust line) and
// no rust-toolchain file is copied to make rustup pick it itself; "" when
// the image's own toolchain is the wanted one.
func (m Model) RustToolchain() string {
	if m.Language != "rust" || m.RustToolchainFile() != "" {
		return ""
	}
	tag := m.BuildImage[strings.LastIndex(m.BuildImage, ":")+1:]
	if strings.HasPrefix(tag, m.Version+"-") {
		return ""
	}
	return m.Version
}

// RustToolchainFile is the rust-toolchain file among the manifests
// (rust-toolchain.toml or the legacy rust-toolchain), "" when none.
func (m Model) RustToolchainFile() string {
	for _, f := range []string{"rust-toolchain.toml", "rust-toolchain"} {
		if slices.Contains(m.Manifests, f) {
			return f
		}
	}
	return ""
}
