package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/output"
	"github.com/spf13/cobra"
)

func newPinCmd(d Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "pin [FILE]",
		Short: "Pin each FROM image:tag in a Dockerfile (default ./Dockerfile) to its current digest",
		Long: `pin resolves each FROM image:tag to the digest it points to now, anonymously
(the multi-platform index digest, so every platform stays buildable), and rewrites
the line as image:tag@sha256:... . scratch and stage names are left alone; a
reference that is already pinned is resolved again, so running pin again
updates the digests. The file is replaced atomically, and only when every
FROM resolved: with no registry reachable, pin fails within seconds and
writes nothing. DOCKGEN_REGISTRY=host[:port] asks that registry instead of
Docker Hub (a mirror).`,
		Example: `  dockgen pin
  dockgen pin services/api/Dockerfile`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			file := "Dockerfile"
			if len(args) == 1 {
				file = args[0]
			}
			return runPin(cmd.Context(), file, d)
		},
	}
}

func runPin(ctx context.Context, file string, d Deps) error {
	if file == "-" {
		return usageError{errors.New("-: pin rewrites the Dockerfile in place; name the file")}
	}
	b, err := readInput(file, nil, maxLintSize)
	if err != nil {
		return usageError{err}
	}
	pinned, pins, err := pinDockerfile(ctx, b, d)
	if err != nil {
		return fmt.Errorf("pin %s: %w; nothing was written", file, err)
	}
	for _, p := range pins {
		fmt.Fprintf(d.Streams.ErrOut, "%s:%d: %s\n", file, p.Line, p.To)
	}
	if len(pins) == 0 {
		fmt.Fprintf(d.Streams.ErrOut, "%s: no image to pin\n", file)
		return nil
	}
	actions, err := output.Write(filepath.Dir(file), []output.File{{Name: filepath.Base(file), Data: pinned}}, output.Options{Force: true})
	if err != nil {
		return err
	}
	fmt.Fprint(d.Streams.ErrOut, output.Summary(actions))
	return nil
}

// pinDockerfile pins every FROM of dt through the registry of d, within
// catalog.PinTimeout.
func pinDockerfile(ctx context.Context, dt []byte, d Deps) ([]byte, []catalog.Pinned, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, catalog.PinTimeout)
	defer cancel()
	return catalog.Pin(ctx, dt, catalog.Resolver{Registry: d.Registry}.Digest)
}
