package migrate

import (
	"go/ast"
	"go/token"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/rewrite"
)

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
