package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/report"
)

func newPlanCmd() *cobra.Command {
	var c common
	var asJSON, asMarkdown bool
	var out string
	cmd := &cobra.Command{
		Use:   "plan [flags] [PATTERN...]",
		Short: "Show the migration as phases of files with risk tiers and compliance",
		Long: `plan prints compliance now, the four phases (exports, production, tests, cleanup)
with their files, tiers and projected compliance, and the sites that need a person.

--json and --markdown print the same plan for tools and for pull requests; -o FILE
saves it (JSON, with every file's content hash) for diff --plan and apply --plan.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asMarkdown {
				return &exitCode{2, fmt.Errorf("--json and --markdown are exclusive")}
			}
			res, err := analyze(cmd, c.options(args))
			if err != nil {
				return analysisError(err)
			}
			w := cmd.OutOrStdout()
			switch {
			case asJSON:
				err = report.WriteJSON(w, res.Plan)
			case asMarkdown:
				err = writeMarkdown(w, res)
			default:
				err = report.WriteText(w, res.Plan)
			}
			if err != nil {
				return err
			}
			if out != "" {
				if err := savePlan(res, out); err != nil {
					return &exitCode{2, err}
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "canonize: plan saved to %s\n", out)
			}
			return problems(cmd.ErrOrStderr(), res)
		},
	}
	c.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the plan as JSON")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the plan as Markdown")
	cmd.Flags().StringVarP(&out, "output", "o", "", "save the plan to `PLANFILE` (JSON with file hashes)")
	return cmd
}

// writeMarkdown prints the plan with the evidence of the phases the
// journal has applied.
func writeMarkdown(w io.Writer, res *driver.Result) error {
	ev, err := apply.Evidences(res.Root)
	if err != nil {
		return &exitCode{2, err}
	}
	return report.WriteMarkdown(w, res.Plan, ev)
}

func savePlan(res *driver.Result, path string) error {
	p, err := res.Stamped()
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := report.WriteJSON(f, p); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// loadFresh runs the analysis and, with a saved plan, refuses (exit 1,
// listing the files) if the tree changed since it was saved.
func loadFresh(cmd interface{ ErrOrStderr() io.Writer }, c *common, args []string, planFile string, phase int) (*driver.Result, error) {
	res, err := analyze(cmd, c.options(args))
	if err != nil {
		return nil, analysisError(err)
	}
	if planFile == "" {
		return res, nil
	}
	saved, err := driver.ReadPlan(planFile)
	if err != nil {
		return nil, &exitCode{2, err}
	}
	stale := res.Stale(saved)
	if phase != 0 {
		stale = res.StalePhase(saved, phase)
	}
	if len(stale) > 0 {
		msg := fmt.Sprintf("%s is stale: run canonize plan -o again", planFile)
		for _, s := range stale {
			msg += "\n  " + s
		}
		return nil, &exitCode{1, fmt.Errorf("%s", msg)}
	}
	return res, nil
}
