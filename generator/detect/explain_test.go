package detect

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestExplainChoices: each ambiguity (two lockfiles, two frameworks, two
// languages) lists the losers as candidates of the winner's evidence,
// names the rule, and warns once, naming the files.
func TestExplainChoices(t *testing.T) {
	const fastapiApp = "from fastapi import FastAPI\napp = FastAPI()\n"
	tests := []struct {
		name  string
		fs    fstest.MapFS
		field string
		value string
		// cands are the candidates' "value@file".
		cands []string
		rule  string
		// warning must appear exactly once; "" means no warning names the field.
		warning string
	}{
		{
			name:  "two node lockfiles",
			fs:    files("package.json", `{"name":"x","scripts":{"start":"node server.js"}}`, "yarn.lock", "", "package-lock.json", "{}"),
			field: "package_manager", value: "yarn", cands: []string{"npm@package-lock.json"},
			rule: "the first of pnpm-lock.yaml, yarn.lock, package-lock.json, npm-shrinkwrap.json", warning: "lockfiles of several package managers",
		},
		{
			name: "packageManager beats a lockfile",
			fs: files("package.json", `{"name":"x","packageManager":"pnpm@9.12.0","scripts":{"start":"node server.js"}}`,
				"yarn.lock", "", "pnpm-lock.yaml", ""),
			field: "package_manager", value: "pnpm", cands: []string{"yarn@yarn.lock"},
			rule: `package.json (packageManager = "pnpm@9.12.0") beats the lockfiles`, warning: "files of several package managers (yarn.lock also found); using pnpm",
		},
		{
			name:  "two python lockfiles",
			fs:    files("pyproject.toml", "[project]\nname = \"x\"\n", "uv.lock", "", "poetry.lock", "", "main.py", "print(1)\n"),
			field: "package_manager", value: "uv", cands: []string{"poetry@poetry.lock"},
			rule: "the first of uv.lock, poetry.lock, pdm.lock, Pipfile.lock", warning: "several Python lockfiles",
		},
		{
			name:  "two python frameworks",
			fs:    files("requirements.txt", "fastapi\nuvicorn\nstreamlit\n", "main.py", fastapiApp),
			field: "framework", value: "fastapi", cands: []string{"streamlit@requirements.txt"},
			rule: "the first framework in python's order", warning: "several frameworks (fastapi, streamlit)",
		},
		{
			name:  "starlette under fastapi is no ambiguity",
			fs:    files("requirements.txt", "fastapi\nuvicorn\nstarlette\n", "main.py", fastapiApp),
			field: "framework", value: "fastapi",
		},
		{
			name:  "express under next is no ambiguity",
			fs:    files("package.json", `{"name":"x","dependencies":{"next":"15","express":"4"}}`),
			field: "framework", value: "next",
		},
		{
			name:  "two node server frameworks",
			fs:    files("package.json", `{"name":"x","main":"server.js","dependencies":{"express":"4","fastify":"5"}}`, "server.js", "app.listen(3000)\n"),
			field: "framework", value: "express", cands: []string{"fastify@package.json"},
			rule: "the first framework in node's order", warning: "several frameworks (express, fastify)",
		},
		{
			name: "two languages",
			fs: files("requirements.txt", "requests\n", "main.py", "print(1)\n",
				"package.json", `{"name":"assets","scripts":{"build":"vite build"}}`),
			field: "language", value: "python", cands: []string{"node@package.json"},
			rule: "it has a start entry", warning: "several languages found",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Detect(tt.fs)
			got := map[string]string{"language": f.Language, "package_manager": f.PackageManager, "framework": f.Framework}[tt.field]
			if got != tt.value {
				t.Fatalf("%s = %q, want %q", tt.field, got, tt.value)
			}
			i := evidenceIndex(&f, tt.field)
			if i < 0 {
				t.Fatalf("no %s evidence: %+v", tt.field, f.Evidence)
			}
			e := f.Evidence[i]
			var cands []string
			for _, c := range e.Candidates {
				cands = append(cands, c.Value+"@"+c.File)
			}
			if !reflect.DeepEqual(cands, tt.cands) {
				t.Errorf("candidates = %q, want %q", cands, tt.cands)
			}
			if e.Rule != tt.rule {
				t.Errorf("rule = %q, want %q", e.Rule, tt.rule)
			}
			n := 0
			for _, w := range f.Warnings {
				if tt.warning != "" && strings.Contains(w, tt.warning) {
					n++
					for _, c := range e.Candidates {
						if !strings.Contains(w, c.File) {
							t.Errorf("warning %q does not name %s", w, c.File)
						}
					}
				}
				if strings.Contains(w, "several") && tt.warning == "" && tt.field != "language" {
					t.Errorf("unexpected ambiguity warning %q", w)
				}
			}
			if tt.warning != "" && n != 1 {
				t.Errorf("%d warnings with %q, want 1: %q", n, tt.warning, f.Warnings)
			}
		})
	}
}
