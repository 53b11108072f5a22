package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
)

// ambiguousRepo is a Python service beside frontend tooling, pinned by
// mise.toml over .python-version, with two frameworks declared.
func ambiguousRepo(t *testing.T) string {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"requirements.txt": "fastapi\nuvicorn\nstreamlit\n",
		"main.py":          "from fastapi import FastAPI\n\napp = FastAPI()\n",
		".python-version":  "3.12\n",
		"mise.toml":        "[tools]\npython = \"3.13\"\nnode = \"24\"\n",
		"package.json":     `{"name":"assets","private":true,"scripts":{"build":"vite build"}}`,
	} {
		writeFile(t, filepath.Join(dir, name), content)
	}
	return dir
}

// detect explains each value: where it came from, the rule that won and
// what else was seen, in the human view and under evidence in JSON.
func TestDetectExplains(t *testing.T) {
	dir := ambiguousRepo(t)
	r := run(t, nil, "detect", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{
		"version          3.13",
		"mise.toml: [tools] python = \"3.13\" pins it",
		"rule: mise.toml, .mise.toml and .tool-versions pin the runtime before the stack's own files; \"3.13\" pins the 3.13 line",
		"also seen: .python-version: .python-version pins \"3.12\"",
		"rule: it has a start entry",
		"also seen: node from package.json: package.json exists",
		"also seen: streamlit from requirements.txt: depends on streamlit",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("detect output lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, want := range []string{"several languages found", "several frameworks (fastapi, streamlit)"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	r = run(t, nil, "detect", "--json", dir)
	var got struct {
		Version       string            `json:"version"`
		VersionSource string            `json:"version_source"`
		Evidence      []detect.Evidence `json:"evidence"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != "3.13" || got.VersionSource != "mise.toml" {
		t.Errorf("version %q from %q, want 3.13 from mise.toml", got.Version, got.VersionSource)
	}
	byField := map[string]detect.Evidence{}
	for _, e := range got.Evidence {
		byField[e.Field] = e
	}
	for field, cand := range map[string]string{"version": ".python-version", "language": "package.json", "framework": "requirements.txt"} {
		e := byField[field]
		if e.Rule == "" || len(e.Candidates) != 1 || e.Candidates[0].File != cand {
			t.Errorf("%s evidence = %+v, want a rule and one candidate from %s", field, e, cand)
		}
	}
}

// init asks about each ambiguity where its question is: the default is the
// detected winner and the message names what else was found.
func TestInitAsksAboutAmbiguity(t *testing.T) {
	dir := ambiguousRepo(t)
	f := prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QLanguage+" (detected from requirements.txt; also found node in package.json)", "python", "")
	f.ExpectInputWithDefault(spec.QVersion+" (detected from mise.toml; also found .python-version)", "3.13", "")
	f.ExpectSelect(spec.QVariant, "")
	f.ExpectSelectWithDefault(spec.QPackageManager+" (detected from requirements.txt)", "pip", "")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from requirements.txt; also found streamlit in requirements.txt)", "fastapi", "")
	f.ExpectInputDefault(spec.QPort + " (detected from requirements.txt)")
	f.ExpectInputDefault(spec.QCommand + " (detected from main.py)")
	if r := run(t, f, "init", "--stdout", dir); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}

	node := t.TempDir()
	writeFile(t, filepath.Join(node, "package.json"), `{"name":"api","scripts":{"start":"node server.js"},"dependencies":{"express":"^4.21.1"}}`)
	writeFile(t, filepath.Join(node, "server.js"), "require('express')().listen(3000)\n")
	writeFile(t, filepath.Join(node, "yarn.lock"), "# yarn lockfile v1\n")
	writeFile(t, filepath.Join(node, "package-lock.json"), "{}\n")
	f = prompt.NewFake(t)
	f.ExpectSelectWithDefault(spec.QLanguage+" (detected from package.json)", "node", "")
	f.ExpectInputDefault(spec.QVersion)
	f.ExpectSelect(spec.QVariant, "")
	f.ExpectSelectWithDefault(spec.QPackageManager+" (detected from yarn.lock; also found npm in package-lock.json)", "yarn", "")
	f.ExpectSelectWithDefault(spec.QFramework+" (detected from package.json)", "express", "")
	f.ExpectInputDefault(spec.QPort + " (detected from server.js)")
	f.ExpectInputDefault(spec.QCommand + " (detected from package.json)")
	if r := run(t, f, "init", "--stdout", node); r.code != 0 || !strings.Contains(r.stderr, "yarn.lock, package-lock.json") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}
