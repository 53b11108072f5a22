// Package spec turns what was detected, what the user answered and what
// the catalog knows into the answers a Dockerfile is rendered from (a
// Spec), and validates every value that will land in the Dockerfile.
package spec

import (
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
	// Framework is lowercase, "" when none.
	Framework string `json:"framework"`
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
	// Packages are Debian packages the final stage installs: runtime
	// libraries of native gems, of an Erlang release.
	Packages []string `json:"-"`
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
	// OutputDir is the build output to run or serve (Next.js standalone,
	// a static site's dist/), "" when none; validated by the stack.
	OutputDir string `json:"-"`
	// BuildScript is true when a Node app has a "build" script.
	BuildScript bool `json:"-"`
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
			s.PackageManagerVersion = f.PackageManagerVersion
		}
	case sameLang && f.PackageManager != "":
		s.PackageManager = f.PackageManager
		s.PackageManagerVersion = f.PackageManagerVersion
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
	if s.Framework != "" && !slices.Contains(def.Frameworks, s.Framework) {
		return Spec{}, nil, errf("--framework", "%q is not a supported %s framework; use one of %s, or none", s.Framework, s.Language, strings.Join(def.Frameworks, ", "))
	}

	if sameLang {
		s.InstallProject = f.InstallProject
		s.PortEnv = f.PortEnv
		s.OutputDir = f.OutputDir
		s.BuildScript = f.BuildScript
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
	if len(s.Manifests) == 0 {
		// A new service: the files its package manager will create.
		s.Manifests = def.NewManifests[s.PackageManager]
	}
	if sameLang {
		s.Dependencies = f.Dependencies
		s.Assets = f.Assets
		s.AssetManifests = f.AssetManifests
		s.App = f.App
		s.DocRoot = f.DocRoot
		s.ConfigFiles = f.ConfigFiles
	}
	var nodeWarns []string
	if def.FrontEnd {
		var req detect.VersionReq
		if sameLang {
			req = f.NodeVersion
		}
		s.NodeVersion, s.NodeImage, nodeWarns = frontEndNode(req, cat, now)
	}
	if def.Prepare != nil {
		if err := def.Prepare(&s, a); err != nil {
			return Spec{}, nil, err
		}
	}
	if s.NodeImage != "" {
		warns = append(warns, nodeWarns...)
	} else {
		s.NodeVersion = ""
	}
	for _, m := range s.Manifests {
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
		s.BaseImage = a.Base
		s.BaseOverridden = true
	}
	if stack.Vendor && !s.BaseOverridden {
		warns = append(warns, fmt.Sprintf("%s has no Docker Official Image; using the vendor's image %s (pass --base to choose another)", s.Language, s.BaseImage))
	}
	if def.Warn != nil {
		warns = append(warns, def.Warn(s, a)...)
	}
	return s, warns, nil
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
