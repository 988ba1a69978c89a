package driver

import (
	"bytes"
	"io/fs"

	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/plan"
)

// Order is the plan's work: each phase's files with their content
// before and after the phase, as apply writes them.
type Order struct {
	Phases []PhaseOrder
}

// PhaseOrder is one phase of an Order.
type PhaseOrder struct {
	Number    int
	Name      string
	Blocked   bool
	BlockedBy []string
	Files     []FileChange // in the plan's order
}

// FileChange is one file's content before and after a phase.
type FileChange struct {
	Path          string
	Before, After []byte
	Mode          fs.FileMode
}

// Phase returns phase n (1-based) or nil.
func (o *Order) Phase(n int) *PhaseOrder {
	if n < 1 || n > len(o.Phases) {
		return nil
	}
	return &o.Phases[n-1]
}

// Changes reports whether the phase has a file to change.
func (ph *PhaseOrder) Changes() bool {
	for _, f := range ph.Files {
		if !bytes.Equal(f.Before, f.After) {
			return true
		}
	}
	return false
}

// order pairs each planned file with its content. A file goes through
// phases 1-3 from Old to New; cleanup starts from where they leave it
// and, unless blocked, ends at Final.
func order(p *plan.Plan, files []*migrate.File) *Order {
	byPath := map[string]*migrate.File{}
	for _, f := range files {
		byPath[f.Source.Rel] = f
	}
	planned := map[string]bool{}
	o := &Order{}
	last := len(p.Phases)
	for _, ph := range p.Phases {
		po := PhaseOrder{Number: ph.Number, Name: ph.Name, Blocked: ph.Blocked, BlockedBy: ph.BlockedBy}
		for _, pf := range ph.Files {
			f := byPath[pf.Path]
			fc := FileChange{Path: pf.Path, Before: f.Old, After: f.New, Mode: f.Mode}
			if ph.Number == last {
				if planned[pf.Path] {
					fc.Before = f.New
				}
				fc.After = fc.Before
				if f.Final != nil && !ph.Blocked {
					fc.After = f.Final
				}
			} else {
				planned[pf.Path] = true
			}
			po.Files = append(po.Files, fc)
		}
		o.Phases = append(o.Phases, po)
	}
	return o
}
