package plan

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"runtime"
	"sort"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/canonize/canonize/rewrite"
)

// cleanupPlan is what the cleanup phase deletes, or why it cannot yet.
type cleanupPlan struct {
	dels      int      // declarations to delete
	blocked   bool     // references remain, or the deletion does not type-check
	blockedBy []string // "path:line:col: why" of each blocker
}

// migrate computes every file's content through phase 3 and through
// phase 4, re-type-checking both: a file whose rewrite fails is withheld
// (its sites become review sites), and the re-exports and declarations
// the later phases delete are decided on what remains.
func (a *analysis) migrate() error {
	if err := a.readFiles(); err != nil {
		return err
	}
	for round := 0; round < 4; round++ {
		a.planExports()
		contents, err := a.render(false)
		if err != nil {
			return err
		}
		if !a.withhold(a.typecheck(contents)) {
			break
		}
	}
	a.markRemovedExports()
	a.planCleanup()
	if !a.cleanup.blocked && a.cleanup.dels > 0 {
		finals, err := a.render(true)
		if err != nil {
			return err
		}
		for _, w := range a.work {
			if _, ok := finals[w.file.Abs]; !ok && w.new != nil && !bytes.Equal(w.new, w.old) {
				finals[w.file.Abs] = w.new
			}
		}
		if bad := a.typecheck(finals); len(bad) > 0 {
			a.cleanup.blocked = true
			for _, abs := range sortedKeys(bad) {
				a.cleanup.blockedBy = append(a.cleanup.blockedBy, relTo(a.ws.Root, abs)+": "+bad[abs])
			}
			for _, w := range a.work {
				w.final = nil
			}
		}
	}
	a.collectChanges()
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// readFiles reads the bytes and mode of every file with work, checking
// they are still what was type-checked.
func (a *analysis) readFiles() error {
	for _, abs := range sortedKeys(a.work) {
		w := a.work[abs]
		old, err := os.ReadFile(abs)
		if err != nil {
			return fmt.Errorf("read %s: %w", w.file.Rel, err)
		}
		st, err := os.Stat(abs)
		if err != nil {
			return err
		}
		w.old, w.mode = old, st.Mode().Perm()
		if tf := a.ws.Fset.File(w.file.Syntax.Pos()); tf == nil || tf.Size() != len(old) {
			w.withheld = "file changed on disk while canonize ran; not rewritten"
			a.res.Problems = append(a.res.Problems, Diagnostic{Pos: token.Position{Filename: w.file.Rel}, Msg: w.withheld})
		}
	}
	return nil
}

// withhold records newly failing files and turns their sites into review
// sites; it reports whether anything was withheld.
func (a *analysis) withhold(bad map[string]string) bool {
	any := false
	for _, abs := range sortedKeys(bad) {
		w := a.work[abs]
		if w == nil || w.withheld != "" {
			continue
		}
		w.withheld, any = bad[abs], true
		for _, i := range w.sites {
			a.res.Sites[i].Kind, a.res.Sites[i].Reason = KindReview, w.withheld
		}
		a.res.Warnings = append(a.res.Warnings, Diagnostic{Pos: token.Position{Filename: w.file.Rel}, Msg: "withheld: " + w.withheld})
	}
	return any
}

// planExports decides which re-exports of deprecated functions the
// exports phase deletes: those declared in the module whose every
// reference is rewritten (or sits in another re-export being deleted).
func (a *analysis) planExports() {
	removable := map[string]bool{}
	for k, al := range a.aliases {
		if a.ws.Partial {
			break // callers outside the patterns are unseen
		}
		if _, dep := a.deprecated[al.Target]; !dep || al.File.Generated {
			continue
		}
		if w := a.work[al.File.Abs]; w != nil && w.withheld != "" {
			continue
		}
		removable[k] = true
	}
	// Only a re-export the module calls through is a facade to retire;
	// an unused wrapper is ordinary code (its body is rewritten).
	used := map[string]bool{}
	for _, s := range a.res.Sites {
		if s.viaKey != "" {
			used[s.viaKey] = true
		}
	}
	for k := range removable {
		removable[k] = used[k]
	}
	for changed := true; changed; {
		changed = false
		for _, s := range a.res.Sites {
			if !removable[s.viaKey] || s.Kind == KindAuto || removable[s.inAlias] {
				continue
			}
			removable[s.viaKey], changed = false, true
		}
	}
	a.removed = removable
	for _, w := range a.work {
		w.exportDel = nil
	}
	for _, k := range sortedKeys(removable) {
		if !removable[k] {
			continue
		}
		al := a.aliases[k]
		start, end := declSpan(al.File.Syntax, al.Decl)
		w := a.workFor(al.File)
		w.exportDel = append(w.exportDel, deletion{start: start, end: end, name: al.Name})
	}
	for _, w := range a.work {
		if w.old == nil && w.withheld == "" {
			// A facade that only declares re-exports had no work yet.
			if err := a.readOne(w); err != nil {
				w.withheld = err.Error()
			}
		}
	}
}

func (a *analysis) readOne(w *fileWork) error {
	old, err := os.ReadFile(w.file.Abs)
	if err != nil {
		return err
	}
	st, err := os.Stat(w.file.Abs)
	if err != nil {
		return err
	}
	w.old, w.mode = old, st.Mode().Perm()
	return nil
}

// markRemovedExports turns the references inside deleted re-export
// declarations into auto sites: the exports phase removes them.
func (a *analysis) markRemovedExports() {
	for i := range a.res.Sites {
		s := &a.res.Sites[i]
		if s.Role == RoleDeprecated && a.removed[s.inAlias] {
			s.Kind, s.Reason = KindAuto, "re-export "+a.aliases[s.inAlias].Name+" deleted in the exports phase"
		}
	}
}

// declSpan returns the span of a declaration to delete, doc comment
// included: the whole GenDecl when the spec is its only one.
func declSpan(f *ast.File, decl ast.Node) (token.Pos, token.Pos) {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Doc != nil {
			return d.Doc.Pos(), d.End()
		}
		return d.Pos(), d.End()
	case ast.Spec:
		for _, top := range f.Decls {
			g, ok := top.(*ast.GenDecl)
			if !ok || g.Pos() > d.Pos() || d.End() > g.End() {
				continue
			}
			if len(g.Specs) == 1 {
				if g.Doc != nil {
					return g.Doc.Pos(), g.End()
				}
				return g.Pos(), g.End()
			}
		}
		start, end := d.Pos(), d.End()
		switch s := d.(type) {
		case *ast.ValueSpec:
			if s.Doc != nil {
				start = s.Doc.Pos()
			}
			if s.Comment != nil {
				end = s.Comment.End()
			}
		case *ast.TypeSpec:
			if s.Doc != nil {
				start = s.Doc.Pos()
			}
			if s.Comment != nil {
				end = s.Comment.End()
			}
		}
		return start, end
	}
	return decl.Pos(), decl.End()
}

