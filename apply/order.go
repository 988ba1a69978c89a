package apply

import (
	"bytes"
	"io/fs"
)

// Order is the work apply is given: every phase of the migration, in
// order, with the content each file has now and should have after. It
// is apply's own input, not a plan: whoever decides what changes
// converts its result to an Order, and apply needs nothing else from it.
type Order struct {
	// Phases[i] is phase i+1. Every phase is listed, even one with
	// nothing to change, so that apply can check the order of phases.
	Phases []Phase
}

// Phase is one phase of an Order.
type Phase struct {
	Number    int
	Name      string
	Blocked   bool     // the phase may not be applied
	BlockedBy []string // why, one reason a line, for the refusal
	Files     []FileChange
}

// FileChange is one file of a phase. A file whose Before and After are
// equal is not written.
type FileChange struct {
	Path   string // slash path relative to the module root
	Before []byte // the content the file must still have, checked before writing
	After  []byte
	// Mode is used when the file's own mode cannot be read; an existing
	// file keeps its mode.
	Mode fs.FileMode
}

// Phase returns phase n, or nil.
func (o *Order) Phase(n int) *Phase {
	if n < 1 || n > len(o.Phases) {
		return nil
	}
	return &o.Phases[n-1]
}

// Changes returns the files of the phase that change.
func (ph *Phase) Changes() []FileChange {
	var out []FileChange
	for _, f := range ph.Files {
		if !bytes.Equal(f.Before, f.After) {
			out = append(out, f)
		}
	}
	return out
}
