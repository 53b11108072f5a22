package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// shells are the shells completion scripts are written for.
var shells = []string{"bash", "zsh", "fish", "powershell"}

func newCompletionCmd(d Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print the shell completion script for dockgen",
		Long: `completion prints a script that completes dockgen's commands, flags and their
values (languages, package managers, variants) in the shell. For example:

  source <(dockgen completion bash)                    # bash, this shell
  dockgen completion zsh > "${fpath[1]}/_dockgen"      # zsh
  dockgen completion fish > ~/.config/fish/completions/dockgen.fish`,
		ValidArgs: shells,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("completion takes one shell: %s", joinOr(shells))}
			}
			if err := cobra.OnlyValidArgs(cmd, args); err != nil {
				return usageError{fmt.Errorf("completion: %q is not a supported shell; use %s", args[0], joinOr(shells))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), d.Streams.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(out)
			}
		},
	}
}

func joinOr(list []string) string {
	s := ""
	for i, v := range list {
		switch {
		case i == 0:
		case i == len(list)-1:
			s += " or "
		default:
			s += ", "
		}
		s += v
	}
	return s
}
