package apply

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/canonize/canonize/journal"
)

// Phase and file states.
const (
	Pending     = "pending"
	Applied     = "applied"
	Partial     = "partial"
	RolledBack  = "rolled-back"
	Interrupted = "interrupted"
	Modified    = "modified"
	Missing     = "missing"
)

// run is one apply of a phase, from its begin record on.
type run struct {
	phase     int
	name      string
	begin     int // seq of the begin record
	writes    []journal.Record
	restored  map[string]bool
	committed bool
	aborted   bool
	rolled    bool
	note      string
}

// history is the journal read back: every run, oldest first.
type history struct {
	runs []*run
}

func readHistory(st *journal.Store) (*history, error) {
	recs, err := st.Records()
	if err != nil {
		return nil, err
	}
	h := &history{}
	open := map[int]*run{} // phase -> its latest run
	for _, r := range recs {
		switch r.Op {
		case "begin":
			ru := &run{phase: r.Phase, name: r.Note, begin: r.Seq, restored: map[string]bool{}}
			h.runs = append(h.runs, ru)
			open[r.Phase] = ru
		case "write":
			if ru := open[r.Phase]; ru != nil {
				ru.writes = append(ru.writes, r)
			}
		case "commit":
			if ru := open[r.Phase]; ru != nil {
				ru.committed, ru.note = true, r.Note
			}
		case "abort":
			if ru := open[r.Phase]; ru != nil {
				ru.aborted, ru.note = true, r.Note
			}
		case "restore":
			if ru := open[r.Phase]; ru != nil {
				ru.restored[r.Path] = true
			}
		case "rollback":
			if ru := open[r.Phase]; ru != nil {
				ru.rolled = true
			}
		}
	}
	return h, nil
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

// state of a run, as the package doc defines it.
func (r *run) state() string {
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
	s := r.state()
	return s == Applied || s == Partial || s == Interrupted
}

// PhaseState is one phase in the journal.
type PhaseState struct {
	Number int    `json:"number"`
	Name   string `json:"name"`
	State  string `json:"state"`
	Files  int    `json:"files"`
	Note   string `json:"note,omitempty"`
}

// FileState is one file written by a phase.
type FileState struct {
	Path  string `json:"path"`
	Phase int    `json:"phase"`
	State string `json:"state"`
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
	st, err := journal.Open(root)
	if err != nil {
		return nil, err
	}
	h, err := readHistory(st)
	if err != nil {
		return nil, err
	}
	out := &State{}
	n := len(names)
	for _, r := range h.runs {
		n = max(n, r.phase)
	}
	for p := 1; p <= n; p++ {
		r := h.latest(p)
		ps := PhaseState{Number: p, State: r.state()}
		if p <= len(names) {
			ps.Name = names[p-1]
		}
		if r != nil {
			ps.Name, ps.Files, ps.Note = r.name, len(r.writes), r.note
			out.Files = append(out.Files, fileStates(st, r)...)
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
		fs := FileState{Path: w.Path, Phase: r.phase}
		switch cur, err := readRel(st, w.Path); {
		case r.restored[w.Path] || r.aborted || r.rolled:
			fs.State = RolledBack
		case errors.Is(err, os.ErrNotExist):
			fs.State = Missing
		case err != nil:
			fs.State = "unreadable: " + err.Error()
		case journal.HashOf(cur) == w.After:
			fs.State = Applied
		case journal.HashOf(cur) == w.Before:
			fs.State = Pending
		default:
			fs.State = Modified
		}
		out = append(out, fs)
	}
	return out
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
	return info.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
}

// CleanedUp reports whether a cleanup phase is applied in the journal of
// the module at root: the deprecated API it deleted is then gone.
func CleanedUp(root string) bool {
	if !hasJournal(root) {
		return false
	}
	st, err := journal.Open(root)
	if err != nil {
		return false
	}
	h, err := readHistory(st)
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
