// Package templates holds dockgen's built-in templates, embedded in the
// binary: one folder per language (Dockerfile.tmpl, dockerignore.tmpl) and
// shared/ with the blocks every language uses. README.md (embedded too, so
// `dockgen templates export` writes it) documents the blocks and layers.
package templates

import "embed"

// FS is the built-in template set.
//
//go:embed all:java
//go:embed all:shared all:python all:node all:go all:rust all:bun all:deno README.md
//go:embed all:ruby all:php all:elixir
//go:embed all:compose
//go:embed all:static
//go:embed all:dotnet
//go:embed all:other
var FS embed.FS
