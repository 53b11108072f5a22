package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/dockgen/dockgen/generator/config"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/output"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/spf13/cobra"
)

func newTemplatesCmd(d Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, export and test template sets",
		Long: `Templates are layered, lowest first: built-in < organisation ($DOCKGEN_TEMPLATES,
else $XDG_CONFIG_HOME/dockgen/templates) < repository (.dockgen/templates/) <
--templates DIR. A file at a lower layer's path replaces it; any other *.tmpl
redefines single blocks with {{define "name"}}.`,
		Args: maxArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{errors.New("templates needs a subcommand: list, export or test")}
		},
	}
	cmd.AddCommand(newTemplatesListCmd(d), newTemplatesExportCmd(d), newTemplatesTestCmd(d))
	return cmd
}

type templatesListOptions struct {
	Dir       string
	Templates string
	Language  string
}

func newTemplatesListCmd(d Deps) *cobra.Command {
	var o templatesListOptions
	cmd := &cobra.Command{
		Use:   "list [DIR]",
		Short: "Show each template file and block for the repository in DIR, with the layer it comes from",
		Args:  maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = dirArg(args)
			return runTemplatesList(o, d)
		},
	}
	cmd.Flags().StringVar(&o.Templates, "templates", "", "a template directory layered over the others, as for init")
	cmd.Flags().StringVar(&o.Language, "language", "", "only this language")
	return cmd
}

func runTemplatesList(o templatesListOptions, d Deps) error {
	tm, err := loadTeam(d, o.Dir, o.Templates, "", "")
	if err != nil {
		return err
	}
	langs := spec.Languages
	if o.Language != "" {
		langs = []string{o.Language}
	}
	w := tabwriter.NewWriter(d.Streams.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "layers:")
	for _, l := range tm.set {
		dir := l.Dir
		if dir == "" {
			dir = "(embedded)"
		}
		fmt.Fprintf(w, "  %s\t%s\n", l.Name, dir)
	}
	for _, lang := range langs {
		srcs, err := tm.set.Sources(lang)
		if err != nil {
			return err
		}
		blocks, err := tm.set.Blocks(lang)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\n%s files:\n", lang)
		for _, s := range srcs {
			role := ""
			switch {
			case s.Replaces != "":
				role = "replaces " + s.Replaces
			case s.Override:
				role = "overrides blocks"
			}
			fmt.Fprintf(w, "  %s\t%s\t%s%s\n", s.Path, s.Layer, s.File, cell(role))
		}
		fmt.Fprintf(w, "%s blocks:\n", lang)
		for _, b := range blocks {
			role := ""
			if len(b.Replaces) > 0 {
				role = "replaces " + strings.Join(b.Replaces, ", ")
			}
			fmt.Fprintf(w, "  %s\t%s\t%s%s\n", b.Name, b.Layer, b.At, cell(role))
		}
	}
	return w.Flush()
}

// cell is an optional last column: no padding when it is empty.
func cell(s string) string {
	if s == "" {
		return ""
	}
	return "\t" + s
}

func newTemplatesExportCmd(d Deps) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "export DIR",
		Short: "Write the built-in templates into DIR, to start a team set",
		Long: `export writes the built-in templates (and their README) into DIR. No existing
file is replaced without --force. Keep the files you change; delete the rest, or
better, put only {{define "block"}} overrides in a new file such as
shared/team.tmpl (see README.md).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("%s takes one argument, the directory to write", cmd.CommandPath())}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTemplatesExport(args[0], force, d)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace existing files (atomically)")
	return cmd
}

func runTemplatesExport(dir string, force bool, d Deps) error {
	var files []output.File
	err := fs.WalkDir(d.Templates, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(d.Templates, p)
		files = append(files, output.File{Name: p, Data: b})
		return err
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: %w", dir, unwrapPath(err))
	}
	actions, err := output.Write(dir, files, output.Options{Force: force})
	if err != nil {
		return err
	}
	fmt.Fprint(d.Streams.ErrOut, output.Summary(actions))
	return nil
}

type templatesTestOptions struct {
	Dir      string
	Fixtures string
	Config   string
	Quiet    bool
}

func newTemplatesTestCmd(d Deps) *cobra.Command {
	var o templatesTestOptions
	cmd := &cobra.Command{
		Use:   "test DIR",
		Short: "Render a team template set for every supported stack and check each result",
		Long: `test layers the templates in DIR over the built-ins and renders every
