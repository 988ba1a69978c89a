package apply

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/canonize/canonize/journal"
)

// RollbackOptions select what to roll back: files, one phase, or all.
type RollbackOptions struct {
	Root   string
	Files  []string // slash paths relative to Root
	Phase  int
	All    bool
	Force  bool // on a conflict, save the person's content and restore anyway
	Stderr io.Writer
}

// RollbackOutcome says what a rollback did, file by file.
type RollbackOutcome struct {
	Restored []string // content from before, byte for byte
	Merged   []string // canonize's change reversed, later edits kept
	Already  []string // already held their content from before
	Backups  []string // "path: .canonize/snapshots/<hash>" saved before --force
	Modes    []string // files whose mode a person changed since: the change is kept
}

// ConflictError is a rollback refused because a person's edits overlap
// canonize's change; nothing was written.
type ConflictError struct {
	Report string // the conflicting hunks of every file
	Files  []string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("rollback conflicts with later edits in %s; nothing was written (use --force to restore anyway, saving the current content)", strings.Join(e.Files, ", "))
}

// target is one journaled write to undo.
type target struct {
	run *run
	rec journal.Record
	abs string
}

// Rollback undoes canonize's writes: a file canonize's content still
// holds gets its content from before, byte for byte; a file a person
// edited since gets canonize's change reversed by a three-way merge
// (refused on conflict unless forced); a deleted file is restored.
func Rollback(opts RollbackOptions) (*RollbackOutcome, error) {
	st, unlock, h, err := openLocked(opts.Root, "rollback")
	if err != nil {
		return nil, err
	}
	defer unlock()
	targets, err := selectTargets(st, h, opts)
	if err != nil {
		return nil, err
	}
	plans, err := planRestores(st, targets, opts.Force)
	if err != nil {
		return nil, err
	}
	return execute(st, h, opts, plans)
}

// selectTargets lists the live writes to undo, newest first, each path
// once (its newest write), every entry checked to stay inside the root.
func selectTargets(st *journal.Store, h *history, opts RollbackOptions) ([]target, error) {
	want := map[string]bool{}
	for _, f := range opts.Files {
		want[filepath.ToSlash(filepath.Clean(f))] = true
	}
	var out []target
	seen := map[string]bool{}
	for i := len(h.runs) - 1; i >= 0; i-- {
		r := h.runs[i]
		if !r.live() || h.latestSlot(r.phase, r.share) != r {
			continue
		}
		if !opts.All && opts.Phase != 0 && r.phase != opts.Phase {
			continue
		}
		for j := len(r.writes) - 1; j >= 0; j-- {
			w := r.writes[j]
			if r.restored[w.Path] || seen[w.Path] || (len(want) > 0 && !want[w.Path]) {
				continue
			}
			abs, err := st.Resolve(w.Path)
			if err != nil {
				return nil, fmt.Errorf("journal entry %d (%s): %w", w.Seq, w.Path, err)
			}
			seen[w.Path] = true
			out = append(out, target{run: r, rec: w, abs: abs})
		}
	}
	for f := range want {
		if !seen[f] {
			return nil, &UsageError{fmt.Sprintf("%s: no applied change of canonize to roll back", f)}
		}
	}
	if opts.Phase != 0 && len(out) == 0 {
		if runs := h.current(opts.Phase); !slices.ContainsFunc(runs, (*run).live) {
			return nil, &UsageError{fmt.Sprintf("phase %d is %s: nothing to roll back", opts.Phase, phaseState(runs))}
		}
	}
	return out, nil
}

// restorePlan is what to write for one target.
type restorePlan struct {
	target
	content []byte // nil with remove
	remove  bool   // the file did not exist before
	how     string // "restored", "merged", "already", "forced"
	mode    fs.FileMode
	backup  []byte         // the person's content to save first (forced)
	seen    journal.Expect // what the file held when this was decided
	// modeKept: a person changed the file's mode since; it is kept.
	modeKept bool
}

