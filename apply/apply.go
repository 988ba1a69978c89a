package apply

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/perfgate"
)

// Options of one apply.
type Options struct {
	Root  string
	Order Order // computed from the tree as it is now
	Phase int
	// Spec names the spec the Order was planned from, for the journal.
	Spec SpecRef
	// Share, with Only, applies one owner group's files of the phase as
	// a transaction of its own (apply --owner): Only lists them.
	Share string
	Only  []string
	// Compliance, if set, is what the plan said of compliance for this
	// phase; the journal keeps it for the burndown over time.
	Compliance *Compliance
	Verify     []string // shell commands, run in Root in order
	// Checks run after the Verify commands, in order (apply
	// --verify-affected's go test runs).
	Checks []Check
	// Bench, if set (with its defaults filled in), is the performance
	// gate: the benchmarks run before anything is written and after,
	// and a slowdown past its threshold fails the verification.
	Bench      *perfgate.Options
	Bisect     bool
	ForceOrder bool
	Stdout     io.Writer // verification output and progress
	Stderr     io.Writer

	// OnDurable, if set, is called at each durability point of the
	// apply, with its number (1, 2, …): after each journal record it
	// appends and after each file it writes. Crash tests stop the
	// process there and kill it; production leaves it nil.
	OnDurable func(point int)

	// Interrupt, if set, delivers SIGINT/SIGTERM: a verification
	// command's whole process group is stopped and the phase is rolled
	// back as a failed verification, returning an *InterruptedError.
	Interrupt <-chan os.Signal
}

// InterruptedError is an apply stopped by a signal; the phase was
// rolled back before it is returned.
type InterruptedError struct{ Signal os.Signal }

func (e *InterruptedError) Error() string { return "interrupted by " + e.Signal.String() }

// Outcome says what an apply did.
type Outcome struct {
	Phase      int
	Name       string
	Written    []string // files left applied
	RolledBack []string // files bisect rolled back
	Nothing    bool     // the phase had nothing to do
}

// VerifyError is a verification command that failed; the phase (or the
// files bisect blamed) was rolled back before it is returned.
type VerifyError struct {
	Command string
	Err     error
	Detail  string
}

func (e *VerifyError) Error() string {
	return fmt.Sprintf("verify %q failed (%v): %s", e.Command, e.Err, e.Detail)
}

// UsageError is a refusal before anything was written (wrong order,
// blocked phase, stale tree, lock held).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// txn is one apply in progress.
type txn struct {
	opts    Options
	st      *journal.Store
	phase   *Phase
	files   []FileChange // the phase's files that change
	written []FileChange
	points  int      // durability points passed, for OnDurable
	kept    []string // what an automatic rollback did with a person's edits
	// bisecting is set once bisect starts: its verifications are
	// recorded but are not durability points.
	bisecting bool
	bench     *bench // the performance gate, with Bench
}

// Apply applies phase opts.Phase of opts.Order as a transaction.
func Apply(opts Options) (*Outcome, error) {
	st, unlock, h, err := openLocked(opts.Root, "apply --phase "+strconv.Itoa(opts.Phase))
	if err != nil {
		return nil, err
	}
	defer unlock()
	ph := opts.Order.Phase(opts.Phase)
	if ph == nil {
		return nil, &UsageError{fmt.Sprintf("no phase %d: the plan has phases 1 to %d", opts.Phase, len(opts.Order.Phases))}
	}
	if err := checkOrder(h, opts, ph); err != nil {
		return nil, err
	}
	t := &txn{opts: opts, st: st, phase: ph, files: ph.Changes()}
	defer t.cleanBench()
	if opts.Share != "" {
		t.files = slices.DeleteFunc(t.files, func(f FileChange) bool { return !slices.Contains(opts.Only, f.Path) })
	}
	out := &Outcome{Phase: ph.Number, Name: ph.Name}
	if len(t.files) == 0 {
		if err := t.record(journal.OpBegin, "", ph.Name); err != nil {
			return nil, err
		}
		out.Nothing = true
		return out, t.record(journal.OpCommit, "", "nothing to do")
	}
	if err := t.checkUnchanged(); err != nil {
		return nil, err
	}
	if err := t.measureBaseline(); err != nil {
		return nil, err
	}
	if err := t.record(journal.OpBegin, "", ph.Name); err != nil {
		return nil, err
	}
	if err := t.recordBaseline(); err != nil {
		return nil, err
	}
	if err := t.writeAll(); err != nil {
		return nil, err
	}
	bad, verr := t.verifyPhase()
	if verr != nil {
		return nil, verr
	}
	for _, f := range t.files {
		if !contains(bad, f.Path) {
			out.Written = append(out.Written, f.Path)
		}
	}
	out.RolledBack = bad
	note := ""
	if len(bad) > 0 {
		note = "bisect rolled back " + strings.Join(bad, ", ")
	}
	return out, t.record(journal.OpCommit, "", note)
}

