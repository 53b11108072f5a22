package spec

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

// composerImage is the official composer image the build stage copies
// Composer from. The tag list dockgen embeds does not carry composer, so
// this is the major line the image documents for exactly this COPY; the
// PHP that runs it is the build stage's, of the app's line.
const composerImage = "composer:2"

// phpBuiltin are extensions the official php images compile in: an ext-*
// requirement of one needs nothing.
var phpBuiltin = []string{
	"ctype", "curl", "date", "dom", "fileinfo", "filter", "hash", "iconv", "json", "libxml",
	"mbstring", "mysqlnd", "openssl", "pcre", "pdo", "pdo_sqlite", "phar", "posix", "random",
	"readline", "reflection", "session", "simplexml", "sodium", "spl", "sqlite3", "standard",
	"tokenizer", "xml", "xmlreader", "xmlwriter", "zlib",
}

// phpExtensions are the extensions docker-php-ext-install builds, with the
// Debian headers each needs (kept: the php images keep their compilers).
var phpExtensions = map[string][]string{
	"bcmath": nil, "calendar": nil, "exif": nil, "mysqli": nil, "opcache": nil, "pcntl": nil,
	"pdo_mysql": nil, "sockets": nil,
	"gd": {"libpng-dev"}, "intl": {"libicu-dev"}, "zip": {"libzip-dev"},
	"pdo_pgsql": {"libpq-dev"}, "pgsql": {"libpq-dev"},
}

// docRoot is a folder below the repository root.
var docRoot = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$`)

var phpStack = Stack{
	FrontEnd: true,
	Language: "php",
	// "none": a plain PHP site without composer.json, copied as it is.
	PackageManagers: []string{"composer", "none"},
	Frameworks:      []string{"laravel", "symfony", "codeigniter", "cakephp", "slim"},
	NewManifests:    map[string][]string{"composer": {"composer.json", "composer.lock"}},
	DefaultPort:     func(string) int { return 8080 },
	// Each variant's server in the foreground, as the image runs it.
	DefaultCommand: func(s Spec) []string {
		if s.Variant == "fpm" {
			return []string{"php-fpm"}
		}
		return []string{"apache2-foreground"}
	},
	VariantPort: func(variant string) int {
		if variant == "fpm" {
			return 9000
		}
		return 8080
	},
	// Composer installs in the cli image of the line; the web server
	// variant runs the app.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		if s.PackageManager == "none" {
			return stack.RuntimeRef(s.Version, v), ""
		}
		return stack.RuntimeRef(s.Version, v), stack.BuildRef(s.Version, v, s.PackageManager)
	},
	// Composer's image, the web root and the extensions to build.
	Prepare: func(s *Spec, a Answers) error {
		node := s.NodeImage
		s.ToolImage, s.NodeImage = "", ""
		if s.PackageManager == "composer" {
			s.ToolImage = composerImage
		}
		for _, m := range s.AssetManifests {
			if !manifestPath.MatchString(m) {
				return errf(m, "manifest name has characters a Dockerfile cannot carry safely")
			}
		}
		if s.Assets && slices.Contains(s.AssetManifests, "package.json") && s.PackageManager == "composer" && s.DocRoot != "" {
			// Vite and friends run on the repository's Node.js line.
			s.NodeImage = node
		}
		if s.DocRoot == "" {
			s.DocRoot = detect.PHPDocRoot(s.Framework) // the framework's front controller
		}
		if s.DocRoot != "" && (!docRoot.MatchString(s.DocRoot) || strings.Contains(s.DocRoot, "..")) {
			return errf("doc root", "%q is not a folder name a Dockerfile can carry safely", s.DocRoot)
		}
		s.Extensions, s.Packages = nil, nil
		for _, d := range s.Dependencies {
			ext, ok := strings.CutPrefix(d, "ext-")
			if !ok || slices.Contains(phpBuiltin, ext) {
				continue
			}
			if ext == "opcache" && s.Version == "8.5" {
				continue // built in from 8.5 on
			}
			libs, known := phpExtensions[ext]
			if !known {
				continue // reported by Warn
			}
			s.Extensions = append(s.Extensions, ext)
			for _, l := range libs {
				if !slices.Contains(s.Packages, l) {
					s.Packages = append(s.Packages, l)
				}
			}
		}
		return checkPackages(s.Packages)
	},
	Warn: func(s Spec, a Answers) []string {
		var out []string
		for _, d := range s.Dependencies {
			ext, ok := strings.CutPrefix(d, "ext-")
			if _, known := phpExtensions[ext]; ok && !known && !slices.Contains(phpBuiltin, ext) {
				out = append(out, fmt.Sprintf("composer.json: requires ext-%s, which the php image neither has nor builds with docker-php-ext-install; install it (e.g. with pecl) in a team template", ext))
			}
		}
		return out
	},
	Shapes: func(pm string) []detect.Facts {
		if pm == "none" {
			return []detect.Facts{{}, {DocRoot: "public"}}
		}
		return []detect.Facts{
			{Manifests: []string{"composer.json", "composer.lock"}},
			{Manifests: []string{"composer.json"}},
			{Manifests: []string{"composer.json", "composer.lock"}, DocRoot: "public", Dependencies: []string{"ext-intl", "ext-pdo_mysql", "ext-zip", "php"}},
			{Manifests: []string{"composer.json", "composer.lock"}, DocRoot: "web", Dependencies: []string{"ext-opcache", "ext-pdo_pgsql"}},
			{Manifests: []string{"composer.json", "composer.lock"}, DocRoot: "public", Assets: true, AssetManifests: []string{"package.json", "package-lock.json"}},
			{Manifests: []string{"composer.json", "composer.lock"}, DocRoot: "public", Assets: true, AssetManifests: []string{"package.json", "yarn.lock"}},
			{Manifests: []string{"composer.json"}, Assets: true, AssetManifests: []string{"package.json"}},
		}
	},
}
