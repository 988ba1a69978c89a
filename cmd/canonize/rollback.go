package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/load"
)

func newRollbackCmd() *cobra.Command {
	var dir string
	var phase int
	var all, force bool
	cmd := &cobra.Command{
		Use:   "rollback (FILE... | --phase N | --all) [--force] [-C DIR]",
		Short: "Undo canonize's changes to files, a phase, or everything",
		Long: `rollback gives files back their content from before canonize wrote them, byte for
byte and with their mode. A file edited since keeps the edits: canonize's own change is
reversed by a three-way merge. If the edits conflict with it, nothing is written and the
conflicting hunks are shown (exit 1); --force then restores the snapshot, first saving
the current content under .canonize/snapshots/ and printing where.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			n := 0
			for _, set := range []bool{len(args) > 0, phase != 0, all} {
				if set {
					n++
				}
			}
			if n != 1 {
				return &exitCode{2, fmt.Errorf("give FILE..., --phase N or --all (one of them)")}
			}
			root, err := load.FindRoot(dir)
			if err != nil {
				return &exitCode{2, err}
			}
			files, err := relFiles(root, dir, args)
			if err != nil {
				return &exitCode{2, err}
			}
			out, err := apply.Rollback(apply.RollbackOptions{Root: root, Files: files, Phase: phase, All: all, Force: force, Stderr: cmd.ErrOrStderr()})
			if err != nil {
				return applyError(err)
			}
			w := cmd.OutOrStdout()
			for _, b := range out.Backups {
				fmt.Fprintf(w, "saved your content before forcing: %s\n", b)
			}
			for _, f := range out.Restored {
				fmt.Fprintf(w, "restored %s\n", f)
			}
			for _, f := range out.Merged {
				fmt.Fprintf(w, "reversed canonize's change in %s, keeping later edits\n", f)
			}
			for _, f := range out.Already {
				fmt.Fprintf(w, "%s already as before\n", f)
			}
			for _, f := range out.Modes {
				fmt.Fprintf(w, "%s: its mode was changed since canonize wrote it; the new mode is kept\n", f)
			}
			if len(out.Restored)+len(out.Merged)+len(out.Already) == 0 {
				fmt.Fprintln(w, "nothing to roll back")
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "run in `DIR`")
	// Every command takes -f; rollback reads only the journal, whose
	// snapshots hold everything it restores.
	cmd.Flags().StringP("file", "f", "", "accepted like every command's -f; rollback needs no spec (the journal has the snapshots)")
	cmd.Flags().IntVar(&phase, "phase", 0, "roll back phase `N`")
	cmd.Flags().BoolVar(&all, "all", false, "roll back every applied phase")
	cmd.Flags().BoolVar(&force, "force", false, "on conflict, save the current content and restore the snapshot")
	return cmd
}

// relFiles turns FILE arguments (relative to -C) into slash paths
// relative to the module root.
func relFiles(root, dir string, args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		p := a
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
			abs = filepath.Join(real, filepath.Base(abs))
		}
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil {
			realRoot = root
		}
		rel, err := filepath.Rel(realRoot, abs)
		if err != nil || rel == ".." || filepath.IsAbs(rel) || len(rel) > 2 && rel[:3] == ".."+string(os.PathSeparator) {
			return nil, fmt.Errorf("%s is outside the module %s", a, root)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}
