package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/internal/udiff"
	"github.com/canonize/canonize/plan"
)

func newDiffCmd() *cobra.Command {
	var c common
	var stat bool
	var color string
	cmd := &cobra.Command{
		Use:   "diff [flags] [PATTERN...]",
		Short: "Print the migration as a unified diff; change nothing",
		Long: `diff prints the rewrite as a unified diff that git apply and patch -p1 accept,
with paths relative to the module root. It writes nothing.

Exit status: 0 when nothing would change, 1 when a diff was printed, 2 on error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if color != "auto" && color != "always" && color != "never" {
				return &exitCode{2, fmt.Errorf("--color must be auto, always or never, not %q", color)}
			}
			res, err := plan.Run(c.options(args))
			if err != nil {
				return analysisError(err)
			}
			out := cmd.OutOrStdout()
			var buf bytes.Buffer
			if stat {
				var stats []udiff.FileStat
				for _, ch := range res.Changes {
					stats = append(stats, udiff.Stats(ch.Path, ch.Old, ch.New))
				}
				buf.WriteString(udiff.RenderStat(stats))
			} else {
				for _, ch := range res.Changes {
					buf.Write(udiff.Unified(ch.Path, ch.Old, ch.New))
				}
			}
			text := buf.Bytes()
			if !stat && useColor(color, out) {
				text = udiff.Colorize(text)
			}
			out.Write(text)
			errw := cmd.ErrOrStderr()
			for _, d := range res.Warnings {
				fmt.Fprintln(errw, "warning:", relDiag(res.Root, d))
			}
			fmt.Fprintln(errw, summary(res))
			if err := problems(errw, res); err != nil {
				return err
			}
			if len(res.Changes) > 0 {
				return &exitCode{1, nil}
			}
			return nil
		},
	}
	c.register(cmd)
	cmd.Flags().BoolVar(&stat, "stat", false, "print a diffstat instead of the diff")
	cmd.Flags().StringVar(&color, "color", "auto", "colour the diff: auto, always or never")
	return cmd
}

// useColor decides --color auto by whether out is a terminal.
func useColor(mode string, out any) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := out.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// summary is the one-line account of a run for stderr.
func summary(res *plan.Result) string {
	kinds := map[string]int{}
	rewritten := 0
	for _, s := range res.Sites {
		if s.Role != plan.RoleDeprecated {
			continue
		}
		kinds[s.Kind]++
	}
	for _, c := range res.Changes {
		rewritten += c.Sites
	}
	return fmt.Sprintf("canonize: %d site(s) rewritten in %d file(s); reported: %d review, %d manual, %d generated",
		rewritten, len(res.Changes), kinds[plan.KindReview], kinds[plan.KindManual], kinds[plan.KindGenerated])
}
