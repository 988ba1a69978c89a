package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/affected"
	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/report"
)

// verifyFlags are apply's flags that say how a phase is verified.
type verifyFlags struct {
	verify         []string
	noSpecVerify   bool
	verifyAffected bool
	verbose        bool
}

func (vf *verifyFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&vf.verify, "verify", nil, "also run `CMD` to verify (repeatable)")
	cmd.Flags().BoolVar(&vf.noSpecVerify, "no-spec-verify", false, "do not run the spec's verify: commands nor its verify_affected (they come from the repository); only what the command line asks")
	cmd.Flags().BoolVar(&vf.verifyAffected, "verify-affected", false, "also run go test on exactly the packages the phase can change (its files' packages and their importers, tests included, in every build configuration)")
	cmd.Flags().BoolVarP(&vf.verbose, "verbose", "v", false, "say why each package --verify-affected tests is in")
}

// plan assembles phase n's verification, the shell commands and the
// checks run without a shell, and prints it on w before anything runs.
func (vf *verifyFlags) plan(w io.Writer, res *driver.Result, n int, only []string) ([]string, []apply.Check, error) {
	sp := res.Spec
	cmds := append([]string(nil), vf.verify...)
	if !vf.noSpecVerify {
		cmds = append(append([]string(nil), sp.Verify...), vf.verify...)
	}
	var checks []apply.Check
	if vf.verifyAffected || (sp.VerifyAffected && !vf.noSpecVerify) {
		var err error
		if checks, err = affectedChecks(w, res.Root, phaseFiles(res, n, only), vf.verbose); err != nil {
			return nil, nil, err
		}
	}
	report.WriteVerifyPlan(w, sp.Path, cmds, commands(checks), vf.noSpecVerify && (len(sp.Verify) > 0 || sp.VerifyAffected))
	return cmds, checks, nil
}

// phaseFiles lists the files phase n changes (only those in only, when
// given: an owner's share).
func phaseFiles(res *driver.Result, n int, only []string) []string {
	ph := res.Order.Phase(n)
	if ph == nil {
		return nil // apply says the phase does not exist
	}
	var files []string
	for _, f := range ph.Changes() {
		if only == nil || slices.Contains(only, f.Path) {
			files = append(files, f.Path)
		}
	}
	return files
}

// affectedChecks selects the packages the files can change, prints the
// selection on w and returns its go test runs as checks. A selection
// that cannot be made is an error before anything is written.
func affectedChecks(w io.Writer, root string, files []string, why bool) ([]apply.Check, error) {
	if len(files) == 0 {
		return nil, nil
	}
	sel, err := affected.Select(root, files)
	if err != nil {
		return nil, &exitCode{2, fmt.Errorf("--verify-affected: %w; nothing was written", err)}
	}
	if err := report.WriteAffected(w, sel, why); err != nil {
		return nil, err
	}
	var checks []apply.Check
	for _, r := range sel.Runs() {
		checks = append(checks, apply.Check{Command: r.Command(), Argv: append([]string{"go"}, r.Args...), Env: r.Env, Config: r.Config.String(),
			Selected: r.Packages, Total: r.Total})
	}
	return checks, nil
}

func commands(checks []apply.Check) []string {
	out := make([]string, 0, len(checks))
	for _, c := range checks {
		out = append(out, c.Command)
	}
	return out
}
