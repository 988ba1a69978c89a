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
		Long: `status reads the journal under .canonize/ and checks every file it wrote against the
disk. Without -f it uses the spec the last applied phase was planned from (the
journal records its path and content hash) and says if that spec has changed since.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			c.spec = recordedSpec(cmd.ErrOrStderr(), &c)
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
