// Package detect reads a repository and reports what it is: language,
// runtime version requirement, package manager, framework, port and start
// command, each with the evidence (file, reason) it came from.
//
// Detection reads manifests only. It never walks dependency or build
// folders (node_modules, .git, vendor, virtualenvs, dist, build, target),
// and a malformed manifest becomes a warning naming the file, never a crash.
package detect

// Evidence says where one detected value came from.
type Evidence struct {
	// Field is the value this explains: "language", "version",
	// "package_manager", "framework", "port", "command", "entrypoint",
	// "cgo" (Go), "build_tool" (a front end's bundler), "node_version"
	// (the Node.js of a front-end build), "port_env" (the app reads $PORT),
	// "runtime_files" (files a compiled program reads at run time),
	// "server_config" (the project's own gunicorn.conf.py or uwsgi.ini,
	// which the command defers to), "package_manager_version" (a tool
	// version from a lockfile or a release file), "build" (the build
	// script chosen), "nginx_config", "entrypoint_script" and "caddyfile"
	// (the repository's own files).
	Field string `json:"field"`
	// File is the slash-separated path, relative to the repository root.
	File string `json:"file"`
	// Reason is a short human explanation ("requires-python = \">=3.11\"").
	Reason string `json:"reason"`
	// Rule says which rule made this the winner when there was a choice
	// ("mise.toml, .mise.toml and .tool-versions pin the runtime before
	// the stack's own files"); "" when nothing competed.
	Rule string `json:"rule,omitempty"`
	// Candidates are the other values seen for the same field, which lost.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Candidate is a value seen for a field that another one beat.
type Candidate struct {
	// Value is the value it would have given ("yarn", "3.11"), "" when the
	// reason says it.
	Value string `json:"value,omitempty"`
	// File is where it was seen.
	File string `json:"file"`
	// Reason is what was seen there.
	Reason string `json:"reason"`
}

// VersionReq is a runtime version requirement as written in a file.
type VersionReq struct {
	// Raw is the requirement as written, trimmed: "3.12", "3.12.4", ">=3.11",
	// "^20", "lts/*", "1.22.3".
	Raw string `json:"raw"`
	// Pinned is true when the file pins a version or release line
	// (.python-version, .nvmrc, .node-version, go.mod toolchain), false when
	// it only sets a floor or range (requires-python, engines.node, go.mod go).
	Pinned bool `json:"pinned"`
	// Source is the file the requirement came from.
	Source string `json:"source"`
}

// Facts is everything detected about a repository. The zero value means
// nothing was found (an empty folder: a new service).
type Facts struct {
	// Language is lowercase ("python", "node", "go"), "" when unknown.
	Language string `json:"language"`
	// Version is the runtime version requirement; zero when none was found.
	Version VersionReq `json:"version_requirement"`
	// NodeVersion is the Node.js version requirement of a front-end build
	// in a repository of another language (a static site's build, Vite in
	// a PHP app, a Rails JavaScript bundler); zero when there is none or
	// the repository names no version.
	NodeVersion VersionReq `json:"node_version_requirement,omitzero"`
	// PackageManager is "pip", "poetry", "uv", "pipenv", "npm", "yarn",
	// "pnpm" or "go"; "" when unknown.
	PackageManager string `json:"package_manager"`
	// PackageManagerVersion is the exact version from package.json's
	// packageManager field ("9.12.0"), "" when not given.
	PackageManagerVersion string `json:"package_manager_version,omitempty"`
	// PackageManagerVersionSource says where PackageManagerVersion came
	// from, for the Dockerfile's comment: "package.json packageManager",
	// "pnpm-lock.yaml lockfileVersion '9.0'", ".yarnrc.yml yarnPath".
	PackageManagerVersionSource string `json:"package_manager_version_source,omitempty"`
	// Framework is lowercase ("flask", "django", "fastapi", "express",
	// "next", "nest"), "" when none. For a single-page app it is the UI
	// library ("react", "vue", "angular", "svelte"), and the bundler is
	// BuildTool.
	Framework string `json:"framework"`
	// BuildTool is the tool a front end's build script runs ("vite", "cra",
	// "angular", "vue-cli", "webpack", "parcel"; "astro", "next" for those
	// site frameworks), "" when none.
	BuildTool string `json:"build_tool,omitempty"`
	// Port is the port the service listens on, 0 when unknown.
	Port int `json:"port"`
	// PortEnv is true when the app reads its port from the PORT
	// environment variable (process.env.PORT, os.Getenv("PORT"),
	// os.environ["PORT"], ...): the image then sets ENV PORT to Port, so an
	// app that requires it starts and one with its own default listens
	// where the image EXPOSEs. Evidence key "port_env".
	PortEnv bool `json:"port_env,omitempty"`
	// Command is the start command in exec form, nil when unknown.
	Command []string `json:"command"`
	// Manifests are the dependency manifests and lockfiles that exist, in the
	// order they should be copied before installing (slash paths relative to
	// the root): e.g. package.json, package-lock.json; go.mod, go.sum;
	// pyproject.toml, poetry.lock; requirements.txt.
	Manifests []string `json:"manifests"`
	// BuildScript is true when package.json has a "build" script.
	BuildScript bool `json:"build_script,omitempty"`
	// BuildScriptName is the package.json script the build runs: "build",
	// or one the project keeps for container builds ("build:docker",
	// "build:prod"); "" without a build script.
	BuildScriptName string `json:"build_script_name,omitempty"`
	// GoMain is the main package to build, as a "./"-prefixed slash path
	// ("." or "./cmd/api"); "" for other languages.
	GoMain string `json:"go_main,omitempty"`
	// FromSource is true when the language was found from the code alone,
	// with no manifest (an app.py importing flask): such a candidate is
	// dropped when another language has a manifest.
	FromSource bool `json:"from_source,omitempty"`
	// AddPackages are packages the image installs that the repository's
	// manifests do not declare, in the stack's own spelling: a production
	// server a Python app lacks ("gunicorn==23.0.0"), or, with no manifest
	// at all, the packages the code imports ("flask==3.1.0", "express@5":
	// pinned, to a major for npm where dockgen knows the current one).
	AddPackages []string `json:"add_packages,omitempty"`
	// InstallProject is true when the command is one of the project's own
	// [project.scripts]: the Python project itself is installed too.
	InstallProject bool `json:"install_project,omitempty"`
	// OutputDir is the build output a Node app's final stage or a static
	// site's web server takes (".next/standalone", "dist", "build",
	// "dist/web/browser"), "" when there is none.
	OutputDir string `json:"output_dir,omitempty"`
	// Binary is the Rust binary target to build ("api"); "" for other
	// languages.
	Binary string `json:"binary,omitempty"`
	// Mains are the candidates when there was more than one thing to
	// build: Go main packages ("./cmd/api") or Rust binaries; init asks
	// which one, --main answers.
	Mains []string `json:"mains,omitempty"`
	// GoModInit is true for Go source with no go.mod (a lone main.go):
	// there is no manifest to copy, and the build stage runs go mod init
	// and go mod tidy, resolving the imports through the module proxy.
	GoModInit bool `json:"go_mod_init,omitempty"`
	// RuntimeFiles are the files and folders the program reads at run
	// time (Go template globs, static folders, a config file; Rust config
	// folders, tera templates, Rocket.toml), slash paths relative to the
	// root that exist and are not embedded in the binary: the final stage
	// copies each to the same path under its working directory. Evidence
	// key "runtime_files".
	RuntimeFiles []string `json:"runtime_files,omitempty"`
	// CGO is true when the Go main module uses cgo (import "C", or a
	// dependency known to need it), so the binary needs the C library.
	CGO bool `json:"cgo,omitempty"`
	// Assets is true when a Rails or Phoenix app has assets to build for
	// production (Rails: app/assets or a JS bundler; Phoenix: an
	// assets.deploy alias).
	Assets bool `json:"assets,omitempty"`
	// AssetManifests are the JavaScript manifests a Rails app's asset
	// build installs from (package.json and its lockfile), copied before
	// the source like the others.
	AssetManifests []string `json:"asset_manifests,omitempty"`
	// App is the application's name where the Dockerfile needs it: the
	// Elixir release (mix.exs `app:`); "" otherwise.
	App string `json:"app,omitempty"`
	// DocRoot is the folder a PHP web server serves ("public"), "" for the
	// repository root.
	DocRoot string `json:"doc_root,omitempty"`
	// ConfigFiles are compile-time configuration files copied before the
	// dependencies compile (Elixir's config/config.exs, config/prod.exs).
	ConfigFiles []string `json:"config_files,omitempty"`
	// ManifestDirs are folders copied with the manifests, before the
	// install step, each to the same path: a build tool's wrapper and its
	// settings (.mvn, gradle).
	ManifestDirs []string `json:"manifest_dirs,omitempty"`
	// Project is what to build when it is not the root: the .NET project
	// file to publish ("src/Api/Api.csproj"), or the Gradle subproject
	// holding the application ("app"); "" for the root.
	Project string `json:"project,omitempty"`
	// Assembly is the .NET assembly the project builds ("Api", from
	// AssemblyName or the project file's name); "" for other languages.
	Assembly string `json:"assembly,omitempty"`
	// Dependencies are the direct runtime dependency names the manifests
	// declare (lowercased for Python), used to pick servers such as
	// gunicorn or uvicorn.
	Dependencies []string `json:"dependencies,omitempty"`
	// NginxConfig is the repository's own nginx configuration, used as it
	// is ("nginx.conf", "nginx/default.conf"), "" when none; NginxConfigKind
	// says what it is: "main" (a whole nginx.conf, for /etc/nginx/nginx.conf)
	// or "server" (server blocks, for /etc/nginx/conf.d/default.conf).
	NginxConfig     string `json:"nginx_config,omitempty"`
	NginxConfigKind string `json:"nginx_config_kind,omitempty"`
	// NginxPid is true when the repository's nginx.conf sets no pid file:
	// the command then sets one in /tmp, where the user nginx may write.
	NginxPid bool `json:"nginx_pid,omitempty"`
	// SiteRoot is the folder the repository's nginx configuration serves
	// (its root directive), "" for the image's /usr/share/nginx/html.
	SiteRoot string `json:"site_root,omitempty"`
	// EntrypointScript is the repository's own entrypoint script
	// (docker-entrypoint.sh, entrypoint.sh, bin/docker-entrypoint), run as
	// the image's ENTRYPOINT; "" when none.
	EntrypointScript string `json:"entrypoint_script,omitempty"`
	// EntrypointShell is the script's #! interpreter ("/bin/sh",
	// "/usr/bin/env bash").
	EntrypointShell string `json:"entrypoint_shell,omitempty"`
	// Evidence explains every value above, in detection order.
	Evidence []Evidence `json:"evidence"`
	// Warnings are problems met on the way (a malformed manifest, an
	// ambiguity), each naming the file, one line each.
	Warnings []string `json:"warnings,omitempty"`
}
