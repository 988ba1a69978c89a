package apply

import (
	"github.com/canonize/canonize/journal"
)

// SpecRef names a spec in the journal: its path (slash, relative to the
// module root, or absolute outside it) and the sha256 of its content.
// The zero value names none (the default spec of a tree without one).
type SpecRef struct {
	Path  string
	Hash  string
	Phase int // in RecordedSpec's answer: the phase whose begin named it
}

// RecordedSpec returns the spec the latest phase applied named, so that
// status needs no -f; the zero SpecRef when the journal names none.
func RecordedSpec(root string) (SpecRef, error) {
	if !hasJournal(root) {
		return SpecRef{}, nil
	}
	st, err := journal.Open(root)
	if err != nil {
		return SpecRef{}, err
	}
	recs, err := st.Records()
	if err != nil {
		return SpecRef{}, err
	}
	var out SpecRef
	for _, r := range recs {
		if r.Op == journal.OpBegin && r.Spec != "" {
			out = SpecRef{Path: r.Spec, Hash: r.SpecHash, Phase: r.Phase}
		}
	}
	return out, nil
}
