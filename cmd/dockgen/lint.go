package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/dockgen/dockgen/generator/lint"
	"github.com/spf13/cobra"
)

func newLintCmd(d Deps) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lint [FILE...]",
		Short: "Check Dockerfiles with BuildKit's parser and lint rules (default: ./Dockerfile)",
		Long: `lint runs BuildKit's parser and the lint rules of 'docker build --check' over each
FILE, offline. Exit 0 when clean, 1 with findings, 2 on an error.`,
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
