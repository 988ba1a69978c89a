package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/initspec"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/spec"
)

func newInitCmd() *cobra.Command {
	var dir, out, specFile string
	var force bool
	cmd := &cobra.Command{
		Use:   "init [flags] PKG...",
		Short: "Write a starting spec from the deprecated API of packages",
		Long: `init derives rules from Deprecated functions whose body is a single return of
a call using each parameter once; other deprecated symbols become commented-out TODO
rules with their doc text. Functions and constants marked //go:fix inline need no
rule: canonize runs Go's inliner on their uses; the spec lists them in a comment.

The spec is written to canonize.yaml in the module root (refused if it exists,
unless --force), or to -o FILE; -o - prints it.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, notes, err := initspec.Generate(dir, args)
			if err != nil {
				return &exitCode{2, err}
			}
			for _, n := range notes {
				fmt.Fprintln(cmd.ErrOrStderr(), "canonize: init:", n)
			}
			if out == "-" {
				_, err := cmd.OutOrStdout().Write(text)
				return err
			}
			if out == "" {
				out = specFile
			}
			if out == "" {
				root, err := load.FindRoot(dir)
				if err != nil {
					return &exitCode{2, err}
				}
				out = filepath.Join(root, spec.FileName)
			}
			if _, err := os.Stat(out); err == nil && !force {
				return &exitCode{2, fmt.Errorf("%s exists; use --force to overwrite or -o - to print", out)}
			}
			if err := os.WriteFile(out, text, 0o644); err != nil {
				return &exitCode{2, err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "canonize: wrote %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "run in `DIR`")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the spec to `FILE` (- for stdout)")
	cmd.Flags().StringVarP(&specFile, "file", "f", "", "the spec to write, as every command names it with -f (like -o)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing spec")
	return cmd
}
