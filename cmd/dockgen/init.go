package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockgen/dockgen/generator/config"
	"github.com/dockgen/dockgen/generator/detect"
	"github.com/dockgen/dockgen/generator/lint"
	"github.com/dockgen/dockgen/generator/output"
	"github.com/dockgen/dockgen/generator/render"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/kballard/go-shellquote"
	"github.com/spf13/cobra"
)

type initOptions struct {
	initImageOptions
	Dir       string
	Answers   spec.Answers
	Templates string
	Config    string
	Stdout    bool
	DryRun    bool
	Force     bool
	Yes       bool
	// Check re-renders from the recorded answers and diffs (init --check).
	Check bool
	// AnswersFile replays another file's answers (init --answers).
	AnswersFile string
	// Compose writes compose.yaml too (init --compose).
	Compose bool
}

func newInitCmd(d Deps) *cobra.Command {
	var o initOptions
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Detect the stack in DIR (default .) and write a Dockerfile and .dockerignore",
		Long: `init detects language, runtime version, package manager, framework, port and
start command in DIR, asks to confirm each (or accepts them with --yes), and
writes a Dockerfile and a .dockerignore. Every rendered Dockerfile is checked
with BuildKit's parser and lint rules before anything is written, and no
existing file is replaced without --force.`,
		Example: `  dockgen init                       # interactive, in the current folder
  dockgen init --yes ./service        # accept what was detected
  dockgen init -y --language go --stdout`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dir = dirArg(args)
			return runInit(cmd.Context(), o, d)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Answers.Language, "language", "", "language: "+strings.Join(spec.Languages, ", "))
	f.StringVar(&o.Answers.Version, "runtime-version", "", "runtime release line, e.g. 3.13, 24, 1.27")
	f.StringVar(&o.Answers.Variant, "variant", "", "image variant, e.g. slim, alpine (go: scratch, alpine, debian); dockgen images lists them")
	f.StringVar(&o.Answers.PackageManager, "package-manager", "", "package manager: "+strings.Join(spec.AllPackageManagers(), ", "))
	f.StringVar(&o.Answers.Framework, "framework", "", "framework, or none")
	f.StringVar(&o.Answers.Port, "port", "", "port the service listens on (0 for none)")
	f.StringVar(&o.Answers.Cmd, "cmd", "", "start command, as shell words (written in exec form)")
	f.StringVar(&o.Answers.Base, "base", "", "final-stage base image, overriding the catalog's choice")
	f.StringVar(&o.Answers.Main, "main", "", "Go main package to build, e.g. ./cmd/api")
	f.StringVar(&o.Answers.BuildTool, "build-tool", "", "a front end's bundler (static sites): vite, cra, angular, vue-cli, webpack, parcel, astro, next")
	f.StringVar(&o.Answers.NodeVersion, "node-version", "", "Node.js line of a front-end build (static sites, PHP and Rails assets), over .nvmrc and the like")
	bindImageFlags(cmd, f, &o.initImageOptions)
	f.StringVar(&o.Templates, "templates", "", "directory of templates layered over the built-in ones")
	f.StringVar(&o.Config, "config", "", "YAML file of answers (keys as the flags: language, runtime-version, ...)")
	f.BoolVar(&o.Stdout, "stdout", false, "print the Dockerfile to stdout and write nothing")
	f.BoolVar(&o.DryRun, "dry-run", false, "show what would be written, and write nothing")
	f.BoolVar(&o.Force, "force", false, "replace existing files (atomically)")
	f.BoolVarP(&o.Yes, "yes", "y", false, "accept detected and default answers without asking")
	f.BoolVar(&o.Check, "check", false, "re-render from the answers recorded in .dockgen.yaml; exit 1 with a diff when the files differ (writes nothing)")
	f.BoolVar(&o.Compose, "compose", false, "also write compose.yaml for the service (recorded, so a replay writes it too)")
	f.StringVar(&o.AnswersFile, "answers", "", "replay the answers recorded in FILE (e.g. another repository's .dockgen.yaml)")
	_ = cmd.RegisterFlagCompletionFunc("language", fixedCompletion(spec.Languages...))
	_ = cmd.RegisterFlagCompletionFunc("package-manager", fixedCompletion(spec.AllPackageManagers()...))
	_ = cmd.RegisterFlagCompletionFunc("variant", fixedCompletion("slim", "alpine", "full", "scratch", "debian"))
	_ = cmd.RegisterFlagCompletionFunc("templates", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
	return cmd
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

func runInit(ctx context.Context, o initOptions, d Deps) error {
	if ctx == nil {
		ctx = context.Background()
	}
	errOut := d.Streams.ErrOut
	if st, err := os.Stat(o.Dir); err != nil {
		return usageError{fmt.Errorf("%s: %w", o.Dir, unwrapPath(err))}
	} else if !st.IsDir() {
		return usageError{fmt.Errorf("%s is not a directory", o.Dir)}
	}
	answersFile, err := o.answersFile()
	if err != nil {
		return err
	}
	tm, err := loadTeam(d, o.Dir, o.Templates, o.answersFlag(), answersFile)
	if err != nil {
		return err
	}
	answers := tm.mergedAnswers(o.Answers)
	if o.Check {
		o.Yes = true // a drift check replays; it never asks
	}
	if !o.Yes && !d.Streams.Interactive {
		return usageError{errors.New("no terminal to ask questions on; pass --yes to accept the detected answers (and flags such as --language to change them)")}
	}

	facts, err := detect.Dir(o.Dir)
	if err != nil {
		return fmt.Errorf("%s: %w", o.Dir, unwrapPath(err))
	}
	for _, w := range facts.Warnings {
		fmt.Fprintln(errOut, "warning: "+w)
	}
	now := d.Now()
	showChanges := false
	if !o.Yes {
		// Existing files first, so no answer is given in vain: replace
		// them (the changes are shown before writing), or stop here.
		if existing := ownedExisting(o.Dir, o.Compose); len(existing) > 0 && !o.Force && !o.Stdout && !o.DryRun {
			ok, err := d.Prompter(d.Streams).Confirm(replaceQuestion(existing), false)
			if err != nil {
				return err
			}
			if !ok {
				fmt.Fprintf(errOut, "kept %s; nothing was written\n", strings.Join(existing, ", "))
				return nil
			}
			o.Force, showChanges = true, true
		}
		// Flags answer their questions; recorded and configured answers
		// only pre-fill theirs, so a re-run can change them.
		answers, err = spec.Ask(d.Prompter(d.Streams), facts, answers, o.Answers, d.Catalog, now)
		if err != nil {
			return err
		}
	}
	s, warns, err := spec.Build(facts, answers, d.Catalog, now)
	if err != nil {
		return err
	}
	for _, w := range warns {
		fmt.Fprintln(errOut, "warning: "+w)
	}
	platformWarns, err := checkPlatforms(o.Platforms, s, d.Catalog, now)
	if err != nil {
		return err
	}
	for _, w := range platformWarns {
		fmt.Fprintln(errOut, "warning: "+w)
	}

	files, err := tm.render(&s)
	if err != nil {
		return err
	}
	if o.Pin {
		if err := pinRendered(ctx, files, d); err != nil {
			return err
		}
	}
	// A finding in what dockgen rendered is a bug (in dockgen or in a team
	// template): report it and write nothing.
	for _, f := range files {
		if f.Name != "Dockerfile" {
			continue
		}
		findings, err := lint.Dockerfile(ctx, f.Name, f.Data)
		if err != nil {
			return err
		}
		if len(findings) > 0 {
			for _, fd := range findings {
				fmt.Fprintln(errOut, fd.Format("generated "+f.Name))
			}
			return fmt.Errorf("the generated Dockerfile fails BuildKit's checks (%d finding(s)); nothing was written", len(findings))
		}
	}

	if err := tm.checkPolicy(files); err != nil {
		return err
	}
	if tm.compose = o.Compose || tm.composeWanted(); tm.compose {
		cf, err := tm.renderCompose(s, o.Dir)
		if err != nil {
			return err
		}
		files = append(files, cf)
	}
	if o.Check {
		return tm.driftCheck(o.Dir, s.Language, files, d)
	}

	if o.Stdout {
		_, err := d.Streams.Out.Write(files[0].Data)
		return err
	}
	outFiles := make([]output.File, len(files))
	for i, f := range files {
		outFiles[i] = output.File{Name: f.Name, Data: f.Data}
	}
	// The answers are recorded with the files, for replay and --check.
	rec, err := tm.record(s)
	if err != nil {
		return err
	}
	outFiles = append(outFiles, rec)
	if o.DryRun {
		actions, err := output.PlanWrite(o.Dir, outFiles)
		if err != nil {
			return err
		}
		force := o.Force || tm.firstRecording(o.Dir, outFiles)
		showPlan(d.Streams.Out, actions, outFiles, force)
		// The dry run ends as the real run would: refused without --force.
		var exist []string
		for _, a := range actions {
			if a.Op == output.OpReplace && !force {
				exist = append(exist, a.Name)
			}
		}
		if len(exist) > 0 {
			return fmt.Errorf("%w (dry run: nothing was written)", &output.ExistsError{Names: exist})
		}
		return nil
	}
	if showChanges {
		// The replacement the user agreed to, as a diff, before it is made.
		if planned, err := output.PlanWrite(o.Dir, outFiles); err == nil {
			for i, a := range planned {
				if a.Op == output.OpReplace && a.Name != config.RepoFile {
					fmt.Fprintln(errOut, output.Diff(a.Name, a.Old, outFiles[i].Data))
				}
			}
		}
	}
	actions, err := output.Write(o.Dir, outFiles, output.Options{Force: o.Force || tm.firstRecording(o.Dir, outFiles)})
	if err != nil {
		return err
	}
	fmt.Fprint(errOut, output.Summary(actions))
	fmt.Fprintf(errOut, "base image: %s%s\n", s.BaseImage, buildNote(s))
	fmt.Fprint(errOut, nextSteps(o.Dir, s, tm.compose))
	return nil
}

// ownedExisting lists the files init writes that already exist in dir:
// the Dockerfile and .dockerignore, and compose.yaml when it is asked for.
// (A repository's own nginx.conf or entrypoint is never replaced, and the
// recorded .dockgen.yaml is dockgen's to update.)
func ownedExisting(dir string, compose bool) []string {
	names := []string{"Dockerfile", ".dockerignore"}
	if compose {
		names = append(names, "compose.yaml")
	}
	var out []string
	for _, n := range names {
		if st, err := os.Lstat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			out = append(out, n)
		}
	}
	return out
}

