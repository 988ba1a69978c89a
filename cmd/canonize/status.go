package main

import (
	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/report"
	"github.com/spf13/cobra"
)

func newStatusCmd() *cobra.Command {
	var c common
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [flags]",
		Short: "Show each phase and applied file, compliance now, and the lock holder",
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := analyze(cmd, c.options(args))
			if err != nil {
				return analysisError(err)
			}
			var names []string
			for _, ph := range res.Plan.Phases {
				names = append(names, ph.Name)
			}
			st, err := apply.Status(res.Root, names)
			if err != nil {
				return &exitCode{2, err}
			}
			if asJSON {
				return report.WriteStatusJSON(cmd.OutOrStdout(), st, res.Plan)
			}
			return report.WriteStatus(cmd.OutOrStdout(), st, res.Plan, res.NextPhase())
		},
	}
	c.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the status as JSON")
	return cmd
}
