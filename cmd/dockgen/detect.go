package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/kballard/go-shellquote"
	"github.com/spf13/cobra"
)

// detectResult is the JSON of `dockgen detect --json` (the contract's
// fields, plus warnings).
type detectResult struct {
	Language       string `json:"language"`
	Version        string `json:"version"`
	VersionSource  string `json:"version_source"`
	PackageManager string `json:"package_manager"`
	Framework      string `json:"framework"`
	// BuildTool is a front end's bundler (vite, cra, angular, ...), "" when
	// nothing is built.
	BuildTool  string   `json:"build_tool"`
	Port       int      `json:"port"`
	Command    []string `json:"command"`
	BaseImage  string   `json:"base_image"`
	BuildImage string   `json:"build_image"`
	// NodeVersion is the Node.js line of a front-end build in a repository
	// of another language (a static site's build, Vite in a PHP app).
	NodeVersion string `json:"node_version,omitempty"`
	// PortEnv is true when the app reads $PORT (the image sets ENV PORT).
	PortEnv bool `json:"port_env,omitempty"`
	// AddPackages are packages the image installs beyond the manifests
	// (a production server the project lacks), pinned.
	AddPackages []string `json:"add_packages,omitempty"`
	// NginxConfig and EntrypointScript are the repository's own files the
	// image uses as they are (an nginx.conf or server block, an entrypoint
	// script).
	NginxConfig      string `json:"nginx_config,omitempty"`
	EntrypointScript string `json:"entrypoint_script,omitempty"`
	// RuntimeFiles are what the final stage copies for the program to read
	// at run time (templates, static folders, config).
	RuntimeFiles []string          `json:"runtime_files,omitempty"`
	Evidence     []detect.Evidence `json:"evidence"`
	Warnings     []string          `json:"warnings"`
	// versionRule is how the catalog chose the line (human view only).
	versionRule string
}

