// Package spec turns what was detected, what the user answered and what
// the catalog knows into the answers a Dockerfile is rendered from (a
// Spec), and validates every value that will land in the Dockerfile.
package spec

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/kballard/go-shellquote"
)

// Spec is the full set of answers a Dockerfile is rendered from.
type Spec struct {
	// Language is "python", "node" or "go".
	Language string `json:"language"`
	// Version is the runtime release line, e.g. "3.14".
	Version string `json:"version"`
	// VersionSource is the file the version came from, or "default".
	VersionSource string `json:"version_source"`
	// VersionRule says how the line was chosen from the requirement
	// ("\">=3.11\": newest supported line that satisfies it"), for detect.
	VersionRule string `json:"-"`
	// Variant is the catalog variant name ("slim", "alpine", "scratch", ...).
	Variant string `json:"variant"`
	// PackageManager is the dependency tool ("pip", "npm", "go", ...).
	PackageManager string `json:"package_manager"`
	// PackageManagerVersion is an exact tool version to install, "" for the
	// tool's current major.
	PackageManagerVersion string `json:"package_manager_version,omitempty"`
	// PackageManagerVersionSource says where PackageManagerVersion came
	// from ("package.json packageManager", "pnpm-lock.yaml lockfileVersion
	// '9.0'"), for the Dockerfile's comment; "" when it is not known.
	PackageManagerVersionSource string `json:"-"`
	// Framework is lowercase, "" when none.
	Framework string `json:"framework"`
	// BuildTool is a front end's bundler ("vite", "cra", "angular",
	// "vue-cli", "webpack", "parcel", "astro", "next"), "" when nothing is
	// built.
	BuildTool string `json:"build_tool,omitempty"`
	// SPA is true for a single-page app: a static site whose unknown paths
	// are routes in the browser, so nginx answers them with index.html.
	SPA bool `json:"-"`
	// Port is the port to EXPOSE, 0 for none.
	Port int `json:"port"`
	// PortEnv is true when the app reads $PORT: the image sets ENV PORT
	// to Port (the "port-env" block).
	PortEnv bool `json:"-"`
	// Command is the start command in exec form.
	Command []string `json:"command"`
	// Dependencies are the direct runtime dependencies detection found
	// (gems, Composer packages, Mix deps), for templates to test with
	// sprig's has.
	Dependencies []string `json:"-"`
	// Assets is true when a Rails or Phoenix build precompiles assets.
	Assets bool `json:"-"`
	// AssetManifests are a Rails app's JavaScript manifests (package.json
	// and its lockfile), installed before the source.
	AssetManifests []string `json:"-"`
	// App is the Elixir release's name (mix.exs app:).
	App string `json:"-"`
	// DocRoot is the folder a PHP web server serves ("public"), "" for the
	// repository root.
	DocRoot string `json:"-"`
	// ConfigFiles are compile-time configuration files copied before the
	// dependencies compile (Elixir's config/config.exs, config/prod.exs).
	ConfigFiles []string `json:"-"`
	// Extensions are PHP extensions to build into the final image
	// (composer.json's ext-* requirements the image lacks).
	Extensions []string `json:"-"`
	// ToolImage is an image a build stage copies a tool from (Composer),
	// "" for none.
	ToolImage string `json:"-"`
	// NodeImage is the official node image a front-end build runs on or
	// takes Node.js from (a static site's build stage, a PHP app's Vite
	// build, a Rails JavaScript bundler), "" for none.
	NodeImage string `json:"-"`
	// NodeVersion is NodeImage's Node.js line ("24"), "" for none.
	NodeVersion string `json:"-"`
	// NodeVersionSource is where NodeVersion came from: "--node-version",
	// a version file, or "default".
	NodeVersionSource string `json:"-"`
	// Packages are Debian packages the final stage installs: runtime
	// libraries of native gems, of an Erlang release.
	Packages []string `json:"-"`
	// Entrypoint is the repository's own entrypoint script, run as the
	// ENTRYPOINT with Command as its arguments; "" for none.
	Entrypoint string `json:"-"`
	// NginxConfig is the repository's own nginx configuration, used as it
	// is; NginxConfigKind is "main" (a whole nginx.conf) or "server" (server
	// blocks for conf.d/default.conf). Static sites only.
	NginxConfig     string `json:"-"`
	NginxConfigKind string `json:"-"`
	// NginxFile is the nginx.conf dockgen writes ("nginx.conf", or
	// "nginx.dockgen.conf" when the repository's server block has that
	// name), "" when the repository's own nginx.conf is used.
	NginxFile string `json:"-"`
	// NginxPid is true when the command sets nginx's pid file (the
	// repository's nginx.conf sets none).
	NginxPid bool `json:"-"`
	// SiteRoot is where nginx serves the site from: the repository's root
	// directive, else /usr/share/nginx/html.
	SiteRoot string `json:"-"`
	// BaseImage is the final stage's image reference.
	BaseImage string `json:"base_image"`
	// BuildImage is the build stage's image reference, "" when single-stage.
	BuildImage string `json:"build_image"`
	// BaseOverridden is true when --base replaced the catalog's choice.
	BaseOverridden bool `json:"-"`
	// Manifests are copied before the install step, in order.
	Manifests []string `json:"manifests"`
	// InstallProject is true when a Python command is one of the
	// project's [project.scripts]: the project is installed into the venv.
	InstallProject bool `json:"-"`
	// AddPackages are packages the image installs beyond the manifests
	// (see detect.Facts.AddPackages), validated by the stack.
	AddPackages []string `json:"-"`
	// OutputDir is the build output to run or serve (Next.js standalone,
	// a static site's dist/), "" when none; validated by the stack.
	OutputDir string `json:"-"`
	// BuildScript is true when a Node app has a "build" script.
	BuildScript bool `json:"-"`
	// BuildScriptName is the script the build stage runs ("build",
	// "build:docker"); the stack fills "build" when BuildScript is set
	// without one.
	BuildScriptName string `json:"-"`
	// GoMain is the Go main package ("." or "./cmd/api").
	GoMain string `json:"-"`
	// Binary is the binary's name (Go: after the main package; Rust: the
	// Cargo binary target).
	Binary string `json:"-"`
	// GoModInit is true for Go source with no go.mod: no manifest is
	// copied, and the build stage runs go mod init and go mod tidy.
	GoModInit bool `json:"-"`
	// RuntimeFiles are the files and folders the program reads at run time
	// (templates, static folders, config), copied into the final stage at
	// the same path under its working directory.
	RuntimeFiles []string `json:"-"`
	// CGO is true when detection found cgo in a Go module: the default
	// variant is then debian (CGO_ENABLED=1).
	CGO bool `json:"-"`
	// ManifestDirs are folders copied with the manifests, each to the same
	// path (a build tool's wrapper: .mvn, gradle).
	ManifestDirs []string `json:"-"`
	// Project is what to build when it is not the root: the .NET project
	// file, or the Gradle subproject holding the application.
	Project string `json:"-"`
	// Assembly is the .NET assembly name (the ENTRYPOINT runs Assembly.dll).
	Assembly string `json:"-"`
}

