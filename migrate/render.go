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
	if len(w.edits) == 0 && len(dels) == 0 {
		if !cleanup {
			w.new = w.old
		}
		return nil, false, nil
	}
	spans := make([][2]token.Pos, len(dels))
	for i, d := range dels {
		spans[i] = [2]token.Pos{d.start, d.end}
	}
	f := rewrite.TypedFile{Syntax: w.file.Syntax, Info: w.file.Pkg.TypesInfo, Pkg: w.file.Pkg.Types}
	src, err := RenderFile(m.ws.Fset, f, w.old, w.edits, spans)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", w.file.Rel, err)
	}
	if cleanup {
		w.final = src
	} else {
		w.new = src
	}
	return src, !bytes.Equal(src, w.old), nil
}

// RenderFile returns src, the content of f, with the engine's edits
// (their qualifiers decided for the whole file) and the deletions of
// the declarations spanning dels applied, imports gained and lost.
func RenderFile(fset *token.FileSet, f rewrite.TypedFile, src []byte, edits []engine.Edit, dels [][2]token.Pos) ([]byte, error) {
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
	}
	out = append(out, rewrite.Deletions(src, spans)...)
	res, err := rewrite.File(src, append(out, rewrite.LineDeletions(src, lines)...), change)
	if err != nil {
		return nil, err
	}
	return res.Src, nil
}