// replaceQuestion asks whether to replace the files that exist.
func replaceQuestion(existing []string) string {
	if len(existing) == 1 {
		return existing[0] + " exists. Replace it? (the changes are shown before writing; No stops with nothing written)"
	}
	return strings.Join(existing, ", ") + " exist. Replace them? (the changes are shown before writing; No stops with nothing written)"
}

// nextSteps says how to build and run what was written, for the folder
// the user named: docker compose with a compose.yaml, else build and run
// with the port published.
func nextSteps(dir string, s spec.Spec, compose bool) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	name := render.ServiceName(abs)
	ctx := shellquote.Join(dir)
	if compose {
		if dir == "." {
			return "next: docker compose up --build\n"
		}
		return fmt.Sprintf("next: docker compose --project-directory %s up --build\n", ctx)
	}
	run := "docker run --rm " + name
	if s.Port != 0 {
		run = fmt.Sprintf("docker run --rm -p %d:%d %s", s.Port, s.Port, name)
	}
	return fmt.Sprintf("next: docker build -t %s %s && %s\n", name, ctx, run)
}

func buildNote(s spec.Spec) string {
	if s.BuildImage == "" || s.BuildImage == s.BaseImage {
		return ""
	}
	return " (built in " + s.BuildImage + ")"
}

// showPlan prints what init would do: each file's action, then the new
// content (create) or a unified diff (replace).
func showPlan(w io.Writer, actions []output.Action, files []output.File, force bool) {
	for i, a := range actions {
		op := a.Op
		if op == output.OpReplace && !force {
			op = "exists (needs --force)"
		}
		fmt.Fprintf(w, "%s: %s\n", a.Name, op)
		switch a.Op {
		case output.OpCreate:
			fmt.Fprintln(w, indent(string(files[i].Data)))
		case output.OpReplace:
			fmt.Fprintln(w, output.Diff(a.Name, a.Old, files[i].Data))
		}
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
