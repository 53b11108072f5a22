package detect

import (
	"testing"
	"testing/fstest"
)

func TestStaticSite(t *testing.T) {
	tests := []struct {
		name      string
		files     fstest.MapFS
		lang      string
		pm        string
		framework string
		output    string
		warn      string
		buildTool string
	}{
		{"index.html at the root", files("index.html", "<h1>x</h1>"), "static", "none", "", ".", "", ""},
		{"public/index.html", files("public/index.html", "<h1>x</h1>", "public/app.css", ""), "static", "none", "", "public", "", ""},
		{"index.html beside a package.json is not plain HTML", files("index.html", "", "package.json", `{"main":"server.js","dependencies":{"express":"4"}}`, "server.js", "app.listen(3000)\n"), "node", "npm", "express", "", "", ""},
		{"vite SPA", files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"6"}}`, "index.html", ""), "static", "npm", "", "dist", "", "vite"},
		{"vite build.outDir", files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"6"}}`, "vite.config.js", "export default { build: { outDir: 'public/app' } }\n", "yarn.lock", ""), "static", "yarn", "", "public/app", "", "vite"},
		{"vite without a build script is no static site", files("package.json", `{"devDependencies":{"vite":"6"}}`), "node", "npm", "", "", "", ""},
		{"vite beside express is a server", files("package.json", `{"scripts":{"build":"vite build","start":"node server.js"},"dependencies":{"express":"4"},"devDependencies":{"vite":"6"}}`, "server.js", "app.listen(3000)\n"), "node", "npm", "express", "", "", ""},
		{"create react app", files("package.json", `{"scripts":{"start":"react-scripts start","build":"react-scripts build"},"dependencies":{"react-scripts":"5"}}`), "static", "npm", "react", "build", "", "cra"},
		{"vue cli", files("package.json", `{"scripts":{"build":"vue-cli-service build"},"devDependencies":{"@vue/cli-service":"5"}}`), "static", "npm", "vue", "dist", "", "vue-cli"},
		{"angular application builder: dist/<project>/browser", files("package.json", `{"scripts":{"build":"ng build"},"dependencies":{"@angular/core":"19"}}`, "angular.json", `{"projects":{"lib":{"projectType":"library"},"web":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{"outputPath":"dist/web"}}}}}}`), "static", "npm", "angular", "dist/web/browser", "", "angular"},
		{"angular browser builder: outputPath as it is", files("package.json", `{"scripts":{"build":"ng build"},"dependencies":{"@angular/core":"16"}}`, "angular.json", `{"defaultProject":"shop","projects":{"shop":{"architect":{"build":{"builder":"@angular-devkit/build-angular:browser","options":{"outputPath":"dist/shop"}}}}}}`), "static", "npm", "angular", "dist/shop", "", "angular"},
		{"angular outputPath object", files("package.json", `{"scripts":{"build":"ng build"},"dependencies":{"@angular/core":"19"}}`, "angular.json", `{"projects":{"web":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{"outputPath":{"base":"build/web","browser":""}}}}}}}`), "static", "npm", "angular", "build/web", "", "angular"},
		{"angular outputPath outside the repository", files("package.json", `{"scripts":{"build":"ng build"},"dependencies":{"@angular/core":"19"}}`, "angular.json", `{"projects":{"web":{"projectType":"application","architect":{"build":{"builder":"@angular/build:application","options":{"outputPath":"../out"}}}}}}`), "static", "npm", "angular", "dist/web/browser", "angular.json: outputPath \"../out/browser\" is not a folder in the repository", "angular"},
		{"astro without @astrojs/node", files("package.json", `{"scripts":{"build":"astro build"},"dependencies":{"astro":"5"}}`), "static", "npm", "astro", "dist", "", "astro"},
		{"sveltekit adapter-static", files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"@sveltejs/kit":"2","@sveltejs/adapter-static":"3"}}`), "static", "npm", "sveltekit", "build", "", "vite"},
		{"next static export", files("package.json", `{"scripts":{"build":"next build"},"dependencies":{"next":"15"}}`, "next.config.mjs", "export default { output: \"export\" }\n", "pnpm-lock.yaml", ""), "static", "pnpm", "next", "out", "", "next"},
		{"vite react: the UI library is the framework", files("package.json", `{"scripts":{"build":"vite build"},"dependencies":{"react":"19","react-dom":"19"},"devDependencies":{"vite":"8"}}`), "static", "npm", "react", "dist", "", "vite"},
		{"vite vue", files("package.json", `{"scripts":{"build":"vite build"},"dependencies":{"vue":"3"},"devDependencies":{"vite":"8"}}`), "static", "npm", "vue", "dist", "", "vite"},
		{"vite svelte", files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"svelte":"5","vite":"8"}}`), "static", "npm", "svelte", "dist", "", "vite"},
		{"vite solid", files("package.json", `{"scripts":{"build":"vite build"},"dependencies":{"solid-js":"1"},"devDependencies":{"vite":"8"}}`), "static", "npm", "solid", "dist", "", "vite"},
		{"vite preact (with a react alias)", files("package.json", `{"scripts":{"build":"vite build"},"dependencies":{"preact":"10","react":"npm:@preact/compat"},"devDependencies":{"vite":"8"}}`), "static", "npm", "preact", "dist", "", "vite"},
		{"vite lit", files("package.json", `{"scripts":{"build":"vite build"},"dependencies":{"lit":"3"},"devDependencies":{"vite":"8"}}`), "static", "npm", "lit", "dist", "", "vite"},
		{"webpack beside react", files("package.json", `{"scripts":{"build":"webpack --mode production"},"dependencies":{"react":"19"},"devDependencies":{"webpack":"5","webpack-cli":"6"}}`), "static", "npm", "react", "dist", "", "webpack"},
		{"parcel beside vue", files("package.json", `{"scripts":{"build":"parcel build src/index.html"},"dependencies":{"vue":"3"},"devDependencies":{"parcel":"2"}}`), "static", "npm", "vue", "dist", "", "parcel"},
		{"webpack without a UI library is not a site", files("package.json", `{"scripts":{"build":"webpack","start":"node dist/main.js"},"devDependencies":{"webpack":"5"}}`), "node", "npm", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.Language != tt.lang || got.PackageManager != tt.pm || got.Framework != tt.framework || got.OutputDir != tt.output || got.BuildTool != tt.buildTool {
				t.Errorf("Language, PackageManager, Framework, OutputDir, BuildTool = %q, %q, %q, %q, %q; want %q, %q, %q, %q, %q",
					got.Language, got.PackageManager, got.Framework, got.OutputDir, got.BuildTool, tt.lang, tt.pm, tt.framework, tt.output, tt.buildTool)
			}
			if tt.lang == "static" && (got.Port != 8080 || got.Command != nil || got.Version != (VersionReq{})) {
				t.Errorf("Port, Command, Version = %d, %q, %+v; want 8080, nil (nginx's), none", got.Port, got.Command, got.Version)
			}
			var want []string
			if tt.warn != "" {
				want = []string{tt.warn}
			}
			checkWarnings(t, got.Warnings, want)
			checkEvidence(t, got)
		})
	}
}