// Answers are values given on the command line, in a config or at a
// prompt; "" means not given. Each is validated and named by its flag.
type Answers struct {
	Language       string
	Version        string
	Variant        string
	PackageManager string
	Framework      string
	Port           string
	Cmd            string
	Base           string
	// Main is the Go main package to build ("./cmd/api").
	Main string
	// BuildTool is a front end's bundler (static sites: vite, cra, ...).
	BuildTool string
	// NodeVersion is the Node.js line a front-end build runs on, over the
	// repository's version files.
	NodeVersion string
	// Sources name where an answer came from when it is not a flag, by
	// key ("port"): "FILE:LINE: key" for a config or answers file. A
	// validation error then names that source instead of the flag.
	Sources map[string]string
}

// Get is the answer of key, named as its flag without "--" ("port").
func (a Answers) Get(key string) string {
	switch key {
	case "language":
		return a.Language
	case "runtime-version":
		return a.Version
	case "variant":
		return a.Variant
	case "package-manager":
		return a.PackageManager
	case "framework":
		return a.Framework
	case "port":
		return a.Port
	case "cmd":
		return a.Cmd
	case "base":
		return a.Base
	case "main":
		return a.Main
	case "build-tool":
		return a.BuildTool
	case "node-version":
		return a.NodeVersion
	}
	return ""
}

