package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/baseline"
)

func newBaselineCmd() *cobra.Command {
	var c common
	var out string
	cmd := &cobra.Command{
		Use:   "baseline -o FILE [flags]",
		Short: "Record today's deprecated sites, so that check --baseline fails only on new ones",
		Long: `baseline records every deprecated site of the module (outside generated files) in
FILE, by a fingerprint that survives unrelated edits: the file, the deprecated
symbol, the function it is in, and a hash of the call's text (not its line).
Identical calls in one function are counted, so a second one is a new site.

canonize check --baseline FILE then fails only on sites not in FILE and reports
those fixed since: a team can forbid new uses of the deprecated API today and
migrate the old ones later. Commit FILE; make it again when sites are fixed, to
keep them from coming back, and whenever the spec changes (a baseline belongs
to the spec it was made with).

Without -o the baseline is printed. Nothing is written when the module has
packages that do not load (their sites would be missing): exit 2.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := analyze(cmd, c.options(nil))
			if err != nil {
				return analysisError(err)
			}
			if err := problems(cmd.ErrOrStderr(), res); err != nil {
				return err
			}
			hash, err := res.SpecHash()
			if err != nil {
				return &exitCode{2, err}
			}
			b := baseline.Make(baseline.Spec{Name: res.Spec.Name, SHA256: hash}, res.Plan.Sites)
			if out == "" || out == "-" {
				return baseline.Encode(cmd.OutOrStdout(), b)
			}
			if err := baseline.Save(out, b); err != nil {
				return &exitCode{2, err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "canonize: baseline of %d deprecated site(s) written to %s\n", b.Count(), out)
			return nil
		},
	}
	c.register(cmd)
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the baseline to `FILE` (default: print it)")
	return cmd
}