// planCleanup finds the declarations of deprecated symbols the module
// owns and whether anything still refers to them.
func (a *analysis) planCleanup() {
	a.cleanup = &cleanupPlan{}
	for _, w := range a.work {
		w.cleanDel = nil
	}
	var spans []deletion
	for _, f := range a.ws.Files {
		if f.Test || f.Generated {
			continue
		}
		for _, d := range f.Syntax.Decls {
			for _, del := range a.deprecatedDecls(f, d) {
				w := a.workFor(f)
				if w.old == nil {
					if err := a.readOne(w); err != nil {
						continue
					}
				}
				w.cleanDel = append(w.cleanDel, del)
				spans = append(spans, del)
				a.cleanup.dels++
			}
		}
	}
	if a.ws.Partial && a.cleanup.dels > 0 {
		a.cleanup.blocked = true
		a.cleanup.blockedBy = append(a.cleanup.blockedBy, "package patterns restrict the analysis: deleting declarations needs every package of the module")
	}
	for _, s := range a.res.Sites {
		if s.Role != RoleDeprecated || s.Kind == KindAuto || inDeletion(s, spans) {
			continue
		}
		a.cleanup.blocked = true
		a.cleanup.blockedBy = append(a.cleanup.blockedBy, fmt.Sprintf("%s: %s %s: %s", s, s.Kind, s.Symbol, s.Reason))
	}
}

func inDeletion(s Site, dels []deletion) bool {
	for _, d := range dels {
		if d.start <= s.pos && s.pos < d.end {
			return true
		}
	}
	return false
}

