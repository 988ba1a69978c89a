package main

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/udiff"
	"github.com/canonize/canonize/report"
)

func newDiffCmd() *cobra.Command {
	var c common
	var stat, byShape bool
	var color, planFile, owner, split string
	var phase int
	cmd := &cobra.Command{
		Use:   "diff [flags] [PATTERN...]",
		Short: "Print the migration as a unified diff; change nothing",
		Long: `diff prints the rewrite as a unified diff that git apply and patch -p1 accept,
with paths relative to the module root. It writes nothing.

Without --phase it shows phases 1-3 (exports, production, tests): every reference
moved to the canonical API. The cleanup phase, which deletes the deprecated API
itself, is shown only with --phase 4.

With --by-shape it prints, for each shape of edit (the rule, and the rewritten
expression with its arguments abstracted: "75 × ws.Get().Create(X, Y) →
ws.New(X, Y)"), one example hunk and the list of every place of that shape: a
reviewer reads each shape once and the rare ones in full.

With --owner O it prints one owner group's share (as plan lists them, from
CODEOWNERS or the spec's owners:). With --split DIR it writes one patch per phase
and owner group into DIR (new or empty), each with a Markdown description (files,
tiers and reasons, compliance it reaches, how to verify and roll back), and an
index, README.md; the patches of a phase apply with git apply in any order.

Exit status: 0 when nothing would change, 1 when a diff was printed (or a saved
plan is stale), 2 on error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if color != "auto" && color != "always" && color != "never" {
				return &exitCode{2, fmt.Errorf("--color must be auto, always or never, not %q", color)}
			}
			if split != "" && (owner != "" || phase != 0 || stat || byShape) {
				return &exitCode{2, fmt.Errorf("--split writes every phase and owner: it takes no --owner, --phase, --stat or --by-shape")}
			}
			if byShape && (owner != "" || stat) {
				return &exitCode{2, fmt.Errorf("--by-shape prints one example per shape: it takes no --owner or --stat")}
			}
			res, err := loadFresh(cmd, &c, args, planFile, phase)
			if err != nil {
				return err
			}
			if split != "" {
				return runSplit(cmd.ErrOrStderr(), res, split)
			}
			if byShape {
				return diffByShape(cmd, res, phase, color)
			}
			files, err := diffFiles(res, phase)
			if err != nil {
				return err
			}
			if owner != "" {
				if files, err = byOwner(res, files, owner); err != nil {
					return err
				}
			}
			out := cmd.OutOrStdout()
			var buf bytes.Buffer
			if stat {
				var stats []udiff.FileStat
				for _, f := range files {
					stats = append(stats, udiff.Stats(f.path, f.old, f.new))
				}
				buf.WriteString(udiff.RenderStat(stats))
			} else {
				for _, f := range files {
					buf.Write(udiff.Unified(f.path, f.old, f.new))
				}
			}
			text := buf.Bytes()
			if !stat && useColor(color, out) {
				text = udiff.Colorize(text)
			}
			out.Write(text)
			errw := cmd.ErrOrStderr()
			for _, d := range res.Warnings {
				fmt.Fprintln(errw, "warning:", d.Rel(res.Root))
			}
			rewritten := 0
			for _, c := range res.Changes {
				rewritten += c.Sites
			}
			fmt.Fprintln(errw, report.Summary(res.Sites, len(res.Changes), rewritten))
			if err := problems(errw, res); err != nil {
				return err
			}
			if len(files) > 0 {
				return &exitCode{1, nil}
			}
			return nil
		},
	}
	c.register(cmd)
	cmd.Flags().BoolVar(&stat, "stat", false, "print a diffstat instead of the diff")
	cmd.Flags().StringVar(&color, "color", "auto", "colour the diff: auto, always or never")
	cmd.Flags().IntVar(&phase, "phase", 0, "show only phase `N` (1 exports, 2 production, 3 tests, 4 cleanup)")
	cmd.Flags().StringVar(&planFile, "plan", "", "use the plan saved in `PLANFILE`; refuse if the tree changed since")
	cmd.Flags().StringVar(&owner, "owner", "", "print only the files of owner group `O` (as plan lists them: @org/team)")
	cmd.Flags().BoolVar(&byShape, "by-shape", false, "print one example per shape of edit (rule and form, arguments abstracted) with the list of its places")
	cmd.Flags().StringVar(&split, "split", "", "write one patch and description per phase and owner into `DIR` (new or empty)")
	return cmd
}

// diffByShape prints one example hunk per shape of phase (1-3 when 0)
// and the places of each; exit 1 when there is any.
func diffByShape(cmd *cobra.Command, res *driver.Result, phase int, color string) error {
	if _, err := diffFiles(res, phase); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.WriteByShape(&buf, res.Plan, res.Order, phase); err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	text := buf.Bytes()
	if useColor(color, out) {
		text = udiff.Colorize(text)
	}
	out.Write(text)
	if err := problems(cmd.ErrOrStderr(), res); err != nil {
		return err
	}
	if buf.Len() > 0 {
		return &exitCode{1, nil}
	}
	return nil
}

// useColor decides --color auto by whether out is a terminal.
func useColor(mode string, out io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return isTerminal(out)
}

type fileDiff struct {
	path     string
	old, new []byte
}

// diffFiles selects what to show: phases 1-3, or one phase.
func diffFiles(res *driver.Result, phase int) ([]fileDiff, error) {
	var out []fileDiff
	if phase == 0 {
		for _, c := range res.Changes {
			out = append(out, fileDiff{c.Path, c.Old, c.New})
		}
		return out, nil
	}
	ph := res.Order.Phase(phase)
	if ph == nil {
		return nil, &exitCode{2, fmt.Errorf("--phase %d: the plan has phases 1 to %d", phase, len(res.Order.Phases))}
	}
	if ph.Blocked {
		return nil, &exitCode{2, fmt.Errorf("phase %d (%s) is blocked:\n  %s", ph.Number, ph.Name, strings.Join(ph.BlockedBy, "\n  "))}
	}
	for _, f := range ph.Files {
		if string(f.Before) != string(f.After) {
			out = append(out, fileDiff{f.Path, f.Before, f.After})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}
