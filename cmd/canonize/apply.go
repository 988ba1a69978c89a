package main

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/apply"
)

// deps is what run's caller injects below main; main passes the zero
// value. onDurable reaches apply.Options.OnDurable: the crash tests stop
// an apply at a durability point with it (see main_test.go).
type deps struct {
	onDurable func(point int)
}

func newApplyCmd(d deps) *cobra.Command {
	var c common
	var phase int
	var vf verifyFlags
	var bisect, forceOrder bool
	var planFile, owner string
	cmd := &cobra.Command{
		Use:   "apply --phase N [flags] [PATTERN...]",
		Short: "Apply one phase as a transaction: snapshot, write, verify, keep or roll back",
		Long: `apply writes the files of phase N (each snapshotted and journaled under .canonize/
before an atomic write), then runs the verification commands (the spec's verify: and
each --verify, through sh -c in the module root), then, with --verify-affected (or the
spec's verify_affected: true), go test on the packages the phase can change: the
packages of its files and every package importing them, transitively, test-only
importers included, in each build configuration the files need (tests of another
platform are compiled, not run). With --bench REGEXP (or the spec's bench:) the
matching benchmarks run before anything is written and again after, -count times each
(--bench-count, default 6), and are compared with benchstat's statistics: a benchmark
significantly slower by more than --bench-fail percent (default 10) fails the
verification; above --bench-warn (5) it is flagged. If one fails the phase is rolled back
and the tree is byte-identical to before (exit 1); with --bisect only the files that make
verification fail are rolled back and listed.

With --owner GROUP only that owner group's share of the phase (as plan lists the
shares, from CODEOWNERS) is applied, verified and rolled back, as a transaction of its
own; the phase is complete, for the phases after it, once no share is left.

Phase N runs only after phases 1..N-1 are applied (or have nothing to do), unless
--force-order. A second apply or rollback while one runs fails at once (exit 2).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if phase < 1 {
				return &exitCode{2, fmt.Errorf("--phase N is required")}
			}
			res, err := loadFresh(cmd, &c, args, planFile, phase)
			if err != nil {
				return err
			}
			if err := problems(cmd.ErrOrStderr(), res); err != nil {
				return err
			}
			only, err := shareFiles(res, phase, owner)
			if err != nil {
				return err
			}
			v, err := vf.plan(cmd.ErrOrStderr(), res, phase, only)
			if err != nil {
				return err
			}
			interrupt, stop := notifyInterrupt(cmd.ErrOrStderr())
			defer stop()
			out, err := apply.Apply(apply.Options{
				Root: res.Root, Order: res.Order, Phase: phase, Spec: specRef(res), Share: owner, Only: only,
				Compliance: res.PhaseCompliance(phase),
				Verify:     v.cmds, Checks: v.checks, Bench: v.bench,
				Bisect: bisect, ForceOrder: forceOrder,
				Stdout: cmd.OutOrStdout(), Stderr: cmd.ErrOrStderr(),
				OnDurable: d.onDurable, Interrupt: interrupt,
			})
			if err != nil {
				return applyError(err)
			}
			w := cmd.OutOrStdout()
			what := fmt.Sprintf("phase %d (%s)", out.Phase, out.Name)
			if owner != "" {
				what += " for " + owner
			}
			switch {
			case out.Nothing:
				fmt.Fprintf(w, "%s: nothing to do\n", what)
			default:
				fmt.Fprintf(w, "%s: applied %d file(s), verified\n", what, len(out.Written))
				for _, f := range out.RolledBack {
					fmt.Fprintf(w, "  rolled back by bisect (fails verification): %s\n", f)
				}
			}
			if len(out.RolledBack) > 0 {
				return &exitCode{1, nil}
			}
			return nil
		},
	}
	c.register(cmd)
	cmd.Flags().IntVar(&phase, "phase", 0, "the phase `N` to apply")
	cmd.Flags().BoolVar(&bisect, "bisect", false, "on failure, roll back only the files that make verification fail")
	cmd.Flags().BoolVar(&forceOrder, "force-order", false, "apply even if earlier phases are not applied")
	vf.register(cmd)
	cmd.Flags().StringVar(&planFile, "plan", "", "apply exactly phase N of the plan saved in `PLANFILE`; refuse if it changed")
	cmd.Flags().StringVar(&owner, "owner", "", "apply only owner group `GROUP`'s share of the phase, as its own transaction")
	return cmd
}

// applyError maps apply's errors to exit codes: a failed verification
// (rolled back) is 1, a refusal or an I/O error 2.
func applyError(err error) error {
	var ie *apply.InterruptedError
	if errors.As(err, &ie) {
		code := 130
		if ie.Signal == syscall.SIGTERM {
			code = 143
		}
		return &exitCode{code, fmt.Errorf("%w: the verification was stopped and the phase rolled back: the tree is as before", err)}
	}
	var be *apply.BenchError
	if errors.As(err, &be) {
		return &exitCode{2, fmt.Errorf("%w\nnothing was written", err)}
	}
	var ve *apply.VerifyError
	if errors.As(err, &ve) {
		return &exitCode{1, fmt.Errorf("%w\nthe phase was rolled back: the tree is as before", err)}
	}
	var ce *apply.ConflictError
	if errors.As(err, &ce) {
		return &exitCode{1, fmt.Errorf("%s\n%w", ce.Report, err)}
	}
	return &exitCode{2, err}
}
