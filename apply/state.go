package apply

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/canonize/canonize/journal"
)

// Condition is the state of a phase, or of a file a phase wrote, as the
// package doc defines them: one of the constants below, or, for a file
// that cannot be read, "unreadable: " and the error. (It is not called
// Status or State: those name the function and the struct of the whole.)
type Condition string

// The conditions.
const (
	Pending     Condition = "pending"
	Applied     Condition = "applied"
	Partial     Condition = "partial"
	RolledBack  Condition = "rolled-back"
	Interrupted Condition = "interrupted"
	Modified    Condition = "modified"
	Missing     Condition = "missing"
)

// unreadable is the condition of a file that could not be read.
func unreadable(err error) Condition { return Condition("unreadable: " + err.Error()) }

// run is one apply of a phase, from its begin record on.
type run struct {
	phase     int
	share     string // the owner group applied alone; "" for the whole phase
	name      string
	begin     int // seq of the begin record
	writes    []journal.Record
	restored  map[string]bool
	committed bool
	aborted   bool
	rolled    bool
	note      string
	// For the timeline: when the run began, committed and was last
	// restored or rolled back, and the compliance its begin recorded.
	began, committedAt, undone time.Time
	compliance                 *Compliance
	verified                   []journal.Verification // every verify record, in order
}

// history is the journal read back: every run, oldest first.
type history struct {
	runs []*run
	open map[int]*run // phase -> its latest run, while reading
}

