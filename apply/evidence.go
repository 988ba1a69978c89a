package apply

import (
	"slices"
	"time"

	"github.com/canonize/canonize/journal"
)

// Evidence is what the journal recorded of the verification of a
// phase's latest apply: for a reviewer, proof of what was run.
type Evidence struct {
	Phase   int                    `json:"phase"`
	Name    string                 `json:"name"`
	Share   string                 `json:"share,omitempty"` // the owner group applied alone
	State   Condition              `json:"state"`           // of that apply now
	Began   time.Time              `json:"began"`
	Results []journal.Verification `json:"results"`
}

// Evidences returns, for each phase the journal of the module at root
// has applied (oldest phase first), its latest apply's verification;
// none before the first apply. Phases whose latest apply ran nothing
// are listed too, with no results: "nothing was verified" is evidence.
func Evidences(root string) ([]Evidence, error) {
	if !hasJournal(root) {
		return []Evidence{}, nil
	}
	st, err := journal.Open(root)
	if err != nil {
		return nil, err
	}
	h, err := readHistory(st)
	if err != nil {
		return nil, err
	}
	out := []Evidence{}
	var phases []int
	for _, r := range h.runs {
		if !slices.Contains(phases, r.phase) {
			phases = append(phases, r.phase)
		}
	}
	slices.Sort(phases)
	for _, p := range phases {
		r := h.latest(p)
		out = append(out, Evidence{Phase: p, Name: r.name, Share: r.share, State: r.state(), Began: r.began, Results: r.evidence()})
	}
	return out, nil
}

// evidence is the run's verification without bisect's probes.
func (r *run) evidence() []journal.Verification {
	out := []journal.Verification{}
	for _, v := range r.verified {
		if v.Stage != journal.StageBisect {
			out = append(out, v)
		}
	}
	return out
}
