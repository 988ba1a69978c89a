package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/baseline"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/report"
)

func newCheckCmd() *cobra.Command {
	var c common
	var minCompliance float64
	var asJSON bool
	var format, baselineFile string
	cmd := &cobra.Command{
		Use:   "check [flags] [PATTERN...]",
		Short: "Fail (exit 1) while deprecated sites remain; for CI",
		Long: `check prints every remaining deprecated site as
  path:line:col: <symbol> is deprecated: use <replacement> (rule <id>)
and exits 1 if any remains (or, with --min-compliance P, if compliance is under P%),
0 otherwise, 2 on error.

--format picks the output: text (the lines above), json, sarif (SARIF 2.1.0 for
GitHub code scanning and other SARIF viewers: a rule per spec rule, a result per
site with its region, a fix for each site canonize rewrites) or github (GitHub
Actions workflow commands, which annotate the lines in a pull request).

--baseline FILE (made by canonize baseline) fails only on sites that FILE does not
hold, prints only those, and reports on stderr the sites fixed since; SARIF then
lists every site with baselineState new or unchanged. A baseline made with
another spec, or that does not parse, is an error (exit 2).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := checkFormat(cmd, format, asJSON)
			if err != nil {
				return err
			}
			var base *baseline.File
			if baselineFile != "" {
				if base, err = baseline.Load(baselineFile); err != nil {
					return &exitCode{2, err}
				}
			}
			opts := c.options(args)
			opts.ExactChanges = f == report.FormatSARIF // its fixes print each file's rewrite
			res, err := analyzeForCheck(cmd, opts)
			if err != nil {
				return analysisError(err)
			}
			rep := &report.Check{Plan: res.Plan, Spec: res.Spec, Tool: version()}
			if base != nil {
				if rep.Baseline, err = compare(res, base, baselineFile); err != nil {
					return err
				}
			}
			if f == report.FormatSARIF || f == report.FormatGitHub {
				rep.Files = siteFiles(res)
			}
			if err := report.WriteCheckAs(cmd.OutOrStdout(), f, rep); err != nil {
				return err
			}
			if err := problems(cmd.ErrOrStderr(), res); err != nil {
				return err
			}
			cmp := res.Plan.Compliance
			fmt.Fprintf(cmd.ErrOrStderr(), "canonize: compliance %.1f%% (%d canonical, %d deprecated)\n", cmp.Percent, cmp.Canonical, cmp.Deprecated)
			if rep.Baseline != nil {
				if err := report.WriteBaselineSummary(cmd.ErrOrStderr(), rep.Baseline); err != nil {
					return err
				}
			}
			return checkVerdict(cmd, rep, minCompliance)
		},
	}
	c.register(cmd)
	cmd.Flags().Float64Var(&minCompliance, "min-compliance", 100, "pass when compliance is at least `P` percent (default: no deprecated site at all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print compliance and the deprecated sites as JSON (same as --format json)")
	cmd.Flags().StringVar(&format, "format", "text", "output `FORMAT`: text, json, sarif or github")
	cmd.Flags().StringVar(&baselineFile, "baseline", "", "fail only on deprecated sites not recorded in `FILE` (made by canonize baseline)")
	return cmd
}

// checkFormat reads --format and --json, which says json too.
func checkFormat(cmd *cobra.Command, name string, asJSON bool) (report.Format, error) {
	f, err := report.ParseFormat(name)
	if err != nil {
		return "", &exitCode{2, fmt.Errorf("--format: %w", err)}
	}
	if asJSON {
		if cmd.Flags().Changed("format") && f != report.FormatJSON {
			return "", &exitCode{2, fmt.Errorf("--json and --format %s disagree: --json is --format json", f)}
		}
		f = report.FormatJSON
	}
	return f, nil
}

// compare checks that base was made with the spec of res and compares
// the tree's sites with it.
func compare(res *driver.Result, base *baseline.File, file string) (*report.BaselineResult, error) {
	hash, err := res.SpecHash()
	if err != nil {
		return nil, &exitCode{2, err}
	}
	if err := base.CheckSpec(baseline.Spec{Name: res.Spec.Name, SHA256: hash}, res.Spec.Path); err != nil {
		return nil, &exitCode{2, err}
	}
	return &report.BaselineResult{File: file, Comparison: baseline.Compare(base, res.Plan.Sites)}, nil
}

// checkVerdict is check's exit status: against a baseline, 1 when a site
// is new; otherwise 1 while any deprecated site is left; with
// --min-compliance, also 1 under it.
func checkVerdict(cmd *cobra.Command, rep *report.Check, minCompliance float64) error {
	cmp := rep.Plan.Compliance
	if cmd.Flags().Changed("min-compliance") && cmp.Percent < minCompliance {
		return &exitCode{1, fmt.Errorf("compliance %.1f%% is under %.1f%%", cmp.Percent, minCompliance)}
	}
	switch {
	case rep.Baseline != nil:
		if n := len(rep.Baseline.New); n > 0 {
			return &exitCode{1, fmt.Errorf("%d deprecated site(s) not in the baseline %s", n, rep.Baseline.File)}
		}
	case cmd.Flags().Changed("min-compliance"):
	case cmp.Deprecated > 0:
		return &exitCode{1, nil}
	}
	return nil
}

// siteFiles gives the report the bytes of every file with a deprecated
// site, and what phases 1-3 make of those they change. A file that
// cannot be read is left out: its columns stay byte columns.
func siteFiles(res *driver.Result) map[string]report.Source {
	files := map[string]report.Source{}
	for _, c := range res.Changes {
		files[c.Path] = report.Source{Old: c.Old, New: c.New}
	}
	for _, s := range res.Plan.Sites {
		if _, ok := files[s.Path]; ok || s.Role != engine.RoleDeprecated {
			continue
		}
		if data, err := os.ReadFile(filepath.Join(res.Root, filepath.FromSlash(s.Path))); err == nil {
			files[s.Path] = report.Source{Old: data}
		}
	}
	return files
}