// WithSource returns a with src recorded as the source of key's answer.
func (a Answers) WithSource(key, src string) Answers {
	m := make(map[string]string, len(a.Sources)+1)
	for k, v := range a.Sources {
		m[k] = v
	}
	m[key] = src
	a.Sources = m
	return a
}

// sourced names an answer's own source in a validation error about it: an
// error about --port whose answer came from .dockgen.yaml line 7 reads
// ".dockgen.yaml:7: port: ...".
func (a Answers) sourced(err error) error {
	var e *Error
	if errors.As(err, &e) && strings.HasPrefix(e.Flag, "--") {
		if src := a.Sources[strings.TrimPrefix(e.Flag, "--")]; src != "" {
			return &Error{Flag: src, Msg: e.Msg}
		}
	}
	return err
}

// Error is a validation failure; Flag names the flag (or question) at fault.
type Error struct {
	Flag string
	Msg  string
}

func (e *Error) Error() string { return e.Flag + ": " + e.Msg }

func errf(flag, format string, args ...any) error {
	return &Error{Flag: flag, Msg: fmt.Sprintf(format, args...)}
}

// Build combines detected facts and answers (answers win) into a Spec,
// resolving the runtime line and base images from the catalog. It returns
// one-line warnings for stderr (an end-of-life version, a vendor base).
// When only the start command is missing (a stack with no default, such as
// other), the rest of the Spec comes back with the error, for prompts.
func Build(f detect.Facts, a Answers, cat *catalog.Catalog, now time.Time) (Spec, []string, error) {
	s, warns, err := build(f, a, cat, now)
	return s, warns, a.sourced(err)
}

