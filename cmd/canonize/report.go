package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/report"
)

func newReportCmd() *cobra.Command {
	var c common
	var out string
	cmd := &cobra.Command{
		Use:   "report -o FILE [flags] [PATTERN...]",
		Short: "Write the migration as one self-contained HTML page",
		Long: `report writes one HTML page (-o FILE) that loads nothing from anywhere: inline
CSS and SVG, no script. It holds the compliance burndown across phases (now, then
after each phase as the plan projects it), the burndown over time from the journal
once phases are applied, the risk matrix (files per tier and phase), a table per
owner group (CODEOWNERS or the spec's owners:), every file's diff per phase
(collapsed; click to open), the sites left for a person, and the verification and
rollback commands.

The page is written to a temporary file beside FILE and renamed over it.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return &exitCode{2, fmt.Errorf("report needs -o FILE: the HTML page to write")}
			}
			res, err := analyze(cmd, c.options(args))
			if err != nil {
				return analysisError(err)
			}
			commits, err := apply.Timeline(res.Root)
			if err != nil {
				return &exitCode{2, fmt.Errorf("read the journal: %w", err)}
			}
			ev, err := apply.Evidences(res.Root)
			if err != nil {
				return &exitCode{2, fmt.Errorf("read the journal: %w", err)}
			}
			var page bytes.Buffer
			pg := report.Page{Plan: res.Plan, Order: res.Order, Commits: commits, Evidence: ev, Now: time.Now()}
			if err := report.WriteHTML(&page, pg); err != nil {
				return &exitCode{2, err}
			}
			if err := writeAtomic(out, page.Bytes()); err != nil {
				return &exitCode{2, err}
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "canonize: report written to %s (%d bytes)\n", out, page.Len())
			return problems(cmd.ErrOrStderr(), res)
		},
	}
	c.register(cmd)
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the HTML page to `FILE` (required)")
	return cmd
}

// writeAtomic replaces path with data: a temp file in the same
// directory, synced, then renamed, so that a browser or a CI artifact
// upload never sees half a page. (The user's source files go through
// package journal; this is an output file of ours.)
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
