package spec

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var staticNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

func TestStaticSpec(t *testing.T) {
	cat := catalog.Default()
	tests := []struct {
		name          string
		facts         detect.Facts
		answers       Answers
		base, build   string
		output        string
		buildScript   bool
		port          int
		command       []string
		errFlag       string
		manifestsWant []string
	}{
		{
			name: "plain HTML: nginx alone, nothing to build", facts: detect.Facts{Language: "static", PackageManager: "none", OutputDir: "public", Port: 8080},
			base: "nginx:1.30-alpine3.24", output: "public", port: 8080, command: []string{"nginx", "-g", "daemon off;"},
		},
		{
			name:    "a Vite build on node, served by nginx on trixie",
			facts:   detect.Facts{Language: "static", PackageManager: "npm", Framework: "react", BuildTool: "vite", OutputDir: "dist", BuildScript: true, Port: 8080, Manifests: []string{"package.json", "package-lock.json"}},
			answers: Answers{Variant: "debian"},
			base:    "nginx:1.30-trixie", build: "node:26-trixie-slim", output: "dist", buildScript: true, port: 8080,
			command: []string{"nginx", "-g", "daemon off;"}, manifestsWant: []string{"package.json", "package-lock.json"},
		},
		{
			name: "a new Angular app: the output folder is the framework's default", answers: Answers{Language: "static", PackageManager: "pnpm", Framework: "angular"},
			base: "nginx:1.30-alpine3.24", build: "node:26-trixie-slim", output: "dist/app/browser", buildScript: true, port: 8080,
			command: []string{"nginx", "-g", "daemon off;"}, manifestsWant: []string{"package.json", "pnpm-lock.yaml"},
		},
		{
			name: "mainline nginx", answers: Answers{Language: "static", Version: "1.31"},
			base: "nginx:1.31-alpine3.24", output: ".", port: 8080, command: []string{"nginx", "-g", "daemon off;"},
		},
		{
			name: "nginx must listen: detection without a port gets 8080", facts: detect.Facts{Language: "static", PackageManager: "none", OutputDir: "."},
			base: "nginx:1.30-alpine3.24", output: ".", port: 8080, command: []string{"nginx", "-g", "daemon off;"},
		},
		{
			name: "--port 0 is refused: nginx.conf cannot listen on no port", answers: Answers{Language: "static", Port: "0"},
			errFlag: "--port",
		},
		{
			name:    "an output folder outside the repository is refused",
			facts:   detect.Facts{Language: "static", PackageManager: "npm", Framework: "react", BuildTool: "vite", OutputDir: "../site", BuildScript: true},
			errFlag: "output folder",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := Build(tt.facts, tt.answers, cat, staticNow)
			if tt.errFlag != "" {
				var e *Error
				if !errors.As(err, &e) || e.Flag != tt.errFlag {
					t.Fatalf("err = %v, want one naming %q", err, tt.errFlag)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.BaseImage != tt.base || s.BuildImage != tt.build || s.OutputDir != tt.output || s.BuildScript != tt.buildScript || s.Port != tt.port || !slices.Equal(s.Command, tt.command) {
				t.Errorf("base, build, output, build script, port, command = %s, %q, %q, %v, %d, %q; want %s, %q, %q, %v, %d, %q",
					s.BaseImage, s.BuildImage, s.OutputDir, s.BuildScript, s.Port, s.Command, tt.base, tt.build, tt.output, tt.buildScript, tt.port, tt.command)
			}
			if !slices.Equal(s.Manifests, tt.manifestsWant) {
				t.Errorf("Manifests = %q, want %q", s.Manifests, tt.manifestsWant)
			}
		})
	}
}

// Next.js standalone output is kept only for Next.js; a framework answer
// that changes the stack drops it, and with it the standalone command.
func TestNodeStandaloneOutput(t *testing.T) {
	cat := catalog.Default()
	facts := detect.Facts{Language: "node", PackageManager: "npm", Framework: "next", OutputDir: ".next/standalone", BuildScript: true,
		Command: []string{"node", "server.js"}, Port: 3000, Manifests: []string{"package.json", "package-lock.json"}}
	s, _, err := Build(facts, Answers{}, cat, staticNow)
	if err != nil || s.OutputDir != ".next/standalone" || !slices.Equal(s.Command, []string{"node", "server.js"}) {
		t.Fatalf("detected: %q %q %v", s.OutputDir, s.Command, err)
	}
	s, _, err = Build(facts, Answers{Framework: "express"}, cat, staticNow)
	if err != nil || s.OutputDir != "" || !slices.Equal(s.Command, []string{"node", "index.js"}) {
		t.Errorf("--framework express: output %q, command %q, %v", s.OutputDir, s.Command, err)
	}
	s, _, err = Build(detect.Facts{}, Answers{Language: "node", Framework: "astro"}, cat, staticNow)
	if err != nil || s.Port != 4321 || !slices.Equal(s.Command, []string{"node", "./dist/server/entry.mjs"}) {
		t.Errorf("a new Astro service: port %d, command %q, %v", s.Port, s.Command, err)
	}
}

// A single-page app's framework is its UI library and its bundler the
// build tool; the bundler decides the output folder, a site framework
// (Astro, SvelteKit, Next.js) turns off the index.html fallback.
func TestStaticBuildTool(t *testing.T) {
	cat := catalog.Default()
	vite := detect.Facts{Language: "static", PackageManager: "npm", Framework: "react", BuildTool: "vite", BuildScript: true, OutputDir: "dist",
		Manifests: []string{"package.json", "package-lock.json"}, Port: 8080}
	tests := []struct {
		name                    string
		facts                   detect.Facts
		answers                 Answers
		framework, tool, output string
		spa                     bool
		node                    string
		errFlag                 string
	}{
		{name: "detected vite react", facts: vite, framework: "react", tool: "vite", output: "dist", spa: true, node: "node:26-trixie-slim"},
		{name: "an answer recorded before build_tool (framework: vite) names the bundler", facts: vite, answers: Answers{Framework: "vite"}, framework: "react", tool: "vite", output: "dist", spa: true, node: "node:26-trixie-slim"},
		{name: "a new cra app", answers: Answers{Language: "static", PackageManager: "npm", Framework: "react", BuildTool: "cra"}, framework: "react", tool: "cra", output: "build", spa: true, node: "node:26-trixie-slim"},
		{name: "a new angular app builds with the angular cli", answers: Answers{Language: "static", PackageManager: "npm", Framework: "angular"}, framework: "angular", tool: "angular", output: "dist/app/browser", spa: true, node: "node:26-trixie-slim"},
		{name: "sveltekit: vite, build/, pages", answers: Answers{Language: "static", PackageManager: "npm", Framework: "sveltekit"}, framework: "sveltekit", tool: "vite", output: "build", spa: false, node: "node:26-trixie-slim"},
		{name: "--node-version wins over the default line", facts: vite, answers: Answers{NodeVersion: "22"}, framework: "react", tool: "vite", output: "dist", spa: true, node: "node:22-trixie-slim"},
		{name: "--node-version that is not a line is refused", facts: vite, answers: Answers{NodeVersion: "banana"}, errFlag: "--node-version"},
		{name: "--build-tool outside the list is refused", facts: vite, answers: Answers{BuildTool: "gulp"}, errFlag: "--build-tool"},
		{name: "plain HTML builds nothing", facts: detect.Facts{Language: "static", PackageManager: "none", OutputDir: "."}, output: ".", spa: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, err := Build(tt.facts, tt.answers, cat, staticNow)
			if tt.errFlag != "" {
				var e *Error
				if !errors.As(err, &e) || e.Flag != tt.errFlag {
					t.Fatalf("err = %v, want one naming %q", err, tt.errFlag)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Framework != tt.framework || s.BuildTool != tt.tool || s.OutputDir != tt.output || s.SPA != tt.spa || s.BuildImage != tt.node {
				t.Errorf("framework, build tool, output, SPA, build image = %q, %q, %q, %v, %q; want %q, %q, %q, %v, %q",
					s.Framework, s.BuildTool, s.OutputDir, s.SPA, s.BuildImage, tt.framework, tt.tool, tt.output, tt.spa, tt.node)
			}
		})
	}
}