func build(f detect.Facts, a Answers, cat *catalog.Catalog, now time.Time) (Spec, []string, error) {
	var warns []string
	s := Spec{Language: f.Language}
	if a.Language != "" {
		s.Language = a.Language
	}
	if s.Language == "" {
		return Spec{}, nil, errf("--language", "no language detected; pass --language (one of %s)", strings.Join(Languages, ", "))
	}
	def, ok := StackFor(s.Language)
	stack, inCatalog := cat.Stack(s.Language)
	if ok && !inCatalog && def.Catalog != nil {
		stack, inCatalog = def.Catalog, true
	}
	if !ok || !inCatalog {
		return Spec{}, nil, errf("--language", "%q is not supported; use one of %s", s.Language, strings.Join(Languages, ", "))
	}
	sameLang := s.Language == f.Language

	// Runtime line: an answer pins; detection pins or ranges.
	var res catalog.Resolution
	var err error
	switch {
	case a.Version != "":
		res, err = stack.Resolve(a.Version, true, now)
		if err != nil {
			return Spec{}, nil, errf("--runtime-version", "%v", err)
		}
		s.VersionSource = "--runtime-version"
	case sameLang && f.Version.Raw != "":
		res, err = stack.Resolve(f.Version.Raw, f.Version.Pinned, now)
		if err != nil {
			// A version file we cannot read is a warning, not a failure.
			warns = append(warns, fmt.Sprintf("%s: %v; using the default line", f.Version.Source, err))
			res, _ = stack.Resolve("", false, now)
			s.VersionSource = "default"
		} else {
			s.VersionSource = f.Version.Source
		}
	default:
		res, _ = stack.Resolve("", false, now)
		s.VersionSource = "default"
	}
	s.Version, s.VersionRule = res.Line, res.Rule
	warns = append(warns, res.Warnings...)

	s.Variant = a.Variant
	if _, ok := stack.Variant(s.Variant); !ok {
		return Spec{}, nil, errf("--variant", "%q is not a %s variant; use one of %s", a.Variant, s.Language, strings.Join(stack.VariantNames(), ", "))
	}
	if s.Variant == "" {
		s.Variant = stack.Variants[0].Name
	}

	pms := def.PackageManagers
	switch {
	case a.PackageManager != "":
		s.PackageManager = a.PackageManager
		if sameLang && a.PackageManager == f.PackageManager {
			// The answer confirms detection: keep the tool version the
			// project names, so a replay of recorded answers is exact.
			s.PackageManagerVersion, s.PackageManagerVersionSource = f.PackageManagerVersion, f.PackageManagerVersionSource
		}
	case sameLang && f.PackageManager != "":
		s.PackageManager = f.PackageManager
		s.PackageManagerVersion, s.PackageManagerVersionSource = f.PackageManagerVersion, f.PackageManagerVersionSource
	default:
		s.PackageManager = pms[0]
	}
	if !slices.Contains(pms, s.PackageManager) {
		return Spec{}, nil, errf("--package-manager", "%q is not a %s package manager; use one of %s", s.PackageManager, s.Language, strings.Join(pms, ", "))
	}
	if s.PackageManagerVersion != "" && !toolVersion.MatchString(s.PackageManagerVersion) {
		return Spec{}, nil, errf("package.json", "packageManager version %q is not a version", s.PackageManagerVersion)
	}

	s.Framework = f.Framework
	if !sameLang {
		s.Framework = ""
	}
	if a.Framework != "" {
		s.Framework = a.Framework
		if s.Framework == "none" {
			s.Framework = ""
		}
	}
	if a.Framework != "" && !slices.Contains(def.Frameworks, a.Framework) && slices.Contains(def.BuildTools, a.Framework) {
		// An answer recorded before the bundler had its own field
		// (framework: vite): it names the build tool.
		if a.BuildTool == "" {
			a.BuildTool = a.Framework
		}
		s.Framework = ""
		if sameLang {
			s.Framework = f.Framework
		}
	}
	if s.Framework != "" && !slices.Contains(def.Frameworks, s.Framework) {
		return Spec{}, nil, errf("--framework", "%q is not a supported %s framework; use one of %s, or none", s.Framework, s.Language, strings.Join(def.Frameworks, ", "))
	}

	s.BuildTool = a.BuildTool
	if s.BuildTool == "" && sameLang {
		s.BuildTool = f.BuildTool
	}
	if s.BuildTool != "" && !slices.Contains(def.BuildTools, s.BuildTool) {
		if a.BuildTool != "" {
			return Spec{}, nil, errf("--build-tool", "%q is not a supported %s build tool; use one of %s", s.BuildTool, s.Language, strings.Join(def.BuildTools, ", "))
		}
		s.BuildTool = ""
	}
	if sameLang {
		s.InstallProject = f.InstallProject
		s.AddPackages = f.AddPackages
		s.PortEnv = f.PortEnv
		s.OutputDir = f.OutputDir
		s.BuildScript = f.BuildScript
		s.BuildScriptName = f.BuildScriptName
		s.GoMain = f.GoMain
		s.Binary = f.Binary
		s.CGO = f.CGO
		s.GoModInit = f.GoModInit
		s.RuntimeFiles = f.RuntimeFiles
		if s.PackageManager == f.PackageManager {
			s.Manifests = f.Manifests
			s.ManifestDirs, s.Project, s.Assembly = f.ManifestDirs, f.Project, f.Assembly
		}
	}
	if len(s.Manifests) == 0 && !sameLang {
		// A new service: the files its package manager will create. (A
		// repository detected without a manifest, such as a Node.js app
		// with no package.json or a Flask app.py, has none to copy: never
		// COPY a file that does not exist.)
		s.Manifests = def.NewManifests[s.PackageManager]
	}
	if sameLang {
		s.Dependencies = f.Dependencies
		s.Assets = f.Assets
		s.AssetManifests = f.AssetManifests
		s.App = f.App
		s.DocRoot = f.DocRoot
		s.ConfigFiles = f.ConfigFiles
		s.NginxConfig, s.NginxConfigKind, s.NginxPid, s.SiteRoot = f.NginxConfig, f.NginxConfigKind, f.NginxPid, f.SiteRoot
		s.Entrypoint = f.EntrypointScript
	}
	var nodeWarns []string
	if def.FrontEnd {
		var req detect.VersionReq
		if sameLang {
			req = f.NodeVersion
		}
		if a.NodeVersion != "" {
			if node, ok := cat.Stack("node"); ok {
				if _, err := node.Resolve(a.NodeVersion, true, now); err != nil {
					return Spec{}, nil, errf("--node-version", "%v", err)
				}
			}
			req = detect.VersionReq{Raw: a.NodeVersion, Pinned: true, Source: "--node-version"}
		}
		s.NodeVersion, s.NodeImage, nodeWarns = frontEndNode(req, cat, now)
		s.NodeVersionSource = req.Source
		if s.NodeVersionSource == "" {
			s.NodeVersionSource = "default"
		}
	} else if a.NodeVersion != "" {
		warns = append(warns, fmt.Sprintf("--node-version: %s builds nothing with Node.js; ignored", s.Language))
	}
	if def.Prepare != nil {
		if err := def.Prepare(&s, a); err != nil {
			return Spec{}, nil, err
		}
	}
	if s.NodeImage != "" {
		warns = append(warns, nodeWarns...)
	} else {
		s.NodeVersion, s.NodeVersionSource = "", ""
	}
	for _, m := range s.Manifests {
		// The project file a stack validated itself (a .NET project named
		// "My App.csproj") may hold a space: templates copy manifests in
		// COPY's JSON form then, and quote the project in RUN.
		if m == s.Project && s.Project != "" {
			continue
		}
		if !manifestPath.MatchString(m) {
			return Spec{}, nil, errf(m, "manifest name has characters a Dockerfile cannot carry safely")
		}
	}
	for _, p := range s.RuntimeFiles {
		if !manifestPath.MatchString(p) {
			return Spec{}, nil, errf(p, "run-time file name has characters a Dockerfile cannot carry safely")
		}
	}

	// Port: an answer, else detection, else the framework's default.
	switch {
	case a.Port != "":
		p, err := ParsePort(a.Port)
		if err != nil {
			return Spec{}, nil, errf("--port", "%v", err)
		}
		s.Port = p
	case def.VariantPort != nil && def.VariantPort(s.Variant) != 0:
		s.Port = def.VariantPort(s.Variant)
	case sameLang && (a.Framework == "" || s.Framework == f.Framework):
		// Detection found the stack; 0 means it serves no port (a script,
		// a worker, a command-line tool), so no EXPOSE.
		s.Port = f.Port
	default:
		s.Port = def.DefaultPort(s.Framework)
	}
	if s.Port == 0 && def.NeedsPort {
		if a.Port != "" {
			return Spec{}, nil, errf("--port", "%s's server must listen on a port; 0 is none", s.Language)
		}
		s.Port = def.DefaultPort(s.Framework)
	}
	if s.Port < 0 || s.Port > 65535 {
		return Spec{}, nil, errf("port", "%d is not a port number (1-65535)", s.Port)
	}

	// Command: an answer (shell words), else detection, else a default.
	switch {
	case a.Cmd != "":
		s.Command, err = ParseCommand(a.Cmd)
		if err != nil {
			return Spec{}, nil, errf("--cmd", "%v", err)
		}
	case sameLang && len(f.Command) > 0 && (a.Framework == "" || s.Framework == f.Framework) && (a.PackageManager == "" || a.PackageManager == f.PackageManager) &&
		(a.Main == "" || s.Project == f.Project):
		// (unless --main picked another .NET project: its dll differs)
		s.Command = f.Command
	default:
		s.Command = def.DefaultCommand(s)
	}
	if len(s.Command) == 0 {
		// A stack with no default command (other): the rest of the Spec
		// is returned with the error, so a prompt can still pre-fill.
		return s, warns, errf("--cmd", "%s has no default start command; pass --cmd", s.Language)
	}
	if err := CheckCommand(s.Command); err != nil {
		return Spec{}, nil, errf("command", "%v", err)
	}

	// Images.
	v, _ := stack.Variant(s.Variant)
	s.BaseImage, s.BuildImage = def.Images(stack, s, v)
	if a.Base != "" {
		if err := CheckImage(a.Base); err != nil {
			return Spec{}, nil, errf("--base", "%v", err)
		}
		if err := checkPinnedBase(a.Base, s.BaseImage); err != nil {
			return Spec{}, nil, errf("--base", "%v", err)
		}
		if w := baseMismatch(a.Base, s.BaseImage, stack.Image, s.Language); w != "" {
			warns = append(warns, w)
		}
		s.BaseImage = a.Base
		s.BaseOverridden = true
	}
	if stack.Vendor && !s.BaseOverridden {
		warns = append(warns, fmt.Sprintf("%s has no Docker Official Image; using the vendor's image %s (pass --base to choose another)", s.Language, s.BaseImage))
	}
	if def.Warn != nil {
		warns = append(warns, def.Warn(s, a)...)
	}
	if s.Entrypoint != "" {
		var w string
		s.Entrypoint, w = entrypointFits(s, f.EntrypointShell)
		if w != "" {
			warns = append(warns, w)
		}
	}
	return s, warns, nil
}