// openLocked opens the module's state, takes the lock for command,
// clears what a crashed run left and reads the journal.
func openLocked(root, command string) (*journal.Store, func() error, *history, error) {
	st, err := journal.Open(root)
	if err != nil {
		return nil, nil, nil, err
	}
	unlock, err := st.Lock(command)
	if err != nil {
		return nil, nil, nil, lockError(err)
	}
	if _, err := st.CleanTemps(); err != nil {
		unlock()
		return nil, nil, nil, err
	}
	h, err := readHistory(st)
	if err != nil {
		unlock()
		return nil, nil, nil, err
	}
	return st, unlock, h, nil
}

func lockError(err error) error {
	var le *journal.LockedError
	if errors.As(err, &le) {
		return &UsageError{le.Error()}
	}
	return err
}

// checkOrder refuses an applied or interrupted phase, a blocked one, and
// (unless forced) a phase whose predecessors are neither applied nor
// empty in the order.
func checkOrder(h *history, opts Options, ph *Phase) error {
	for _, r := range h.runs {
		if r.state() == Interrupted && h.latest(r.phase) == r {
			return &UsageError{fmt.Sprintf("phase %d (%s) was interrupted: run canonize rollback --phase %d first", r.phase, r.name, r.phase)}
		}
	}
	if s := h.latestSlot(ph.Number, "").state(); s == Applied || s == Partial {
		return &UsageError{fmt.Sprintf("phase %d (%s) is already %s: roll it back first to apply it again", ph.Number, ph.Name, s)}
	}
	if opts.Share != "" {
		if s := h.latestSlot(ph.Number, opts.Share).state(); s == Applied || s == Partial {
			return &UsageError{fmt.Sprintf("phase %d (%s) for %s is already %s: roll back the phase first to apply it again", ph.Number, ph.Name, opts.Share, s)}
		}
	}
	if ph.Blocked {
		return &UsageError{fmt.Sprintf("phase %d (%s) is blocked:\n  %s", ph.Number, ph.Name, strings.Join(ph.BlockedBy, "\n  "))}
	}
	if opts.ForceOrder {
		return nil
	}
	for n := 1; n < ph.Number; n++ {
		prev := opts.Order.Phase(n)
		// Shares applied alone complete a phase only once none is left.
		s := h.latestSlot(n, "").state()
		if s == Applied || s == Partial || len(prev.Changes()) == 0 {
			continue
		}
		return &UsageError{fmt.Sprintf("phase %d (%s) is %s and has files to change: apply it first, or use --force-order", n, prev.Name, describe(h.current(n)))}
	}
	return nil
}

// describe says what state a phase's current runs leave it in, naming
// the owner shares applied alone.
func describe(runs []*run) string {
	var shares []string
	for _, r := range runs {
		if r.share != "" && r.live() {
			shares = append(shares, r.share)
		}
	}
	if len(shares) == 0 {
		return string(phaseState(runs))
	}
	return "applied for " + strings.Join(shares, ", ") + " only"
}

// checkUnchanged refuses files that no longer hold what the plan read.
func (t *txn) checkUnchanged() error {
	var stale []string
	for _, f := range t.files {
		cur, err := readRel(t.st, f.Path)
		if err != nil || !bytes.Equal(cur, f.Before) {
			stale = append(stale, f.Path)
		}
	}
	if len(stale) > 0 {
		return &UsageError{"changed since the plan was computed: " + strings.Join(stale, ", ")}
	}
	return nil
}

func (t *txn) record(op journal.Op, path, note string) error {
	r := journal.Record{Op: op, Phase: t.phase.Number, Path: path, Note: note}
	if op == journal.OpBegin {
		r.Spec, r.SpecHash, r.Share = t.opts.Spec.Path, t.opts.Spec.Hash, t.opts.Share
		if c := t.opts.Compliance; c != nil {
			r.ComplianceBefore, r.ComplianceAfter = &c.Before, &c.After
		}
	}
	if err := t.st.Append(r); err != nil {
		return err
	}
	t.durable()
	return nil
}

// durable counts a durability point and reports it to OnDurable.
func (t *txn) durable() {
	t.points++
	if t.opts.OnDurable != nil {
		t.opts.OnDurable(t.points)
	}
}

// writeAll snapshots, journals and writes every file of the phase. If a
// write fails, the files already written are restored and the phase is
// aborted.
func (t *txn) writeAll() error {
	for _, f := range t.files {
		before, err := t.st.PutSnapshot(f.Before)
		if err != nil {
			return t.abort(fmt.Errorf("snapshot %s: %w", f.Path, err))
		}
		after, err := t.st.PutSnapshot(f.After)
		if err != nil {
			return t.abort(fmt.Errorf("snapshot %s: %w", f.Path, err))
		}
		// Read it once more just before its record and write: an edit
		// saved since the plan was made must not be replaced.
		if cur, err := readRel(t.st, f.Path); err != nil || !bytes.Equal(cur, f.Before) {
			return t.abort(&UsageError{fmt.Sprintf("%s changed since the plan was computed: not written, the phase is undone", f.Path)})
		}
		mode := modeOf(t.st, f.Path, f.Mode)
		rec := journal.Record{Op: journal.OpWrite, Phase: t.phase.Number, Path: f.Path, Before: before, After: after, Mode: uint32(mode)}
		if err := t.st.Append(rec); err != nil {
			return t.abort(err)
		}
		t.durable()
		if err := t.st.ReplaceFile(f.Path, journal.Expect{Content: f.Before}, f.After, mode); err != nil {
			var ce *journal.ChangedError
			if errors.As(err, &ce) {
				return t.abort(&UsageError{fmt.Sprintf("%s changed since the plan was computed: not written, the phase is undone", f.Path)})
			}
			return t.abort(fmt.Errorf("write %s: %w", f.Path, err))
		}
		t.written = append(t.written, f)
		t.durable()
	}
	return nil
}

