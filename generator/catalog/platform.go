package catalog

import (
	"fmt"
	"slices"
	"strings"
)

// Arch maps a Docker platform ("linux/amd64", "linux/arm64", "linux/arm/v7")
// to the bashbrew architecture the official images name it by ("amd64",
// "arm64v8", "arm32v7").
func Arch(platform string) (string, error) {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(platform)), "/")
	if len(parts) < 2 || len(parts) > 3 || parts[0] != "linux" {
		return "", fmt.Errorf("%q is not a Linux platform such as linux/amd64 or linux/arm64", platform)
	}
	variant := ""
	if len(parts) == 3 {
		variant = parts[2]
	}
	if a := bashbrewArch("linux", parts[1], variant); a != "" {
		return a, nil
	}
	return "", fmt.Errorf("platform %q: no official image is built for it; use one of %s", platform, strings.Join(Platforms(), ", "))
}

// Platforms lists the Linux platforms the official images are built for.
func Platforms() []string {
	return []string{"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/arm/v5",
		"linux/386", "linux/ppc64le", "linux/riscv64", "linux/s390x"}
}

// Platform maps a bashbrew architecture back to its Docker platform.
func Platform(arch string) string {
	for _, p := range Platforms() {
		if a, _ := Arch(p); a == arch {
			return p
		}
	}
	return arch
}

// bashbrewArch names an OCI platform (os, architecture, variant) as
// bashbrew does; "" when it has no bashbrew name.
func bashbrewArch(os, arch, variant string) string {
	if os != "linux" {
		return ""
	}
	switch arch {
	case "amd64", "ppc64le", "riscv64", "s390x":
		if variant == "" || arch == "amd64" && strings.HasPrefix(variant, "v") {
			return arch
		}
	case "386":
		if variant == "" {
			return "i386"
		}
	case "arm64":
		if variant == "" || variant == "v8" {
			return "arm64v8"
		}
	case "arm":
		switch variant {
		case "", "v7":
			// Docker's linux/arm means v7.
			return "arm32v7"
		case "v6", "v5":
			return "arm32" + variant
		}
	}
	return ""
}

// Unsupported lists the architectures of want that archs lacks.
func Unsupported(archs, want []string) []string {
	var out []string
	for _, a := range want {
		if !slices.Contains(archs, a) {
			out = append(out, a)
		}
	}
	return out
}

// Architectures lists the architectures a line and variant can be built
// for: those of its build image that its final-stage image also has (a
// fixed runtime image may have fewer; scratch has them all).
func (c *Catalog) Architectures(s *Stack, version string, v Variant) []string {
	archs := s.Architectures(version, v)
	if v.Runtime == "" {
		return archs
	}
	rt, ok := c.Runtime(v.Runtime)
	if !ok || len(rt.Architectures) == 0 {
		return archs
	}
	var out []string
	for _, a := range archs {
		if slices.Contains(rt.Architectures, a) {
			out = append(out, a)
		}
	}
	return out
}