func newDetectCmd(d Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "detect [DIR]",
		Short: "Show what init would use for DIR (default .), and where each value came from",
		Args:  maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := dirArg(args)
			if st, err := os.Stat(dir); err != nil {
				return usageError{fmt.Errorf("%s: %w", dir, unwrapPath(err))}
			} else if !st.IsDir() {
				return usageError{fmt.Errorf("%s is not a directory", dir)}
			}
			r, err := detectDir(dir, d)
			if err != nil {
				return err
			}
			// Warnings (an end-of-life version, a malformed manifest) go to
			// stderr in both views; the JSON carries them as well.
			for _, warn := range r.Warnings {
				fmt.Fprintln(d.Streams.ErrOut, "warning: "+warn)
			}
			if asJSON {
				enc := json.NewEncoder(d.Streams.Out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			printDetect(d.Streams.Out, dir, r)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func detectDir(dir string, d Deps) (detectResult, error) {
	facts, err := detect.Dir(dir)
	if err != nil {
		return detectResult{}, fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	r := detectResult{
		Language:       facts.Language,
		PackageManager: facts.PackageManager,
		Framework:      facts.Framework,
		BuildTool:      facts.BuildTool,
		Port:           facts.Port,
		Command:        facts.Command,
		PortEnv:        facts.PortEnv,
		AddPackages:    facts.AddPackages,
		RuntimeFiles:   facts.RuntimeFiles,
		Evidence:       facts.Evidence,
		Warnings:       facts.Warnings,
	}
	if facts.Language != "" {
		s, warns, err := spec.Build(facts, spec.Answers{}, d.Catalog, d.Now())
		if err != nil {
			return r, err
		}
		r.Version, r.VersionSource, r.versionRule = s.Version, s.VersionSource, s.VersionRule
		r.PackageManager, r.Framework, r.Port, r.Command = s.PackageManager, s.Framework, s.Port, s.Command
		r.BuildTool = s.BuildTool
		r.NginxConfig, r.EntrypointScript = s.NginxConfig, s.Entrypoint
		r.BaseImage, r.BuildImage, r.NodeVersion = s.BaseImage, s.BuildImage, s.NodeVersion
		r.Warnings = append(r.Warnings, warns...)
	}
	if r.Command == nil {
		r.Command = []string{}
	}
	if r.Evidence == nil {
		r.Evidence = []detect.Evidence{}
	}
	if r.Warnings == nil {
		r.Warnings = []string{}
	}
	return r, nil
}

// printDetect is the human view: each value with the file it came from.
func printDetect(w io.Writer, dir string, r detectResult) {
	if r.Language == "" {
		fmt.Fprintf(w, "nothing detected in %s: `dockgen init` will ask what to build\n", dir)
		return
	}
	from := func(field string) string {
		var parts []string
		for _, e := range r.Evidence {
			if e.Field == field {
				parts = append(parts, e.File+": "+e.Reason)
			}
		}
		if len(parts) == 0 {
			return "default"
		}
		return strings.Join(parts, "; ")
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	orNone := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	port := "(none)"
	if r.Port != 0 {
		port = fmt.Sprint(r.Port)
	}
	versionFrom := r.VersionSource
	if e := from("version"); e != "default" {
		versionFrom = e
	}
	// explain adds, under a value, the rule that chose it and the
	// candidates it beat.
	explain := func(field string, extraRule string) {
		for _, e := range r.Evidence {
			if e.Field != field {
				continue
			}
			rule := e.Rule
			if extraRule != "" {
				rule = strings.TrimPrefix(rule+"; "+extraRule, "; ")
				extraRule = ""
			}
			if rule != "" {
				fmt.Fprintf(tw, "\t\t  rule: %s\n", rule)
			}
			for _, c := range e.Candidates {
				v := ""
				if c.Value != "" {
					v = c.Value + " from "
				}
				fmt.Fprintf(tw, "\t\t  also seen: %s%s: %s\n", v, c.File, c.Reason)
			}
		}
		if extraRule != "" {
			fmt.Fprintf(tw, "\t\t  rule: %s\n", extraRule)
		}
	}
	fmt.Fprintf(tw, "language\t%s\t%s\n", r.Language, from("language"))
	explain("language", "")
	fmt.Fprintf(tw, "version\t%s\t%s\n", r.Version, versionFrom)
	explain("version", r.versionRule)
	fmt.Fprintf(tw, "package manager\t%s\t%s\n", r.PackageManager, from("package_manager"))
	explain("package_manager", "")
	if e := from("package_manager_version"); e != "default" {
		fmt.Fprintf(tw, "tool version\t\t%s\n", e)
	}
	fmt.Fprintf(tw, "framework\t%s\t%s\n", orNone(r.Framework), from("framework"))
	explain("framework", "")
	if r.BuildTool != "" {
		fmt.Fprintf(tw, "build tool\t%s\t%s\n", r.BuildTool, from("build_tool"))
		explain("build_tool", "")
	}
	fmt.Fprintf(tw, "port\t%s\t%s\n", port, from("port"))
	explain("port", "")
	if e := from("port_env"); e != "default" {
		fmt.Fprintf(tw, "reads PORT\tyes\t%s (the image sets ENV PORT)\n", e)
	}
	fmt.Fprintf(tw, "command\t%s\t%s\n", shellquote.Join(r.Command...), from("command"))
	explain("command", "")
	if e := from("build"); e != "default" {
		fmt.Fprintf(tw, "build\t\t%s\n", e)
		explain("build", "")
	}
	if e := from("entrypoint"); e != "default" {
		fmt.Fprintf(tw, "entry point\t\t%s\n", e)
		explain("entrypoint", "")
	}
	if e := from("server_config"); e != "default" {
		fmt.Fprintf(tw, "server config\t\t%s\n", e)
	}
	if len(r.AddPackages) > 0 {
		fmt.Fprintf(tw, "installs\t%s\t%s\n", strings.Join(r.AddPackages, " "), "not in the manifests: pinned by dockgen")
	}
	// The repository's own files, used as they are (or said not to be).
	for _, own := range []struct{ field, label string }{
		{"nginx_config", "nginx config"}, {"entrypoint_script", "entrypoint"}, {"caddyfile", "caddyfile"},
	} {
		if e := from(own.field); e != "default" {
			fmt.Fprintf(tw, "%s\t\t%s\n", own.label, e)
			explain(own.field, "")
		}
	}
	if e := from("runtime_files"); e != "default" {
		files := strings.Join(r.RuntimeFiles, " ")
		if files == "" {
			files = "(none)"
		}
		fmt.Fprintf(tw, "run-time files\t%s\t%s\n", files, e)
	}
	if e := from("cgo"); e != "default" {
		fmt.Fprintf(tw, "cgo\tyes\t%s\n", e)
	}
	if r.NodeVersion != "" {
		fmt.Fprintf(tw, "node.js\t%s\t%s\n", r.NodeVersion, from("node_version"))
		explain("node_version", "")
	}
	fmt.Fprintf(tw, "base image\t%s\t%s\n", r.BaseImage, "catalog")
	if r.BuildImage != "" && r.BuildImage != r.BaseImage {
		fmt.Fprintf(tw, "build image\t%s\t%s\n", r.BuildImage, "catalog")
	}
	tw.Flush()
}