func TestStaticLosesToEveryOtherLanguage(t *testing.T) {
	got := Detect(files("index.html", "<h1>docs</h1>", "go.mod", "module example.com/x\n\ngo 1.26\n", "main.go", "package main\nfunc main() {}\n"))
	if got.Language != "go" {
		t.Errorf("Language = %q, want go", got.Language)
	}
}

// A front-end build's Node.js version comes from the files a Node.js app's
// would: a node pin in .tool-versions or mise.toml, then .nvmrc,
// .node-version, engines.node. Only where Node.js builds something.
func TestFrontEndNodeVersion(t *testing.T) {
	vite := `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"6"}}`
	rails := "source \"https://rubygems.org\"\ngem \"rails\"\ngem \"jsbundling-rails\"\n"
	laravel := `{"require":{"php":"^8.3","laravel/framework":"^12.0"}}`
	tests := []struct {
		name  string
		files fstest.MapFS
		want  VersionReq
	}{
		{"static: .nvmrc pins", files("package.json", vite, ".nvmrc", "v22.12.0\n"), VersionReq{"22.12.0", true, ".nvmrc"}},
		{"static: .node-version pins", files("package.json", vite, ".node-version", "24\n"), VersionReq{"24", true, ".node-version"}},
		{"static: engines.node is a range", files("package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"6"},"engines":{"node":">=22"}}`), VersionReq{">=22", false, "package.json"}},
		{"static: .tool-versions before .nvmrc", files("package.json", vite, ".nvmrc", "20\n", ".tool-versions", "nodejs 24.1.0\n"), VersionReq{"24.1.0", true, ".tool-versions"}},
		{"static: nothing named", files("package.json", vite), VersionReq{}},
		{"plain HTML builds nothing", files("index.html", "<h1>x</h1>", ".nvmrc", "22\n"), VersionReq{}},
		{"laravel with vite", files("composer.json", laravel, "composer.lock", "{}", "artisan", "", "public/index.php", "", "package.json", `{"scripts":{"build":"vite build"},"devDependencies":{"vite":"6"}}`, ".nvmrc", "22\n"), VersionReq{"22", true, ".nvmrc"}},
		{"rails with a bundler", files("Gemfile", rails, "Gemfile.lock", "", "config/application.rb", "", "package.json", `{"scripts":{"build":"esbuild app/javascript/*.*"}}`, ".node-version", "22.11.0\n"), VersionReq{"22.11.0", true, ".node-version"}},
		{"a python app's .nvmrc is not its runtime", files("requirements.txt", "flask\n", "app.py", "", ".nvmrc", "22\n"), VersionReq{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, tt.files))
			if got.NodeVersion != tt.want {
				t.Errorf("NodeVersion = %+v; want %+v (language %s)", got.NodeVersion, tt.want, got.Language)
			}
			if tt.want.Raw != "" {
				if got.Version.Source == tt.want.Source {
					t.Errorf("Version = %+v: the Node.js file must not set the %s runtime", got.Version, got.Language)
				}
				found := false
				for _, e := range got.Evidence {
					found = found || (e.Field == "node_version" && e.File == tt.want.Source)
				}
				if !found {
					t.Errorf("no node_version evidence from %s: %+v", tt.want.Source, got.Evidence)
				}
			}
			checkEvidence(t, got)
		})
	}
}
