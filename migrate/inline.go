package migrate

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/rewrite"
)

// TextEdit replaces the bytes [Start, End) of a file with New.
type TextEdit struct {
	Start, End int
	New        string
}

// fixWork is one of a file's inliner fixes as the migration renders it:
// its edits below the imports as literal edits, and the imports its
// edits of the import declarations add. The inliner's own import edits
// are not spliced: they leave blank lines and stray declarations that
// go fix cleans up by reprinting the whole file; the renderer adds
// imports by editing only their lines, as it does for rules.
type fixWork struct {
	site    int // index into res.Sites
	edits   []TextEdit
	body    []rewrite.Edit
	adds    []rewrite.Import
	refused string // why the fix is not applied; "" while it is
}

// overlapRefusal is why a fix overlapping an earlier one is not applied.
const overlapRefusal = "overlaps another inlining in this file; run canonize again once this phase is applied"

// prepareFix splits f into its literal edits and the imports it adds
// and reports whether it applies after the fixes prev: one that
// overlaps an earlier fix (and cannot nest into it) is refused, and
// f.refused says why.
func prepareFix(fset *token.FileSet, file *ast.File, src []byte, f *fixWork, prev []*fixWork) bool {
	f.body, f.adds, f.refused = splitFix(file, fset, src, f.edits)
	if f.refused == "" && overlapsFixes(f.body, prev) && !nestInto(src, f, prev) {
		f.refused = overlapRefusal
	}
	return f.refused == ""
}

func coveredByRule(rules []engine.Edit, edits []TextEdit) bool {
	for _, e := range edits {
		for _, r := range rules {
			if e.Start < r.End && r.Start < e.End || e.Start == e.End && r.Start <= e.Start && e.Start < r.End {
				return true
			}
		}
	}
	return false
}

// splitFix separates a fix's edits of the import declarations (turned
// into the imports they add) from its other edits (literal edits).
func splitFix(f *ast.File, fset *token.FileSet, old []byte, edits []TextEdit) (body []rewrite.Edit, adds []rewrite.Import, refused string) {
	end := importsEnd(f, fset)
	var head []TextEdit
	for _, e := range edits {
		switch {
		case e.End <= end:
			head = append(head, e)
		case e.Start < end:
			return nil, nil, "the inliner's edit spans the imports and the code"
		default:
			body = append(body, rewrite.Edit{Start: e.Start, End: e.End, Literal: true, Text: e.New})
		}
	}
	if len(head) == 0 {
		return body, nil, ""
	}
	after, err := spliceText(old, head)
	if err != nil {
		return nil, nil, err.Error()
	}
	have := importSet(f.Imports)
	nf, err := parser.ParseFile(token.NewFileSet(), "", after, parser.ImportsOnly)
	if err != nil {
		return nil, nil, "the inliner's import edits do not parse: " + err.Error()
	}
	for _, spec := range nf.Imports {
		imp := importOf(spec)
		if !have[imp] {
			adds = append(adds, imp)
		}
	}
	return body, adds, ""
}

// importsEnd is the offset where the file's first declaration other
// than an import (or its doc comment) begins.
func importsEnd(f *ast.File, fset *token.FileSet) int {
	tf := fset.File(f.Pos())
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			continue
		}
		pos := d.Pos()
		if g, ok := d.(*ast.GenDecl); ok && g.Doc != nil {
			pos = g.Doc.Pos()
		} else if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
			pos = fd.Doc.Pos()
		}
		return tf.Offset(pos)
	}
	return tf.Size()
}

func importOf(s *ast.ImportSpec) rewrite.Import {
	path, _ := strconv.Unquote(s.Path.Value)
	imp := rewrite.Import{Path: path}
	if s.Name != nil {
		imp.Name = s.Name.Name
	}
	return imp
}

func importSet(specs []*ast.ImportSpec) map[rewrite.Import]bool {
	out := map[rewrite.Import]bool{}
	for _, s := range specs {
		out[importOf(s)] = true
	}
	return out
}

// overlapsFixes reports whether an edit of body overlaps an edit of one
// of the fixes other than an identical one.
func overlapsFixes(body []rewrite.Edit, fixes []*fixWork) bool {
	for _, f := range fixes {
		for _, k := range f.body {
			for _, e := range body {
				if e.Start == k.Start && e.End == k.End && e.Text == k.Text {
					continue
				}
				if e.Start < k.End && k.Start < e.End || e.Start == k.Start {
					return true
				}
			}
		}
	}
	return false
}

// nestInto merges f into the earlier fix whose edit holds each of f's
// edits, when that edit's text keeps the code f rewrites exactly once
// (an argument the inlined body passes on, as in old.F(old.C)): f's
// text takes its place there. Otherwise it reports false. The
// re-type-check judges the result like any other.
func nestInto(src []byte, f *fixWork, prev []*fixWork) bool {
	type subst struct {
		outer *rewrite.Edit
		old   string
		new   string
	}
	var subs []subst
	for _, e := range f.body {
		outer := holder(e, prev)
		if outer == nil {
			return false
		}
		code := string(src[e.Start:e.End])
		if code == "" || strings.Count(outer.Text, code) != 1 {
			return false
		}
		subs = append(subs, subst{outer, code, e.Text})
	}
	for _, s := range subs {
		s.outer.Text = strings.Replace(s.outer.Text, s.old, s.new, 1)
	}
	for _, g := range prev {
		if fixHolds(g, subs[0].outer) {
			g.adds = append(g.adds, f.adds...)
		}
	}
	f.body, f.adds = nil, nil
	return true
}

// holder is the edit of prev whose span holds e, or nil.
func holder(e rewrite.Edit, prev []*fixWork) *rewrite.Edit {
	for _, g := range prev {
		for i := range g.body {
			if o := &g.body[i]; o.Start <= e.Start && e.End <= o.End && o != &e {
				return o
			}
		}
	}
	return nil
}

func fixHolds(g *fixWork, e *rewrite.Edit) bool {
	for i := range g.body {
		if &g.body[i] == e {
			return true
		}
	}
	return false
}

// literal gathers the edits and added imports of the given fixes, an
// edit or import two fixes share once.
func literal(fixes []*fixWork) ([]rewrite.Edit, []rewrite.Import) {
	var edits []rewrite.Edit
	var adds []rewrite.Import
	for _, f := range fixes {
		for _, e := range f.body {
			if !slices.ContainsFunc(edits, func(k rewrite.Edit) bool { return k.Start == e.Start && k.End == e.End && k.Text == e.Text }) {
				edits = append(edits, e)
			}
		}
		for _, imp := range f.adds {
			if !slices.Contains(adds, imp) {
				adds = append(adds, imp)
			}
		}
	}
	return edits, adds
}

// spliceText applies non-overlapping edits (insertions at one point in
// the given order) to src.
func spliceText(src []byte, edits []TextEdit) ([]byte, error) {
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b TextEdit) int { return a.Start - b.Start })
	var out []byte
	at := 0
	for _, e := range sorted {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("the inliner's edit [%d,%d) is out of order or out of range", e.Start, e.End)
		}
		out = append(append(out, src[at:e.Start]...), e.New...)
		at = e.End
	}
	return append(out, src[at:]...), nil
}
