package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
FILE ("-": standard input), offline, and dockgen's own rules:

` + ownRulesHelp() + `
Only regular files (or "-") of at most 256 KiB are read: BuildKit's checks
take time that grows with the square of the file's length.
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
				b, err := readInput(name, d.Streams.In, maxLintSize)
				if err != nil {
					return usageError{err}
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
				enc.SetEscapeHTML(false)
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

// maxLintSize bounds what lint reads: BuildKit's DockerfileLint grows
// quadratically with the file (10,000 lines take about 2 s), and a
// Dockerfile of 256 KiB is already several thousand lines.
const maxLintSize = 256 << 10

// readInput reads a file named on the command line, or in for "-": only a
// regular file (a named pipe or a device such as /dev/zero would hang or
// exhaust memory) of at most limit bytes. The error names the input.
func readInput(name string, in io.Reader, limit int64) ([]byte, error) {
	var r io.Reader = in
	if name != "-" {
		st, err := os.Stat(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
		}
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: not a regular file", name)
		}
		if st.Size() > limit {
			return nil, fmt.Errorf("%s: %d bytes; larger than the %d KiB that are read", name, st.Size(), limit>>10)
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
		}
		defer f.Close()
		r = f
	} else if in == nil {
		return nil, errors.New("-: no standard input")
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s: larger than the %d KiB that are read", name, limit>>10)
	}
	return b, nil
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
	if path == "-" {
		path = "Dockerfile" // standard input: the current folder's context
	}
	for _, p := range []string{path + ".dockerignore", filepath.Join(filepath.Dir(path), ".dockerignore")} {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return true
		}
	}
	return false
}
