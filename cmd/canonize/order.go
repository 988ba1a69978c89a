package main

import (
	"io/fs"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/plan"
)

// orderOf turns the plan into the work order apply consumes: every
// phase, with each file's content before and after. apply reads nothing
// else of the plan (tiers, reasons, sites and compliance are for people).
func orderOf(p *plan.Plan) apply.Order {
	o := apply.Order{Phases: make([]apply.Phase, 0, len(p.Phases))}
	for _, ph := range p.Phases {
		o.Phases = append(o.Phases, phaseOf(ph))
	}
	return o
}

func phaseOf(ph *plan.Phase) apply.Phase {
	out := apply.Phase{Number: ph.Number, Name: ph.Name, Blocked: ph.Blocked, BlockedBy: ph.BlockedBy}
	for _, f := range ph.Files {
		out.Files = append(out.Files, apply.FileChange{Path: f.Path, Before: f.Before, After: f.After, Mode: fs.FileMode(f.Mode)})
	}
	return out
}