func readHistory(st *journal.Store) (*history, error) {
	recs, err := st.Records()
	if err != nil {
		return nil, err
	}
	h := &history{open: map[int]*run{}}
	for _, r := range recs {
		if err := h.add(r); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// openHistory opens the journal of the module at root, without taking
// the lock, and reads it back: what the read-only commands need.
func openHistory(root string) (*journal.Store, *history, error) {
	st, err := journal.Open(root)
	if err != nil {
		return nil, nil, err
	}
	h, err := readHistory(st)
	if err != nil {
		return nil, nil, err
	}
	return st, h, nil
}

// add applies one record to the history. Records before any begin of
// their phase belong to no run and are skipped, as they always were.
func (h *history) add(r journal.Record) error {
	ru := h.open[r.Phase]
	switch r.Op {
	case journal.OpBegin:
		ru = &run{phase: r.Phase, share: r.Share, name: r.Note, begin: r.Seq, restored: map[string]bool{}, began: r.Time}
		if r.ComplianceBefore != nil && r.ComplianceAfter != nil {
			ru.compliance = &Compliance{Before: *r.ComplianceBefore, After: *r.ComplianceAfter}
		}
		h.runs = append(h.runs, ru)
		h.open[r.Phase] = ru
	case journal.OpWrite:
		if r.Path == "" || r.Before == "" || r.After == "" {
			// canonize only ever replaces existing files: a write with no
			// before would make rollback delete the file.
			return fmt.Errorf("journal entry %d: %w: a write record needs a path and before and after snapshots", r.Seq, journal.ErrCorrupt)
		}
		if ru != nil {
			ru.writes = append(ru.writes, r)
		}
	case journal.OpCommit:
		if ru != nil {
			ru.committed, ru.note, ru.committedAt = true, r.Note, r.Time
		}
	case journal.OpAbort:
		if ru != nil {
			ru.aborted, ru.note = true, r.Note
		}
	case journal.OpRestore:
		if ru != nil {
			ru.restored[r.Path] = true
			if ru.committed { // bisect's restores come before the commit
				ru.undone = r.Time
			}
		}
	case journal.OpRollback:
		if ru != nil {
			ru.rolled, ru.undone = true, r.Time
		}
	case journal.OpVerify:
		if ru != nil && r.Verify != nil {
			ru.verified = append(ru.verified, *r.Verify)
		}
	case journal.OpBackup:
		// A person's content saved before rollback --force: the restore
		// record that follows it is what changes the run's state.
	default:
		// Records refuses unknown ops, so this is an Op added to package
		// journal without teaching this switch its meaning.
		return fmt.Errorf("journal entry %d: op %v has no meaning in apply", r.Seq, r.Op)
	}
	return nil
}

// latest returns the newest run of a phase, or nil.
func (h *history) latest(phase int) *run {
	for i := len(h.runs) - 1; i >= 0; i-- {
		if h.runs[i].phase == phase {
			return h.runs[i]
		}
	}
	return nil
}

// latestSlot returns the newest run of a phase for one owner share (""
// for runs of the whole phase), or nil.
func (h *history) latestSlot(phase int, share string) *run {
	for i := len(h.runs) - 1; i >= 0; i-- {
		if r := h.runs[i]; r.phase == phase && r.share == share {
			return r
		}
	}
	return nil
}

// current returns, oldest first, the newest run of the phase for each
// share it was applied as (the whole phase being one): what status
// shows and rollback --phase undoes.
func (h *history) current(phase int) []*run {
	var out []*run
	for _, r := range h.runs {
		if r.phase == phase && h.latestSlot(phase, r.share) == r {
			out = append(out, r)
		}
	}
	return out
}

// phaseState sums up the current runs of a phase: their common state,
// or partial when some are live and others not.
func phaseState(runs []*run) Condition {
	if len(runs) == 0 {
		return Pending
	}
	s, live := runs[0].state(), false
	same := true
	for _, r := range runs {
		same = same && r.state() == s
		live = live || r.live()
	}
	switch {
	case same:
		return s
	case live:
		return Partial
	}
	return RolledBack
}

// state of a run, as the package doc defines it.
func (r *run) state() Condition {
	if r == nil {
		return Pending
	}
	restored := 0
	for _, w := range r.writes {
		if r.restored[w.Path] {
			restored++
		}
	}
	switch {
	case r.aborted || r.rolled || (len(r.writes) > 0 && restored == len(r.writes)):
		return RolledBack
	case !r.committed:
		return Interrupted
	case restored > 0:
		return Partial
	}
	return Applied
}

// live reports whether the run's changes may still be in the tree.
func (r *run) live() bool {
	switch r.state() {
	case Applied, Partial, Interrupted:
		return true
	case Pending, RolledBack, Modified, Missing:
		// A run's state is one of the five above; Modified and Missing
		// describe files, never runs.
		return false
	}
	return false
}

// PhaseState is one phase in the journal.
type PhaseState struct {
	Number int       `json:"number"`
	Name   string    `json:"name"`
	State  Condition `json:"state"`
	Files  int       `json:"files"`
	Note   string    `json:"note,omitempty"`
	// Shares lists the owner groups applied alone (apply --owner) whose
	// changes are in the tree; empty when the phase was applied whole.
	Shares []string `json:"shares"`
	// Verified is the verification of the phase's latest apply, as the
	// journal recorded it (bisect's probes left out); empty when none ran.
	Verified []journal.Verification `json:"verified"`
}

// FileState is one file written by a phase.
type FileState struct {
	Path  string    `json:"path"`
	Phase int       `json:"phase"`
	State Condition `json:"state"`
}

// State is what the journal says of the tree, checked against the disk.
type State struct {
	Phases []PhaseState `json:"phases"`
	Files  []FileState  `json:"files"`
	Lock   string       `json:"lock,omitempty"` // the holder, when the lock is taken
}

// Status reads the journal of the module at root and checks every file
// it wrote against the disk. names gives the plan's phase names, used
// for phases the journal has not seen.
func Status(root string, names []string) (*State, error) {
	if !hasJournal(root) {
		// Nothing applied yet; a read-only command creates no state.
		out := &State{}
		for i, n := range names {
			out.Phases = append(out.Phases, PhaseState{Number: i + 1, Name: n, State: Pending})
		}
		return out, nil
	}
	st, h, err := openHistory(root)
	if err != nil {
		return nil, err
	}
	out := &State{}
	n := len(names)
	for _, r := range h.runs {
		n = max(n, r.phase)
	}
	for p := 1; p <= n; p++ {
		runs := h.current(p)
		ps := PhaseState{Number: p, State: phaseState(runs)}
		if p <= len(names) {
			ps.Name = names[p-1]
		}
		ps.Verified = []journal.Verification{}
		if r := h.latest(p); r != nil {
			ps.Name, ps.Note, ps.Verified = r.name, r.note, r.evidence()
		}
		for _, r := range runs {
			ps.Files += len(r.writes)
			out.Files = append(out.Files, fileStates(st, r)...)
			if r.share != "" && r.live() {
				ps.Shares = append(ps.Shares, r.share)
			}
		}
		out.Phases = append(out.Phases, ps)
	}
	sort.SliceStable(out.Files, func(i, j int) bool { return out.Files[i].Path < out.Files[j].Path })
	if unlock, err := st.Lock("status"); err != nil {
		var le *journal.LockedError
		if errors.As(err, &le) {
			out.Lock = le.Error()
		}
	} else {
		unlock()
	}
	return out, nil
}

func fileStates(st *journal.Store, r *run) []FileState {
	var out []FileState
	for _, w := range r.writes {
		out = append(out, FileState{Path: w.Path, Phase: r.phase, State: fileCondition(st, r, w)})
	}
	return out
}

// fileCondition checks the file of write record w of run r against the disk.
func fileCondition(st *journal.Store, r *run, w journal.Record) Condition {
	if r.restored[w.Path] || r.aborted || r.rolled {
		return RolledBack
	}
	// Rollback will need both snapshots: say now if one is damaged.
	for _, h := range []string{w.Before, w.After} {
		if h == "" {
			continue
		}
		if _, err := st.Snapshot(h); err != nil {
			return Condition("corrupt snapshot: " + err.Error())
		}
	}
	cur, err := readRel(st, w.Path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return Missing
	case err != nil:
		return unreadable(err)
	case journal.HashOf(cur) == w.After:
		return Applied
	case journal.HashOf(cur) == w.Before:
		return Pending
	}
	return Modified
}

// readRel reads a journaled path after checking it stays in the root.
func readRel(st *journal.Store, rel string) ([]byte, error) {
	abs, err := st.Resolve(rel)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(abs)
}

// modeOf returns the permission bits of the file at rel, or def.
func modeOf(st *journal.Store, rel string, def fs.FileMode) fs.FileMode {
	abs, err := st.Resolve(rel)
	if err != nil {
		return def
	}
	info, err := os.Stat(abs)
	if err != nil {
		return def
	}
	return info.Mode() & fs.ModePerm
}

// CleanedUp reports whether a cleanup phase is applied in the journal of
// the module at root: the deprecated API it deleted is then gone.
func CleanedUp(root string) bool {
	if !hasJournal(root) {
		return false
	}
	_, h, err := openHistory(root)
	if err != nil {
		return false
	}
	for _, r := range h.runs {
		if r.name == "cleanup" && h.latest(r.phase) == r {
			s := r.state()
			return s == Applied || s == Partial
		}
	}
	return false
}

// hasJournal reports whether the module at root has canonize state.
func hasJournal(root string) bool {
	_, err := os.Stat(filepath.Join(root, ".canonize", "journal.jsonl"))
	return err == nil
}
