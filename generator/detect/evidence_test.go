package detect

import (
	"slices"
	"testing"
	"testing/fstest"
)

// TestCommentedCodeIsNotRead: code in whole-line comments is no evidence:
// not a port, not a package to install, not a PORT read.
func TestCommentedCodeIsNotRead(t *testing.T) {
	node := Detect(fstest.MapFS{
		"package.json": {Data: []byte(`{"name":"a","scripts":{"start":"node server.js"},"dependencies":{"express":"^5"}}`)},
		"server.js":    {Data: []byte("const app = require('express')()\n// app.listen(9999)\napp.listen(4000)\n")},
	})
	if node.Port != 4000 {
		t.Errorf("node: port %d, want 4000 (9999 is commented out)", node.Port)
	}
	script := Detect(fstest.MapFS{
		"server.js": {Data: []byte("const express = require('express')\n// const _ = require('lodash')\nexpress().listen(3000)\n")},
	})
	if script.Language != "node" || slices.ContainsFunc(script.AddPackages, func(p string) bool { return p == "lodash" || len(p) > 6 && p[:7] == "lodash@" }) {
		t.Errorf("no package.json: language %q, installs %q; lodash is commented out", script.Language, script.AddPackages)
	}
	py := Detect(fstest.MapFS{
		"requirements.txt": {Data: []byte("flask\ngunicorn\n")},
		"app.py":           {Data: []byte("from flask import Flask\napp = Flask(__name__)\n# port = int(os.environ.get(\"PORT\", 5000))\n")},
	})
	if py.PortEnv {
		t.Errorf("python: PortEnv from a commented-out line")
	}
}

// TestGunicornFrameworksInstallTheirServer: a Falcon or Bottle app that
// does not depend on gunicorn gets it installed, as Flask and Django do
// (the image would otherwise run a gunicorn it does not have).
func TestGunicornFrameworksInstallTheirServer(t *testing.T) {
	for dep, src := range map[string]string{
		"falcon": "import falcon\napp = falcon.App()\n",
		"bottle": "import bottle\napp = bottle.Bottle()\n",
	} {
		f := Detect(fstest.MapFS{
			"requirements.txt": {Data: []byte(dep + "\n")},
			"app.py":           {Data: []byte(src)},
		})
		if len(f.Command) == 0 || f.Command[0] != "gunicorn" || !slices.ContainsFunc(f.AddPackages, func(p string) bool { return len(p) > 10 && p[:10] == "gunicorn==" }) {
			t.Errorf("%s without gunicorn: command %q, installs %q; want gunicorn, installed", dep, f.Command, f.AddPackages)
		}
	}
}

// TestSourceOnlyAppsYieldToManifests: a stray server.js or main.go with no
// manifest of its own does not outrank another language's manifest.
func TestSourceOnlyAppsYieldToManifests(t *testing.T) {
	for name, stray := range map[string]fstest.MapFS{
		"server.js": {"server.js": {Data: []byte("require('express')().listen(3000)\n")}},
		"main.go":   {"main.go": {Data: []byte("package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8080\", nil) }\n")}},
	} {
		stray["composer.json"] = &fstest.MapFile{Data: []byte(`{"require":{"php":">=8.3"}}`)}
		stray["index.php"] = &fstest.MapFile{Data: []byte("<?php echo 'hi';\n")}
		if f := Detect(stray); f.Language != "php" {
			t.Errorf("composer.json beside a stray %s: language %q, want php", name, f.Language)
		}
	}
}

// TestSvelteKitStaticOutput: adapter-static writes build/, so a Vite outDir
// in vite.config does not move where nginx serves from.
func TestSvelteKitStaticOutput(t *testing.T) {
	f := Detect(fstest.MapFS{
		"package.json":   {Data: []byte(`{"scripts":{"build":"vite build"},"devDependencies":{"@sveltejs/kit":"^2","@sveltejs/adapter-static":"^3","vite":"^6"}}`)},
		"vite.config.js": {Data: []byte("export default { build: { outDir: 'tmp' } }\n")},
	})
	if f.Language != "static" || f.Framework != "sveltekit" || f.OutputDir != "build" {
		t.Errorf("language %q, framework %q, output %q; want static, sveltekit, build", f.Language, f.Framework, f.OutputDir)
	}
}