// planRestores decides every file's content before anything is written,
// so that a conflict anywhere writes nothing anywhere.
func planRestores(st *journal.Store, targets []target, force bool) ([]restorePlan, error) {
	var plans []restorePlan
	var conflicts []string
	var report strings.Builder
	for _, t := range targets {
		p := restorePlan{target: t, mode: fs.FileMode(t.rec.Mode)}
		var before []byte
		if t.rec.Before == "" {
			p.remove = true
		} else {
			b, err := st.Snapshot(t.rec.Before)
			if err != nil {
				return nil, fmt.Errorf("journal entry %d (%s): %w", t.rec.Seq, t.rec.Path, err)
			}
			before = b
		}
		after, err := st.Snapshot(t.rec.After)
		if err != nil {
			return nil, fmt.Errorf("journal entry %d (%s): %w", t.rec.Seq, t.rec.Path, err)
		}
		cur, err := os.ReadFile(t.abs)
		p.seen = journal.Expect{Absent: errors.Is(err, os.ErrNotExist), Content: cur}
		switch {
		case errors.Is(err, os.ErrNotExist):
			// The journal's mode is all there is: never give others or
			// the group write access from it.
			p.content, p.how, p.mode = before, "restored", p.mode&^0o022
		case err != nil:
			return nil, err
		case bytes.Equal(cur, before) && !p.remove:
			p.how = "already"
		case bytes.Equal(cur, after):
			p.content, p.how = before, "restored"
			// canonize kept the file's mode; a different one now is a
			// person's chmod, kept like an edit of the content.
			if m := modeOf(st, t.rec.Path, p.mode); m != p.mode {
				p.mode, p.modeKept = m, true
			}
		default:
			p.mode = modeOf(st, t.rec.Path, p.mode)
			merged, cs := journal.Merge3(after, cur, before)
			switch {
			case len(cs) == 0:
				p.content, p.how = merged, "merged"
			case force:
				p.content, p.how, p.backup = before, "forced", cur
			default:
				conflicts = append(conflicts, t.rec.Path)
				report.WriteString(journal.FormatConflicts(t.rec.Path, cs))
			}
		}
		plans = append(plans, p)
	}
	if len(conflicts) > 0 {
		sort.Strings(conflicts)
		return nil, &ConflictError{Report: report.String(), Files: conflicts}
	}
	return plans, nil
}

func execute(st *journal.Store, h *history, opts RollbackOptions, plans []restorePlan) (*RollbackOutcome, error) {
	out := &RollbackOutcome{}
	for _, p := range plans {
		var err error
		if p, err = write(st, p, opts.Force, out); err != nil {
			return out, err
		}
		if err := st.Append(journal.Record{Op: journal.OpRestore, Phase: p.run.phase, Path: p.rec.Path, Note: p.how}); err != nil {
			return out, err
		}
		if p.modeKept {
			out.Modes = append(out.Modes, p.rec.Path)
		}
		switch p.how {
		case "merged":
			out.Merged = append(out.Merged, p.rec.Path)
		case "already":
			out.Already = append(out.Already, p.rec.Path)
		default:
			out.Restored = append(out.Restored, p.rec.Path)
		}
		p.run.restored[p.rec.Path] = true
	}
	// A run whose every write is undone is rolled back as a whole.
	for _, r := range h.runs {
		if !r.live() || r.rolled {
			continue
		}
		all := true
		for _, w := range r.writes {
			all = all && r.restored[w.Path]
		}
		named := opts.All || opts.Phase == r.phase
		if all && (touched(plans, r) || (len(r.writes) == 0 && named)) {
			if err := st.Append(journal.Record{Op: journal.OpRollback, Phase: r.phase}); err != nil {
				return out, err
			}
			r.rolled = true
		}
	}
	for _, l := range [][]string{out.Restored, out.Merged, out.Already, out.Modes} {
		sort.Strings(l)
	}
	return out, nil
}

// write carries out one file's restore. A person who saves the file
// after planRestores read it is never overwritten: the file's restore is
// decided again from what it holds now (a merge, or a conflict that
// stops the rollback with this file and those after it untouched).
func write(st *journal.Store, p restorePlan, force bool, out *RollbackOutcome) (restorePlan, error) {
	var ce *journal.ChangedError
	for try := 0; ; try++ {
		if err := saveBackup(st, p, out); err != nil {
			return p, err
		}
		var err error
		switch {
		case p.how == "already":
		case p.remove && p.content == nil:
			err = st.Remove(p.rec.Path)
		default:
			err = st.ReplaceFile(p.rec.Path, p.seen, p.content, p.mode)
		}
		if !errors.As(err, &ce) || try == maxTries {
			return p, err
		}
		again, err := planRestores(st, []target{p.target}, force)
		if err != nil {
			return p, err
		}
		p = again[0]
	}
}

// saveBackup keeps the person's content a forced restore replaces.
func saveBackup(st *journal.Store, p restorePlan, out *RollbackOutcome) error {
	if p.backup == nil {
		return nil
	}
	hash, err := st.PutSnapshot(p.backup)
	if err != nil {
		return err
	}
	if err := st.Append(journal.Record{Op: journal.OpBackup, Phase: p.run.phase, Path: p.rec.Path, After: hash}); err != nil {
		return err
	}
	out.Backups = append(out.Backups, p.rec.Path+": "+filepath.Join(".canonize", "snapshots", hash))
	return nil
}

func touched(plans []restorePlan, r *run) bool {
	for _, p := range plans {
		if p.run == r {
			return true
		}
	}
	return false
}
