package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// dockgen lint reports its own rules next to BuildKit's, with line numbers,
// as text and JSON, on any Dockerfile.
func TestLintOwnRules(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	writeFile(t, df, "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN [\"true\"]\nFROM python:latest\nCOPY --from=build /out /app\nUSER root\nCMD [\"python\"]\n")
	r := run(t, nil, "lint", df)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s %s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		df + ": MissingDockerignore:",
		df + ":1: NonOfficialBase: mcr.microsoft.com/dotnet/sdk:10.0 is not a Docker Official Image",
		df + ":3: FloatingTag: python:latest:",
		df + ":5: RootUser: USER root",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}

	writeFile(t, filepath.Join(dir, ".dockerignore"), ".git\n")
	writeFile(t, df, "FROM node:20-trixie-slim\nCMD [\"node\"]\n")
	r = run(t, nil, "lint", "--json", df)
	var got []struct {
		File     string `json:"file"`
		Findings []struct {
			Rule string `json:"rule"`
			Line int    `json:"line"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 1 {
		t.Fatalf("exit %d, %v: %s", r.code, err, r.stdout)
	}
	var rules []string
	for _, f := range got[0].Findings {
		rules = append(rules, f.Rule+":"+string(rune('0'+f.Line)))
	}
	if strings.Join(rules, " ") != "EndOfLifeBase:1 RootUser:1" {
		t.Errorf("findings %v, want EndOfLifeBase:1 RootUser:1 (node 20 is EOL by the test clock; node's user is not used without USER)", rules)
	}

	// A Dockerfile.dockerignore beside it counts too; a clean file exits 0.
	sub := t.TempDir()
	df = filepath.Join(sub, "api.Dockerfile")
	writeFile(t, df, "FROM node:26-trixie-slim\nUSER node\nCMD [\"node\"]\n")
	writeFile(t, df+".dockerignore", ".git\n")
	if r := run(t, nil, "lint", df); r.code != 0 {
		t.Errorf("clean file: exit %d: %s", r.code, r.stdout)
	}
	if r := run(t, nil, "lint", "--help"); !strings.Contains(r.stdout, "MissingDockerignore") {
		t.Errorf("lint --help does not document the rules:\n%s", r.stdout)
	}
}
