package migrate

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/rewrite"
)

// render computes each file's content through phase 3 (or through phase
// 4 when cleanup is set) and returns the files that change.
func (m *migration) render(cleanup bool) (map[string][]byte, error) {
	out := map[string][]byte{}
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, abs := range slices.Sorted(maps.Keys(m.work)) {
		w := m.work[abs]
		if w.withheld != "" || w.old == nil {
			continue
		}
		g.Go(func() error {
			src, changed, err := m.renderOne(w, cleanup)
			if err != nil || !changed {
				return err
			}
			mu.Lock()
			out[abs] = src
			mu.Unlock()
			return nil
		})
	}
	return out, g.Wait()
}

// renderOne rewrites one file through phase 3 (or 4) and stores it in w.
func (m *migration) renderOne(w *fileWork, cleanup bool) ([]byte, bool, error) {
	dels := w.exportDel
	if cleanup {
		dels = append(append([]deletion(nil), dels...), w.cleanDel...)
	}
	if len(w.edits) == 0 && len(dels) == 0 && len(w.live()) == 0 {
		if !cleanup {
			w.new = w.old
		}
		return nil, false, nil
	}
	src, err := m.renderWith(w, w.edits, w.live(), dels)
	if err != nil {
		return nil, false, err
	}
	if cleanup {
		w.final = src
	} else {
		w.new = src
	}
	return src, !bytes.Equal(src, w.old), nil
}

// renderWith renders w with the given rule edits, inliner fixes and
// deletions.
func (m *migration) renderWith(w *fileWork, edits []engine.Edit, fixes []*fixWork, dels []deletion) ([]byte, error) {
	spans := make([][2]token.Pos, len(dels))
	for i, d := range dels {
		spans[i] = [2]token.Pos{d.start, d.end}
	}
	f := rewrite.TypedFile{Syntax: w.file.Syntax, Info: w.file.Pkg.TypesInfo, Pkg: w.file.Pkg.Types}
	lits, adds := literal(fixes)
	src, err := renderFile(m.ws.Fset, f, w.old, edits, spans, lits, adds)
	if err == nil && len(lits) > 0 {
		src, err = tidyImports(src, w.file.Pkg.Types)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", w.file.Rel, err)
	}
	return src, nil
}

// RenderFile returns src, the content of f, with the engine's edits
// (their qualifiers decided for the whole file) and the deletions of
// the declarations spanning dels applied, imports gained and lost.
func RenderFile(fset *token.FileSet, f rewrite.TypedFile, src []byte, edits []engine.Edit, dels [][2]token.Pos) ([]byte, error) {
	return renderFile(fset, f, src, edits, dels, nil, nil)
}

// renderFile is RenderFile with literal edits (the inliner's) and the
// imports they need besides.
func renderFile(fset *token.FileSet, f rewrite.TypedFile, src []byte, edits []engine.Edit, dels [][2]token.Pos, lits []rewrite.Edit, adds []rewrite.Import) ([]byte, error) {
	var dropped [][2]token.Pos
	needs := make([]rewrite.QualNeed, len(edits))
	names := map[string]string{}
	for i, e := range edits {
		dropped = append(dropped, e.Dropped...)
		needs[i] = rewrite.QualNeed{Pos: e.Pos, Syms: e.Rule.Replace.Symbols}
		for p, n := range e.Rule.PkgNames {
			names[p] = n
		}
	}
	offset := func(p token.Pos) int { return fset.Position(p).Offset }
	spans := make([][2]int, len(dels))
	for i, d := range dels {
		dropped = append(dropped, d)
		spans[i] = [2]int{offset(d[0]), offset(d[1])}
	}
	quals, change := rewrite.Qualify(f, needs, names, dropped)
	var lines [][2]int // statements deleted with their lines
	out := make([]rewrite.Edit, 0, len(edits)+len(dels))
	for i, e := range edits {
		if e.Delete && rewrite.AloneOnLines(src, e.Start, e.End) {
			lines = append(lines, [2]int{e.Start, e.End})
			continue
		}
		ed := e.Edit
		ed.Quals = quals[i]
		out = append(out, ed)
		if e.Prelude != nil {
			pre := *e.Prelude
			pre.Quals = quals[i]
			out = append(out, pre)
		}
	}
	out = append(append(out, lits...), rewrite.Deletions(src, spans)...)
	out = append(out, rewrite.LineDeletions(src, lines)...)
	return renderLiterals(src, out, change, f.Syntax.Imports, importNames(f.Pkg), lits, adds)
}

// renderLiterals applies edits and the import change to src, with the
// inliner's literal edits among them and the imports they add; names
// gives the package names of import paths.
func renderLiterals(src []byte, edits []rewrite.Edit, change rewrite.ImportChange, imports []*ast.ImportSpec, names map[string]string, lits []rewrite.Edit, adds []rewrite.Import) ([]byte, error) {
	change = withLiterals(change, imports, names, lits, adds)
	if len(lits) > 0 {
		// The inliner's text may leave imports unused that the rules'
		// analysis cannot see: find them on the code as edited.
		body, err := rewrite.File(src, edits, rewrite.ImportChange{})
		if err != nil {
			return nil, err
		}
		change.Remove = appendUnused(change, body.Src, names)
	}
	res, err := rewrite.File(src, edits, change)
	if err != nil {
		return nil, err
	}
	return res.Src, nil
}
