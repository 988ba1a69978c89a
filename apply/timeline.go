package apply

import (
	"time"
)

// Compliance is what the plan said of compliance, in percent, when a
// phase was applied.
type Compliance struct {
	Before float64 `json:"before"` // measured in the tree before the phase
	After  float64 `json:"after"`  // projected once the phase is kept
}

// Commit is one apply of a phase that committed, as the journal tells
// it: the points of a burndown over time.
type Commit struct {
	Phase     int       `json:"phase"`
	Name      string    `json:"name"`
	State     Condition `json:"state"` // now: applied, partial or rolled-back
	Began     time.Time `json:"began"`
	Committed time.Time `json:"committed"`
	// Undone is when a rollback last restored one of its files (or
	// rolled it back whole); zero if none did.
	Undone time.Time `json:"undone,omitzero"`
	// Compliance is nil for a phase applied by a canonize that did not
	// record it.
	Compliance *Compliance `json:"compliance,omitempty"`
}

// Timeline returns every apply that committed in the journal of the
// module at root, oldest first; none when nothing was applied. Aborted
// and interrupted applies never completed and are left out.
func Timeline(root string) ([]Commit, error) {
	if !hasJournal(root) {
		return nil, nil
	}
	_, h, err := openHistory(root)
	if err != nil {
		return nil, err
	}
	var out []Commit
	for _, r := range h.runs {
		if !r.committed {
			continue
		}
		out = append(out, Commit{Phase: r.phase, Name: r.name, State: r.state(), Began: r.began,
			Committed: r.committedAt, Undone: r.undone, Compliance: r.compliance})
	}
	return out, nil
}
