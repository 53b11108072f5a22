package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dockgen/dockgen/generator/lint"
	"github.com/spf13/cobra"
)

func newLintCmd(d Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lint [FILE...]",
		Short: "Check Dockerfiles with BuildKit's parser and lint rules (default: ./Dockerfile)",
		Long: `lint runs BuildKit's parser and the lint rules of 'docker build --check' over each
FILE, offline, and dockgen's own rules:

` + ownRulesHelp() + `
Exit 0 when clean, 1 with findings, 2 on an error.`,
		RunE: func(cmd *cobra.Command, files []string) error {
			if len(files) == 0 {
				files = []string{"Dockerfile"}
			}
			type result struct {
				File     string         `json:"file"`
				Findings []lint.Finding `json:"findings"`
			}
			var results []result
			total := 0
			for _, name := range files {
				b, err := os.ReadFile(name)
				if err != nil {
					return usageError{fmt.Errorf("%s: %w", name, unwrapPath(err))}
				}
				fs, err := lint.Dockerfile(cmd.Context(), name, b)
				if err != nil {
					return err
				}
				fs = append(fs, lint.Own(b, lint.Options{Catalog: d.Catalog, Now: d.Now(), Dockerignore: hasDockerignore(name)})...)
				sort.SliceStable(fs, func(i, j int) bool { return fs[i].Line < fs[j].Line })
				if fs == nil {
					fs = []lint.Finding{}
				}
				total += len(fs)
				results = append(results, result{File: name, Findings: fs})
			}
			if asJSON {
				enc := json.NewEncoder(d.Streams.Out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(results); err != nil {
					return err
				}
			} else {
				for _, r := range results {
					for _, f := range r.Findings {
						fmt.Fprintln(d.Streams.Out, f.Format(r.File))
					}
				}
			}
			if total > 0 {
				return findingsError{}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print findings as JSON")
	return cmd
}

// ownRulesHelp documents dockgen's rules from their data.
func ownRulesHelp() string {
	var b strings.Builder
	for _, r := range lint.Rules {
		fmt.Fprintf(&b, "  %s\n      %s\n", r.Name, r.Description)
	}
	return b.String()
}

// hasDockerignore reports whether a .dockerignore applies to the
// Dockerfile at path: BuildKit reads <name>.dockerignore beside it first,
// then .dockerignore in the context (taken to be the Dockerfile's folder).
func hasDockerignore(path string) bool {
	for _, p := range []string{path + ".dockerignore", filepath.Join(filepath.Dir(path), ".dockerignore")} {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}
