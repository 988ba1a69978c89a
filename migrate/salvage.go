package migrate

import (
	"fmt"
	"go/token"
	"slices"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/rewrite"
)

// salvage keeps what can be kept of a file whose rewrite does not
// type-check: its edits are tried one at a time, in order, each added to
// those kept so far, and an edit is kept when the file's packages (in
// every configuration holding it) still check with it. A replacement
// that is not a drop-in at one site (another result type, say) is then
// refused at that site, with that site's own error, while the file's
// other sites move. contents are the other files as this round renders
// them. It returns the kept edits' indexes and, for the others, why.
func (m *migration) salvage(w *fileWork, contents map[string][]byte) (kept []int, refused map[int]string, err error) {
	refused = map[int]string{}
	trial := make(map[string][]byte, len(contents))
	for k, v := range contents {
		trial[k] = v
	}
	for i := range w.edits {
		src, err := m.renderEdits(w, append(append([]int(nil), kept...), i))
		if err != nil {
			return nil, nil, err
		}
		trial[w.file.Abs] = src
		if why := m.typecheckFile(w.file.Abs, trial)[w.file.Abs]; why != "" {
			refused[i] = why
			continue
		}
		kept = append(kept, i)
	}
	return kept, refused, nil
}

// renderEdits renders the file through phase 3 with only the edits at
// the given indexes.
func (m *migration) renderEdits(w *fileWork, idx []int) ([]byte, error) {
	edits := make([]engine.Edit, len(idx))
	for k, i := range idx {
		edits[k] = w.edits[i]
	}
	spans := make([][2]token.Pos, len(w.exportDel))
	for k, d := range w.exportDel {
		spans[k] = [2]token.Pos{d.start, d.end}
	}
	f := rewrite.TypedFile{Syntax: w.file.Syntax, Info: w.file.Pkg.TypesInfo, Pkg: w.file.Pkg.Types}
	src, err := RenderFile(m.ws.Fset, f, w.old, edits, spans)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", w.file.Rel, err)
	}
	return src, nil
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
func (m *migration) keepSalvaged(w *fileWork, kept []int, refused map[int]string) {
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
