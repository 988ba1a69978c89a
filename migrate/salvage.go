package migrate

import (
	"go/token"
	"slices"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
)

// salvage keeps what can be kept of a file whose rewrite does not
// type-check: its edits are tried one at a time, in order, each added to
// those kept so far, and an edit is kept when the file's packages (in
// every configuration holding it) still check with it. A replacement
// that is not a drop-in at one site (another result type, say) is then
// refused at that site, with that site's own error, while the file's
// other sites move. contents are the other files as this round renders
// them. It returns the kept edits' indexes and, for the others, why.
func (m *migration) salvage(w *fileWork, contents map[string][]byte) (*salvaged, error) {
	sv := &salvaged{refused: map[int]string{}, refusedFix: map[*fixWork]string{}}
	trial := make(map[string][]byte, len(contents))
	for k, v := range contents {
		trial[k] = v
	}
	for i := range w.edits {
		src, err := m.renderEdits(w, append(append([]int(nil), sv.kept...), i))
		if err != nil {
			return nil, err
		}
		trial[w.file.Abs] = src
		if why := m.typecheckFile(w.file.Abs, trial)[w.file.Abs]; why != "" {
			sv.refused[i] = why
			continue
		}
		sv.kept = append(sv.kept, i)
	}
	keptEdits := make([]engine.Edit, len(sv.kept))
	for k, i := range sv.kept {
		keptEdits[k] = w.edits[i]
	}
	for _, f := range w.live() {
		src, err := m.renderWith(w, keptEdits, append(slices.Clone(sv.keptFix), f), w.exportDel)
		if err != nil {
			return nil, err
		}
		trial[w.file.Abs] = src
		if why := m.typecheckFile(w.file.Abs, trial)[w.file.Abs]; why != "" {
			sv.refusedFix[f] = why
			continue
		}
		sv.keptFix = append(sv.keptFix, f)
	}
	return sv, nil
}

// salvaged is what salvage keeps of a file: the indexes of the rules'
// edits and the inliner's fixes that check, and why the others do not.
type salvaged struct {
	kept       []int
	refused    map[int]string
	keptFix    []*fixWork
	refusedFix map[*fixWork]string
}

// reasons maps the sites of w's refused edits and fixes to the error
// each gave when tried on its own, so that a file none of whose changes
// check reports every site with its own error, not the first one's.
func (sv *salvaged) reasons(w *fileWork) map[int]string {
	out := map[int]string{}
	for i, why := range sv.refused {
		out[w.sites[i]] = why
	}
	for f, why := range sv.refusedFix {
		out[f.site] = why
	}
	return out
}

// partial reports whether some but not all of the file's changes are kept.
func (sv *salvaged) partial() bool {
	kept, refused := len(sv.kept)+len(sv.keptFix), len(sv.refused)+len(sv.refusedFix)
	return kept > 0 && refused > 0
}

// renderEdits renders the file through phase 3 with only the rule
// edits at the given indexes and none of the inliner's fixes.
func (m *migration) renderEdits(w *fileWork, idx []int) ([]byte, error) {
	edits := make([]engine.Edit, len(idx))
	for k, i := range idx {
		edits[k] = w.edits[i]
	}
	return m.renderWith(w, edits, nil, w.exportDel)
}

// typecheckFile is typecheck restricted to the package variants that
// hold the file at abs.
func (m *migration) typecheckFile(abs string, contents map[string][]byte) map[string]string {
	var variants []*load.Variant
	for _, v := range m.checkedVariants() {
		if slices.Contains(v.Pkg.CompiledGoFiles, abs) {
			variants = append(variants, v)
		}
	}
	return m.typecheckVariants(variants, contents)
}

// keepSalvaged drops the refused edits of w, turning their sites into
// review sites with their own errors.
func (m *migration) keepSalvaged(w *fileWork, sv *salvaged) {
	kept, refused := sv.kept, sv.refused
	for f, why := range sv.refusedFix {
		f.refused = why
	}
	m.noteRefusedFixes()
	var edits []engine.Edit
	var sites []int
	for _, i := range kept {
		edits = append(edits, w.edits[i])
		sites = append(sites, w.sites[i])
	}
	for i, why := range refused {
		s := &m.res.Sites[w.sites[i]]
		s.Kind, s.Reason = engine.KindReview, why
	}
	for i := range w.edits {
		if why, ok := refused[i]; ok {
			s := m.res.Sites[w.sites[i]]
			m.res.Warnings = append(m.res.Warnings, diag.Diagnostic{Pos: token.Position{Filename: w.file.Rel, Line: s.Line, Column: s.Col}, Msg: "site withheld: " + why})
		}
	}
	w.edits, w.sites = edits, sites
}
