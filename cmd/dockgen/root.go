package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
	"github.com/dockgen/dockgen/templates"
	"github.com/spf13/cobra"
)

// Exit codes of the command-line contract.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
	// exitInterrupted is the shell's code for a command ended by Ctrl-C
	// (128 + SIGINT): nothing was written.
	exitInterrupted = 130
	exitSilence     = 3 // internal: findings already printed, exit 1 without a message
)

// Deps are everything the commands need from the outside world, built in
// one place so tests can replace any of them.
type Deps struct {
	Streams   Streams
	Catalog   *catalog.Catalog
	Now       func() time.Time
	Templates fs.FS
	// Prompter builds the prompter for interactive runs.
	Prompter func(Streams) prompt.Prompter
	// Getenv looks up the environment (the organisation template layer
	// and config); nil means nothing is set.
	Getenv func(string) string
	// Official images (images.go, pin.go): Docker Hub's API base for
	// `images --refresh`, the tag cache ("" for none), the HTTP client for
	// Docker Hub, and a registry host that replaces docker.io for digest
	// lookups ("" for Docker Hub itself).
	HubURL   string
	CacheDir string
	HTTP     *http.Client
	Registry string
}

// DefaultDeps are the production dependencies for the given streams.
func DefaultDeps(s Streams) Deps {
	d := Deps{
		Streams:   s,
		Catalog:   catalog.Default(),
		Now:       time.Now,
		Templates: templates.FS,
		Prompter:  surveyPrompter,
		Getenv:    osGetenv,
	}
	officialImageDeps(&d, os.Getenv)
	return d
}

// Main runs dockgen with args and returns the process exit code.
func Main(args []string, s Streams) int {
	return Run(args, DefaultDeps(s))
}

// usageError marks a mistake in how dockgen was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// findingsError means findings were printed; exit 1 without a message.
type findingsError struct{}

func (findingsError) Error() string { return "findings" }

// Run runs dockgen with explicit dependencies: the seam tests use.
func Run(args []string, d Deps) int {
	root := newRootCmd(d)
	root.SetArgs(args)
	err := root.Execute()
	return exitCode(d.Streams.ErrOut, err)
}

// exitCode prints err as one line on stderr and maps it to an exit code.
func exitCode(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.As(err, new(findingsError)) {
		return exitFailed
	}
	if errors.Is(err, prompt.ErrInterrupted) {
		fmt.Fprintln(w, "dockgen: interrupted; nothing was written")
		return exitInterrupted
	}
	fmt.Fprintln(w, "dockgen: "+oneLine(err.Error()))
	var se *spec.Error
	// cobra reports an unknown command with an untyped error.
	if errors.As(err, new(usageError)) || errors.As(err, &se) && strings.HasPrefix(se.Flag, "--") ||
		strings.HasPrefix(err.Error(), "unknown command ") {
		return exitUsage
	}
	return exitFailed
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

func newRootCmd(d Deps) *cobra.Command {
	root := &cobra.Command{
		Use:   "dockgen",
		Short: "Write production-grade Dockerfiles",
		Long: `dockgen looks at a repository (or asks, for a new service), picks a Docker
Official Image as the base, and writes a Dockerfile and .dockerignore that
pass BuildKit's own checks.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionString(),
		// completion is dockgen's own command: an unknown shell is a usage error.
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetIn(d.Streams.In)
	root.SetOut(d.Streams.Out)
	root.SetErr(d.Streams.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newInitCmd(d), newDetectCmd(d), newLintCmd(d), newVersionCmd(d))
	root.AddCommand(newTemplatesCmd(d))
	root.AddCommand(newImagesCmd(d), newPinCmd(d), newCompletionCmd(d))
	return root
}

// exactDir accepts at most one directory argument, as a usage error.
func dirArg(args []string) string {
	if len(args) == 0 {
		return "."
	}
	return args[0]
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usageError{fmt.Errorf("%s takes at most %d argument(s), got %d: %s", cmd.CommandPath(), n, len(args), strings.Join(args, " "))}
		}
		return nil
	}
}
