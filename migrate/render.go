package migrate

import (
	"bytes"
	"fmt"
	"go/token"
	"maps"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/sync/errgroup"

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
	if len(w.edits) == 0 && len(dels) == 0 {
		if !cleanup {
			w.new = w.old
		}
		return nil, false, nil
	}
	edits, change := m.fileEdits(w, dels)
	res, err := rewrite.File(w.old, edits, change)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", w.file.Rel, err)
	}
	if cleanup {
		w.final = res.Src
	} else {
		w.new = res.Src
	}
	return res.Src, !bytes.Equal(res.Src, w.old), nil
}

// fileEdits returns the byte edits of a file, qualifiers decided, with
// the deletions, and the imports it gains and loses.
func (m *migration) fileEdits(w *fileWork, dels []deletion) ([]rewrite.Edit, rewrite.ImportChange) {
	var dropped [][2]token.Pos
	needs := make([]rewrite.QualNeed, len(w.edits))
	names := map[string]string{}
	for i, e := range w.edits {
		dropped = append(dropped, e.Dropped...)
		needs[i] = rewrite.QualNeed{Pos: e.Pos, Syms: e.Rule.Replace.Symbols}
		for p, n := range e.Rule.PkgNames {
			names[p] = n
		}
	}
	spans := make([][2]int, len(dels))
	for i, d := range dels {
		dropped = append(dropped, [2]token.Pos{d.start, d.end})
		spans[i] = [2]int{m.offset(d.start), m.offset(d.end)}
	}
	f := rewrite.TypedFile{Syntax: w.file.Syntax, Info: w.file.Pkg.TypesInfo, Pkg: w.file.Pkg.Types}
	quals, change := rewrite.Qualify(f, needs, names, dropped)
	edits := make([]rewrite.Edit, 0, len(w.edits)+len(dels))
	for i, e := range w.edits {
		ed := e.Edit
		ed.Quals = quals[i]
		edits = append(edits, ed)
	}
	return append(edits, rewrite.Deletions(w.old, spans)...), change
}

func (m *migration) offset(p token.Pos) int { return m.ws.Fset.Position(p).Offset }
