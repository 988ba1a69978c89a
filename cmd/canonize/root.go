package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/load"
)

// exitCode is an error that carries the process exit status; a nil
// message prints nothing.
type exitCode struct {
	code int
	err  error
}

func (e *exitCode) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// run executes the command line and returns the exit status: 0 success,
// 1 "something to report" (a diff, remaining sites), 2 errors. d is what
// the caller injects: nothing from main, a pause point from the tests.
func run(args []string, stdout, stderr io.Writer, d deps) int {
	root := newRoot(d)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return 0
	}
	var ec *exitCode
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintln(stderr, "canonize:", ec.err)
		}
		return ec.code
	}
	fmt.Fprintln(stderr, "canonize:", err)
	return 2
}

func newRoot(d deps) *cobra.Command {
	root := &cobra.Command{
		Use:           "canonize",
		Short:         "Migrate a Go codebase off a deprecated API, phase by phase",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("canonize {{.Version}}\n")
	root.AddCommand(newDiffCmd(), newPlanCmd(), newCheckCmd(), newApplyCmd(d), newRollbackCmd(), newStatusCmd(), newInitCmd(), newBaselineCmd(), newReportCmd())
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitCode{2, fmt.Errorf("%w (run '%s --help' for usage)", err, c.CommandPath())}
	})
	return root
}

// version is the module version the binary was built from ("(devel)"
// for a build from a checkout), its VCS revision when recorded, and the
// Go release that built it.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown) " + runtime.Version()
	}
	v := bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v + " " + bi.GoVersion
}

// common holds the flags every analysing command takes.
type common struct {
	dir  string
	spec string
}

func (c *common) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&c.dir, "dir", "C", ".", "run in `DIR` (inside the module or workspace)")
	cmd.Flags().StringVarP(&c.spec, "file", "f", "", "read the spec from `FILE` (default: canonize.yaml in the module root)")
}

// options turns the flags and package patterns into plan options;
// relative patterns are relative to -C.
func (c *common) options(patterns []string) driver.Options {
	opts := driver.Options{Dir: c.dir, SpecFile: c.spec}
	if exe, err := os.Executable(); err == nil {
		opts.Tool = exe // the go command runs canonize as its vet tool for Go's inliner
	}
	if root, err := load.FindRoot(c.dir); err == nil {
		opts.CleanedUp = apply.CleanedUp(root)
	}
	for _, p := range patterns {
		if !filepath.IsAbs(p) && (p == "." || p == ".." || hasDotPrefix(p)) {
			p = filepath.Join(c.dir, p)
			if abs, err := filepath.Abs(p); err == nil {
				p = abs
			}
		}
		opts.Patterns = append(opts.Patterns, p)
	}
	return opts
}

func hasDotPrefix(p string) bool {
	return len(p) > 1 && p[0] == '.' && (p[1] == '/' || p[1] == '.' || p[1] == filepath.Separator)
}

// analyze runs the analysis through the go command (driver.Plan) with
// a progress line on stderr.
func analyze(cmd interface{ ErrOrStderr() io.Writer }, opts driver.Options) (*driver.Result, error) {
	p := startProgress(cmd.ErrOrStderr())
	defer p.stop()
	opts.Progress = p.callback()
	return driver.Plan(opts)
}

// analyzeForCheck is analyze for canonize check (driver.Check): the
// sites and compliance, not the phases.
func analyzeForCheck(cmd interface{ ErrOrStderr() io.Writer }, opts driver.Options) (*driver.Result, error) {
	p := startProgress(cmd.ErrOrStderr())
	defer p.stop()
	opts.Progress = p.callback()
	return driver.Check(opts)
}

// analysisError maps library errors to exit status 2 with their text.
func analysisError(err error) error {
	return &exitCode{2, err}
}

// problems prints unusable packages and returns exit 2 if there were any.
func problems(w io.Writer, res *driver.Result) error {
	for _, d := range res.Problems {
		fmt.Fprintln(w, d.Rel(res.Root))
	}
	if len(res.Problems) > 0 {
		return &exitCode{2, fmt.Errorf("%d package problem(s): the rest was processed", len(res.Problems))}
	}
	return nil
}