combination dockgen supports (language x runtime line x variant x package
manager x framework x repository shape), plus each repository under
--fixtures DIR (detected as init --yes would). Each Dockerfile must pass
BuildKit's lint rules and the policy (from --config FILE, else the
organisation config). It prints one line per case (ok or FAIL with the
findings) and exits 1 if any fails.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("%s takes one argument, the template directory", cmd.CommandPath())}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = args[0]
			return runTemplatesTest(cmd.Context(), o, d)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Fixtures, "fixtures", "", "a folder of fixture repositories, one per subfolder")
	f.StringVar(&o.Config, "config", "", "the config.yaml whose mirror, labels and policy apply (default: the organisation's)")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "print failing cases only")
	return cmd
}

// testCase is one rendering of `templates test`.
type testCase struct {
	name    string
	facts   detect.Facts
	answers spec.Answers
}

func runTemplatesTest(ctx context.Context, o templatesTestOptions, d Deps) error {
	if ctx == nil {
		ctx = context.Background()
	}
	// The set under test alone over the built-ins: no repository layer,
	// and the organisation's only as config.
	tm, err := loadTeam(d, "", o.Dir, "", "")
	if err != nil {
		return err
	}
	tm.set = render.Set{tm.set[0], tm.set[len(tm.set)-1]}
	if o.Config != "" {
		f, err := config.Read(o.Config)
		if err != nil {
			return fmt.Errorf("--config %w", err)
		}
		tm.cfg = config.Merge(f)
	}
	now := d.Now()
	var cases []testCase
	for _, c := range render.Matrix(d.Catalog, now) {
		cases = append(cases, testCase{name: c.String(), facts: c.Facts, answers: c.Answers})
	}
	if o.Fixtures != "" {
		entries, err := os.ReadDir(o.Fixtures)
		if err != nil {
			return usageError{fmt.Errorf("--fixtures %s: %w", o.Fixtures, unwrapPath(err))}
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			dir := filepath.Join(o.Fixtures, e.Name())
			facts, err := detect.Dir(dir)
			if err != nil {
				return fmt.Errorf("%s: %w", dir, unwrapPath(err))
			}
			c := testCase{name: "fixture " + e.Name(), facts: facts}
			if f, err := config.Read(filepath.Join(dir, config.RepoFile)); err == nil {
				c.answers = f.AllAnswers()
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			cases = append(cases, c)
		}
	}

	out := d.Streams.Out
	broken := map[string]error{} // a language whose templates do not parse
	for _, lang := range spec.Languages {
		if _, err := tm.set.Blocks(lang); err != nil {
			broken[lang] = err
			fmt.Fprintf(out, "FAIL  %s templates: %v\n", lang, err)
		}
	}
	failed := len(broken)
	for _, c := range cases {
		problems := testOne(ctx, tm, c, d, broken)
		if len(problems) == 0 {
			if !o.Quiet {
				fmt.Fprintf(out, "ok    %s\n", c.name)
			}
			continue
		}
		failed++
		fmt.Fprintf(out, "FAIL  %s\n", c.name)
		for _, p := range problems {
			fmt.Fprintf(out, "      %s\n", p)
		}
	}
	fmt.Fprintf(d.Streams.ErrOut, "%d cases, %d passed, %d failed (templates %s)\n", len(cases), len(cases)-min(failed, len(cases)), failed, o.Dir)
	if failed > 0 {
		return fmt.Errorf("templates test: %d case(s) failed", failed)
	}
	return nil
}

// testOne renders one case and returns what is wrong with it.
func testOne(ctx context.Context, tm *team, c testCase, d Deps, broken map[string]error) []string {
	s, _, err := spec.Build(c.facts, c.answers, d.Catalog, d.Now())
	if err != nil {
		return []string{err.Error()}
	}
	if broken[s.Language] != nil {
		return []string{"templates do not parse"}
	}
	files, err := tm.render(&s)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	findings, err := lint.Dockerfile(ctx, "Dockerfile", files[0].Data)
	if err != nil {
		return []string{err.Error()}
	}
	for _, f := range findings {
		problems = append(problems, f.Format("Dockerfile"))
	}
	vs, err := tm.cfg.Check(files[0].Data)
	if err != nil {
		return append(problems, err.Error())
	}
	for _, v := range vs {
		problems = append(problems, v.Error())
	}
	return problems
}