// abort restores the files written so far and records the abort.
func (t *txn) abort(cause error) error {
	if err := t.restore(t.written, "abort"); err != nil {
		return fmt.Errorf("%w; and restoring the files written failed: %v", cause, err)
	}
	if err := t.record(journal.OpAbort, "", cause.Error()); err != nil {
		return fmt.Errorf("%w; and recording the abort failed: %v", cause, err)
	}
	if len(t.kept) > 0 {
		return fmt.Errorf("%w\n%s", cause, strings.Join(t.kept, "\n"))
	}
	return cause
}

// restore gives files their content from before the phase, newest first.
func (t *txn) restore(files []FileChange, why string) error {
	for i := len(files) - 1; i >= 0; i-- {
		f := files[i]
		how, err := t.restoreOne(f)
		if err != nil {
			return err
		}
		if err := t.st.Append(journal.Record{Op: journal.OpRestore, Phase: t.phase.Number, Path: f.Path, Note: why + how}); err != nil {
			return err
		}
	}
	return nil
}

// restoreOne writes one file's restored content, deciding it again
// when a person saves the file between the decision and the write.
func (t *txn) restoreOne(f FileChange) (string, error) {
	var ce *journal.ChangedError
	kept := len(t.kept)
	for try := 0; ; try++ {
		t.kept = t.kept[:kept] // a decision made again says it again
		content, seen, how, err := t.restoredContent(f)
		if err != nil {
			return "", err
		}
		err = t.st.ReplaceFile(f.Path, seen, content, modeOf(t.st, f.Path, f.Mode))
		if !errors.As(err, &ce) || try == maxTries {
			return how, err
		}
	}
}

// maxTries bounds how often a write is decided again because a person
// keeps saving the file.
const maxTries = 5

// restoredContent is what an automatic rollback writes back: the
// content from before the phase, unless a person edited the file since
// canonize wrote it (while verification ran, say). Then canonize's own
// change is reversed by the three-way merge rollback uses and the edit
// is kept; if the edit conflicts with that change, the person's content
// is first saved as a snapshot (a backup record names it) and the file
// restored. Either way t.kept tells the person.
// It also returns what the file held when decided, for ReplaceFile.
func (t *txn) restoredContent(f FileChange) ([]byte, journal.Expect, string, error) {
	cur, err := readRel(t.st, f.Path)
	seen := journal.Expect{Absent: errors.Is(err, os.ErrNotExist), Content: cur}
	if err != nil || bytes.Equal(cur, f.After) || bytes.Equal(cur, f.Before) {
		return f.Before, seen, "", nil
	}
	merged, conflicts := journal.Merge3(f.After, cur, f.Before)
	if len(conflicts) == 0 {
		t.kept = append(t.kept, f.Path+": edited while canonize ran; the edit is kept and canonize's change reversed (three-way merge)")
		return merged, seen, " (merged)", nil
	}
	hash, err := t.st.PutSnapshot(cur)
	if err != nil {
		return nil, seen, "", err
	}
	if err := t.st.Append(journal.Record{Op: journal.OpBackup, Phase: t.phase.Number, Path: f.Path, After: hash}); err != nil {
		return nil, seen, "", err
	}
	t.kept = append(t.kept, fmt.Sprintf("%s: edited while canonize ran, in conflict with canonize's change; your content is saved in %s and the file is as before the phase",
		f.Path, filepath.Join(".canonize", "snapshots", hash)))
	return f.Before, seen, " (conflict: saved first)", nil
}

// setApplied writes each file's after or before content so that exactly
// the files in on are applied (bisect's probes; no journal records: each
// file holds its before or after content, which recovery handles).
func (t *txn) setApplied(on map[string]bool) error {
	for _, f := range t.files {
		want := f.Before
		if on[f.Path] {
			want = f.After
		}
		cur, rerr := readRel(t.st, f.Path)
		if rerr == nil && bytes.Equal(cur, want) {
			continue
		}
		if rerr == nil && !bytes.Equal(cur, f.Before) && !bytes.Equal(cur, f.After) {
			// A person edited it during verification: bisecting would
			// overwrite the edit. Stop; the abort merges it back.
			return fmt.Errorf("%s changed while verification ran: bisect stopped", f.Path)
		}
		if err := t.st.ReplaceFile(f.Path, journal.Expect{Content: cur, Absent: rerr != nil}, want, modeOf(t.st, f.Path, f.Mode)); err != nil {
			var ce *journal.ChangedError
			if errors.As(err, &ce) {
				return fmt.Errorf("%s changed while verification ran: bisect stopped", f.Path)
			}
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
