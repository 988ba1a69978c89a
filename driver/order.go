package driver

import (
	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/plan"
)

// order pairs each planned file with its content. A file goes through
// phases 1-3 from Old to New; cleanup starts from where they leave it
// and, unless blocked, ends at Final.
func order(p *plan.Plan, files []*migrate.File) apply.Order {
	byPath := map[string]*migrate.File{}
	for _, f := range files {
		byPath[f.Source.Rel] = f
	}
	planned := map[string]bool{}
	var o apply.Order
	last := len(p.Phases)
	for _, ph := range p.Phases {
		po := apply.Phase{Number: ph.Number, Name: ph.Name, Blocked: ph.Blocked, BlockedBy: ph.BlockedBy}
		for _, pf := range ph.Files {
			f := byPath[pf.Path]
			fc := apply.FileChange{Path: pf.Path, Before: f.Old, After: f.New, Mode: f.Mode}
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

// NextPhase is the plan's next step: the first phase that is not
// blocked and still has a file to change, or nil.
func (r *Result) NextPhase() *plan.Phase {
	for i, ph := range r.Plan.Phases {
		if !ph.Blocked && len(r.Order.Phases[i].Changes()) > 0 {
			return ph
		}
	}
	return nil
}

// PhaseCompliance is what the plan says of compliance for phase n, for
// the journal: measured now, projected once the phase is kept; nil for
// a phase the plan does not have.
func (r *Result) PhaseCompliance(n int) *apply.Compliance {
	ph := r.Plan.Phase(n)
	if ph == nil {
		return nil
	}
	return &apply.Compliance{Before: r.Plan.Compliance.Percent, After: ph.ComplianceAfter}
}
