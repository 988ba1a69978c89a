package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/canonize/canonize/affected"
	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/perfgate"
	"github.com/canonize/canonize/report"
	"github.com/canonize/canonize/spec"
)

// verifyFlags are apply's flags that say how a phase is verified.
type verifyFlags struct {
	verify         []string
	noSpecVerify   bool
	verifyAffected bool
	verbose        bool
	bench          perfgate.Options
	flags          *pflag.FlagSet // to tell a flag given from its default
}

func (vf *verifyFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&vf.verify, "verify", nil, "also run `CMD` to verify (repeatable)")
	cmd.Flags().BoolVar(&vf.noSpecVerify, "no-spec-verify", false, "do not run the spec's verify: commands, its verify_affected nor its bench: (they come from the repository); only what the command line asks")
	cmd.Flags().BoolVar(&vf.verifyAffected, "verify-affected", false, "also run go test on exactly the packages the phase can change (its files' packages and their importers, tests included, in every build configuration)")
	cmd.Flags().BoolVarP(&vf.verbose, "verbose", "v", false, "say why each package --verify-affected tests is in")
	b := &vf.bench
	cmd.Flags().StringVar(&b.Pattern, "bench", "", "performance gate: run the benchmarks matching `REGEXP` before writing and after; a slowdown past --bench-fail rolls the phase back")
	cmd.Flags().StringArrayVar(&b.Packages, "bench-pkg", nil, "run the benchmarks of package `PATTERN` (repeatable; default ./...)")
	cmd.Flags().IntVar(&b.Count, "bench-count", perfgate.DefaultCount, "runs of each benchmark before and after, in turn (at least 6)")
	cmd.Flags().StringVar(&b.BenchTime, "bench-time", "", "go test -benchtime `D` for each run (default Go's 1s)")
	cmd.Flags().Float64Var(&b.Fail, "bench-fail", 10, "a benchmark slower by more than `PCT` percent (significantly) fails the verification")
	cmd.Flags().Float64Var(&b.Warn, "bench-warn", 5, "a benchmark slower by more than `PCT` percent is flagged warn")
	vf.flags = cmd.Flags()
}

// verification is what a phase's verification runs.
type verification struct {
	cmds   []string          // shell commands
	checks []apply.Check     // go test runs, without a shell
	bench  *perfgate.Options // the performance gate, or nil
}

// plan assembles phase n's verification and prints it on w before
// anything runs.
func (vf *verifyFlags) plan(w io.Writer, res *driver.Result, n int, only []string) (*verification, error) {
	sp := res.Spec
	v := &verification{cmds: append([]string(nil), vf.verify...)}
	if !vf.noSpecVerify {
		v.cmds = append(append([]string(nil), sp.Verify...), vf.verify...)
	}
	if vf.verifyAffected || (sp.VerifyAffected && !vf.noSpecVerify) {
		var err error
		if v.checks, err = affectedChecks(w, res.Root, phaseFiles(res, n, only), vf.verbose); err != nil {
			return nil, err
		}
	}
	bench, err := vf.benchOptions(sp)
	if err != nil {
		return nil, &exitCode{2, err}
	}
	v.bench = bench
	gate := ""
	if bench != nil {
		gate = fmt.Sprintf("the performance gate runs before writing and after (a benchmark significantly slower by more than %v%% fails):\n  %s", bench.Fail, bench.Command())
	}
	report.WriteVerifyPlan(w, sp.Path, v.cmds, commands(v.checks), gate, vf.noSpecVerify && (len(sp.Verify) > 0 || sp.VerifyAffected || sp.Bench != nil))
	return v, nil
}

// benchOptions is the performance gate: --bench, or the spec's bench:
// (unless --no-spec-verify), each setting given on the command line
// overriding the spec's; nil when neither asks for one.
func (vf *verifyFlags) benchOptions(sp *spec.Spec) (*perfgate.Options, error) {
	o := vf.bench
	if sb := sp.Bench; sb != nil && !vf.noSpecVerify {
		given := func(name string) bool { return vf.flags.Changed(name) }
		if !given("bench") {
			o.Pattern = sb.Pattern
		}
		if !given("bench-pkg") {
			o.Packages = sb.Packages
		}
		if !given("bench-count") && sb.Count != 0 {
			o.Count = sb.Count
		}
		if !given("bench-time") {
			o.BenchTime = sb.BenchTime
		}
		if !given("bench-fail") && sb.Fail != 0 {
			o.Fail = sb.Fail
		}
		if !given("bench-warn") && sb.Warn != 0 {
			o.Warn = sb.Warn
		}
	}
	if o.Pattern == "" {
		return nil, nil
	}
	o, err := o.Defaults()
	if err != nil {
		return nil, err
	}
	return &o, nil
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