// entrypointFits keeps the repository's entrypoint script when the final
// image can run it: a shell script needs a shell, which scratch and
// distroless images lack, and bash, which Alpine lacks. It returns the
// script ("" when dropped) and a warning naming it.
func entrypointFits(s Spec, shell string) (string, string) {
	if !manifestPath.MatchString(s.Entrypoint) {
		return "", fmt.Sprintf("%s: not used as the ENTRYPOINT: the name has characters a Dockerfile cannot carry safely", s.Entrypoint)
	}
	base := s.BaseImage
	if base == "scratch" || strings.Contains(base, "distroless") || strings.Contains(base, "chiseled") {
		return "", fmt.Sprintf("%s: not used as the ENTRYPOINT: the final image %s has no shell to run it (pick a variant with one, e.g. --variant alpine or debian)", s.Entrypoint, base)
	}
	if strings.Contains(shell, "bash") && strings.Contains(base, "alpine") {
		return s.Entrypoint, fmt.Sprintf("%s: runs with %s, which the Alpine image %s does not have: it fails at start unless the script is POSIX sh (#!/bin/sh) or the image installs bash", s.Entrypoint, shell, base)
	}
	return s.Entrypoint, ""
}

// frontEndNode resolves the Node.js a front-end build uses: the line the
// repository asks for (req; zero for the catalog's default), on the node
// image's default variant. Warnings name the file the requirement came from.
func frontEndNode(req detect.VersionReq, cat *catalog.Catalog, now time.Time) (line, ref string, warns []string) {
	node, ok := cat.Stack("node")
	if !ok || len(node.Variants) == 0 {
		return "", "", nil
	}
	res, err := node.Resolve(req.Raw, req.Pinned, now)
	if err != nil {
		warns = append(warns, fmt.Sprintf("%s: %v; building with Node.js %s", req.Source, err, node.Default))
		res, _ = node.Resolve("", false, now)
	}
	for _, w := range res.Warnings {
		warns = append(warns, req.Source+": "+w)
	}
	return res.Line, node.Ref(res.Line, node.Variants[0]), warns
}