// deprecatedDecls returns the declarations in d of deprecated symbols.
func (a *analysis) deprecatedDecls(f *SourceFile, d ast.Decl) []deletion {
	info := f.Pkg.TypesInfo
	isDep := func(id *ast.Ident) bool {
		_, ok := a.deprecated[objKey(info.Defs[id])]
		return ok
	}
	var out []deletion
	switch d := d.(type) {
	case *ast.FuncDecl:
		if isDep(d.Name) {
			start, end := declSpan(f.Syntax, d)
			out = append(out, deletion{start: start, end: end, name: displayKey(objKey(info.Defs[d.Name]))})
		}
	case *ast.GenDecl:
		for _, sp := range d.Specs {
			var id *ast.Ident
			switch s := sp.(type) {
			case *ast.ValueSpec:
				if len(s.Names) == 1 {
					id = s.Names[0]
				}
			case *ast.TypeSpec:
				id = s.Name
			}
			if id != nil && isDep(id) {
				start, end := declSpan(f.Syntax, sp)
				out = append(out, deletion{start: start, end: end, name: displayKey(objKey(info.Defs[id]))})
			}
		}
	}
	return out
}

// render computes each file's content through phase 3 (or through phase
// 4 when cleanup is set) and returns the files that change.
func (a *analysis) render(cleanup bool) (map[string][]byte, error) {
	out := map[string][]byte{}
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, abs := range sortedKeys(a.work) {
		w := a.work[abs]
		if w.withheld != "" || w.old == nil {
			continue
		}
		g.Go(func() error {
			src, changed, err := a.renderOne(w, cleanup)
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
func (a *analysis) renderOne(w *fileWork, cleanup bool) ([]byte, bool, error) {
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
	edits := append([]rewrite.Edit(nil), w.edits...)
	spans := append([][2]token.Pos(nil), w.spans...)
	edits = append(edits, a.deletionEdits(w.old, dels)...)
	for _, d := range dels {
		spans = append(spans, [2]token.Pos{d.start, d.end})
	}
	change := a.imports(w.file, w.edits, w.pos, w.rules, spans)
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

// deletionEdits turns deletions into byte edits; neighbouring deletions
// may both claim the blank line between them, so later ones are clipped.
func (a *analysis) deletionEdits(src []byte, dels []deletion) []rewrite.Edit {
	var out []rewrite.Edit
	for _, d := range dels {
		start, end := a.lineSpan(src, d)
		out = append(out, rewrite.Edit{Start: start, End: end})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := 1; i < len(out); i++ {
		if out[i].Start < out[i-1].End {
			out[i].Start = out[i-1].End
		}
	}
	return out
}

// lineSpan widens a deletion to whole lines, and takes one neighbouring
// blank line with it so that no double blank line remains.
func (a *analysis) lineSpan(src []byte, d deletion) (int, int) {
	start := a.ws.Fset.Position(d.start).Offset
	end := a.ws.Fset.Position(d.end).Offset
	start = bytes.LastIndexByte(src[:start], '\n') + 1
	if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(src)
	}
	blank := func(from int) (int, bool) {
		i := bytes.IndexByte(src[from:], '\n')
		if i < 0 {
			return 0, false
		}
		return from + i + 1, len(bytes.TrimSpace(src[from:from+i])) == 0
	}
	if next, ok := blank(end); ok {
		return start, next
	}
	if start > 0 {
		prev := bytes.LastIndexByte(src[:start-1], '\n') + 1
		if _, ok := blank(prev); ok {
			return prev, end
		}
	}
	return start, end
}

// collectChanges fills res.Changes (files phases 1-3 change) and res.All
// (files any phase changes), sorted by path.
func (a *analysis) collectChanges() {
	for _, abs := range sortedKeys(a.work) {
		w := a.work[abs]
		if w.withheld != "" || w.old == nil {
			continue
		}
		c := Change{Path: w.file.Rel, Abs: abs, Old: w.old, New: w.new, Mode: w.mode, Sites: len(w.sites)}
		if w.new == nil {
			c.New = w.old
		}
		if len(w.cleanDel) > 0 && w.final != nil {
			c.Final = w.final
		}
		changed := !bytes.Equal(c.New, c.Old)
		if changed {
			a.res.Changes = append(a.res.Changes, c)
		}
		if changed || c.Final != nil {
			a.res.All = append(a.res.All, c)
		}
	}
}
