package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/report"
)

func newCheckCmd() *cobra.Command {
	var c common
	var minCompliance float64
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check [flags] [PATTERN...]",
		Short: "Fail (exit 1) while deprecated sites remain; for CI",
		Long: `check prints every remaining deprecated site as
  path:line:col: <symbol> is deprecated: use <replacement> (rule <id>)
and exits 1 if any remains (or, with --min-compliance P, if compliance is under P%),
0 otherwise, 2 on error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := analyze(cmd, c.options(args))
			if err != nil {
				return analysisError(err)
			}
			p := res.Plan
			w := cmd.OutOrStdout()
			render := report.WriteCheck
			if asJSON {
				render = report.WriteCheckJSON
			}
			if err := render(w, p); err != nil {
				return err
			}
			if err := problems(cmd.ErrOrStderr(), res); err != nil {
				return err
			}
			cmp := p.Compliance
			fmt.Fprintf(cmd.ErrOrStderr(), "canonize: compliance %.1f%% (%d canonical, %d deprecated)\n", cmp.Percent, cmp.Canonical, cmp.Deprecated)
			if cmd.Flags().Changed("min-compliance") {
				if cmp.Percent < minCompliance {
					return &exitCode{1, fmt.Errorf("compliance %.1f%% is under %.1f%%", cmp.Percent, minCompliance)}
				}
				return nil
			}
			if cmp.Deprecated > 0 {
				return &exitCode{1, nil}
			}
			return nil
		},
	}
	c.register(cmd)
	cmd.Flags().Float64Var(&minCompliance, "min-compliance", 100, "pass when compliance is at least `P` percent (default: no deprecated site at all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print compliance and the deprecated sites as JSON")
	return cmd
}