var (
	toolVersion  = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}([-+][0-9A-Za-z.]+)?$`)
	goMain       = regexp.MustCompile(`^\.(/[A-Za-z0-9._-]+)*$`)
	manifestPath = regexp.MustCompile(`^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$`)
)

// ParsePort validates a port answer: a decimal number from 1 to 65535,
// or 0 for a service that listens on no port (no EXPOSE).
func ParsePort(v string) (int, error) {
	p, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || p < 0 || p > 65535 {
		return 0, fmt.Errorf("%q is not a port number (1-65535, or 0 for none)", v)
	}
	return p, nil
}

// ParseCommand splits a shell-words string into exec form and validates it.
func ParseCommand(v string) ([]string, error) {
	if strings.ContainsAny(v, "\n\r\x00") {
		return nil, fmt.Errorf("must be one line (it contains a line break)")
	}
	words, err := shellquote.Split(v)
	if err != nil {
		return nil, fmt.Errorf("cannot split %q into words: %v", v, err)
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("is empty")
	}
	return words, CheckCommand(words)
}

// CheckCommand rejects an exec-form command with an empty list or a control
// character in any argument: exec form is JSON-escaped when rendered, but a
// line break in a command is never what a user meant.
func CheckCommand(words []string) error {
	if len(words) == 0 {
		return fmt.Errorf("start command is empty")
	}
	for i, w := range words {
		if strings.IndexFunc(w, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
			return fmt.Errorf("argument %d (%q) contains a control character such as a line break", i+1, w)
		}
	}
	if words[0] == "" {
		return fmt.Errorf("start command has an empty program name")
	}
	return nil
}

// checkPinnedBase refuses a --base that floats: no tag, or latest, moves
// to every new release (house style: never latest). example is the
// catalog's choice, to suggest.
func checkPinnedBase(ref, example string) error {
	if ref == "scratch" {
		return nil
	}
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return err
	}
	if _, ok := named.(reference.Digested); ok {
		return nil
	}
	tagged, ok := named.(reference.Tagged)
	if ok && tagged.Tag() != "latest" {
		return nil
	}
	why := "no tag means latest"
	if ok {
		why = "latest"
	}
	return fmt.Errorf("%q floats (%s, which moves to every new release); pin a version and OS such as %s", ref, why, example)
}

// baseMismatch warns when --base replaces the stack's runtime image (node,
// python, ...) with an image of another name: the Dockerfile still expects
// what the runtime image provides. A mirror or team image of the same name
// (mirror.example.com/library/node:24-trixie-slim) is not warned about.
func baseMismatch(ref, catalogRef, stackImage, lang string) string {
	if stackImage == "" || ref == "scratch" {
		return ""
	}
	last := func(r string) string {
		named, err := reference.ParseNormalizedNamed(r)
		if err != nil {
			return ""
		}
		p := reference.Path(named)
		return p[strings.LastIndex(p, "/")+1:]
	}
	want := last(catalogRef)
	if want != last(stackImage+":x") || last(ref) == want {
		return "" // the stack's final stage is not its runtime image (Go's scratch), or the names agree
	}
	return fmt.Sprintf("--base %s is not a %s image: the Dockerfile expects what %s provides (the %s runtime, its tools and its user); make sure %s has them",
		ref, want, catalogRef, lang, ref)
}

// CheckImage validates an image reference given with --base.
func CheckImage(ref string) error {
	if ref == "scratch" {
		return nil
	}
	if strings.TrimSpace(ref) != ref || strings.ContainsAny(ref, " \t\n\r") {
		return fmt.Errorf("%q is not an image reference (it contains whitespace)", ref)
	}
	if _, err := reference.ParseNormalizedNamed(ref); err != nil {
		return fmt.Errorf("%q is not an image reference: %v", ref, err)
	}
	return nil
}
