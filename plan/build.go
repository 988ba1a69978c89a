package plan

import (
	"go/token"
	"sort"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/owners"
	"github.com/canonize/canonize/spec"
)

// Input is what the plan is decided from.
type Input struct {
	Spec    *spec.Spec
	Rules   *engine.Rules
	Sites   []engine.Site   // sorted by path, line, col
	Files   []*migrate.File // sorted by path
	Cleanup migrate.Cleanup
	// Graph maps each module package to the module packages it imports,
	// for fan-in.
	Graph map[string][]string
	// Owners says who reviews each file; nil when nobody is named.
	Owners *owners.Rules
}

// Build sorts the changed files into phases with tiers and projected
// compliance. Problems are files it could not place.
func Build(in Input) (*Plan, []diag.Diagnostic) {
	b := &builder{in: in, fanIn: countImporters(in.Graph), cleanup: in.Cleanup}
	b.cleanup.BlockedBy = append([]string(nil), in.Cleanup.BlockedBy...)
	p := &Plan{Name: in.Spec.Name, Verify: in.Spec.Verify, Sites: in.Sites, Compliance: compliance(in.Sites)}
	if !in.Owners.Empty() {
		p.OwnersFrom = in.Owners.Source
	}
	phases := b.phases()
	cleanup := phases[len(phases)-1]
	phaseOf := map[string]int{} // path -> phase of its exports/production/tests change
	for _, f := range in.Files {
		if !f.Changed() {
			continue
		}
		n := b.phaseFor(f)
		if n == 0 {
			b.noPhase(f)
			continue
		}
		phaseOf[f.Source.Rel] = n
		phases[n-1].Files = append(phases[n-1].Files, b.planFile(f, false))
	}
	// Cleanup lists the files holding deprecated declarations even when
	// it is blocked.
	for _, f := range in.Files {
		if len(f.CleanupDeletes) > 0 {
			cleanup.Files = append(cleanup.Files, b.planFile(f, true))
		}
	}
	for _, ph := range phases {
		sortFiles(ph.Files)
		ph.Shares = shares(ph)
		ph.Shapes = []Shape{}
		if ph != cleanup {
			ph.Shapes = shapesOf(ph.Files, in.Sites, in.Rules)
		}
	}
	cleanup.Blocked, cleanup.BlockedBy = b.cleanup.Blocked, b.cleanup.BlockedBy
	b.projectCompliance(phases, phaseOf)
	p.Phases = phases
	return p, b.problems
}

// builder is the state of one Build.
type builder struct {
	in       Input
	fanIn    map[string]int
	cleanup  migrate.Cleanup
	problems []diag.Diagnostic
}

// phases are the spec's phases (or the default three) and cleanup, empty.
func (b *builder) phases() []*Phase {
	phases := []*Phase{{Number: 1, Name: spec.Exports.String()}, {Number: 2, Name: spec.Production.String()},
		{Number: 3, Name: spec.Tests.String()}}
	if len(b.in.Spec.Phases) > 0 {
		phases = nil
		for i, sel := range b.in.Spec.Phases {
			phases = append(phases, &Phase{Number: i + 1, Name: sel.Name})
		}
	}
	return append(phases, &Phase{Number: len(phases) + 1, Name: spec.Cleanup.String()})
}

// noPhase reports a changed file no phase selects; its references stay,
// so the deprecated API cannot go.
func (b *builder) noPhase(f *migrate.File) {
	const why = "matches no phase of the spec's phases: list; not planned"
	b.problems = append(b.problems, diag.Diagnostic{Pos: token.Position{Filename: f.Source.Rel}, Msg: why})
	b.cleanup.Blocked = true
	b.cleanup.BlockedBy = append(b.cleanup.BlockedBy, f.Source.Rel+": "+why)
}

// sortFiles orders a phase low tier first, then by path.
func sortFiles(fs []*PlanFile) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Tier != fs[j].Tier {
			return fs[i].Tier < fs[j].Tier
		}
		return fs[i].Path < fs[j].Path
	})
}

// defaultPhase is the phase of the default policy a changed file is in.
func defaultPhase(f *migrate.File) spec.PhaseKind {
	switch {
	case f.ViaExport || len(f.ExportDeletes) > 0:
		return spec.Exports
	case f.Source.Test:
		return spec.Tests
	}
	return spec.Production
}

// phaseFor numbers the phase of a changed file: by the default policy,
// or the first of the spec's selectors that matches it (0 if none).
func (b *builder) phaseFor(f *migrate.File) int {
	kind := defaultPhase(f)
	if len(b.in.Spec.Phases) == 0 {
		switch kind {
		case spec.Exports:
			return 1
		case spec.Production:
			return 2
		case spec.Tests:
			return 3
		case spec.Cleanup:
		}
		return 0
	}
	for i, sel := range b.in.Spec.Phases {
		if sel.Kind != "" && sel.Kind != kind {
			continue
		}
		if len(sel.Packages) > 0 && matchPackage(sel.Packages, f.Source.Rel) == "" {
			continue
		}
		if len(sel.Files) > 0 && !matchAnyGlob(sel.Files, f.Source.Rel) {
			continue
		}
		return i + 1
	}
	return 0
}
