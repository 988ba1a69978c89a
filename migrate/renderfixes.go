package migrate

import (
	"go/ast"
	"go/parser"
	"go/token"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/rewrite"
)

// RenderFileFixes is RenderFile with Go's inliner's fixes of the file
// applied too, as Run applies them: fixes[i] is one fix's byte edits on
// src, in the order the inliner reported them. A fix a rule's edit
// covers is dropped (the rule wins); one that cannot be applied (it
// overlaps an earlier fix, or its import edits do not parse) is not
// applied and refused[i] says why. The imports the fixes leave unused
// are removed.
func RenderFileFixes(fset *token.FileSet, f rewrite.TypedFile, src []byte, edits []engine.Edit, dels [][2]token.Pos, fixes [][]TextEdit) (out []byte, refused map[int]string, err error) {
	live, refused := prepare(fset, f.Syntax, src, edits, fixes)
	lits, adds := literal(live)
	out, err = renderFile(fset, f, src, edits, dels, lits, adds)
	if err == nil && len(lits) > 0 {
		out, err = tidyImports(out, f.Pkg)
	}
	return out, refused, err
}

// RenderFixes is RenderFileFixes for a file with no rule edit and no
// deletion, without its package's types: names gives the package name of
// every import path the file has before and after (an import whose name
// it does not give is never removed).
func RenderFixes(src []byte, fixes [][]TextEdit, names map[string]string) (out []byte, refused map[int]string, err error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, nil, err
	}
	live, refused := prepare(fset, f, src, nil, fixes)
	lits, adds := literal(live)
	out, err = renderLiterals(src, lits, rewrite.ImportChange{}, f.Imports, names, lits, adds)
	if err == nil && len(lits) > 0 {
		out, err = TidyImports(out, names)
	}
	return out, refused, err
}

// prepare splits each fix into its literal edits and the imports it
// adds, as Run does: a fix a rule's edit covers is dropped, one that
// overlaps an earlier fix (and cannot nest into it) is refused.
func prepare(fset *token.FileSet, f *ast.File, src []byte, rules []engine.Edit, fixes [][]TextEdit) (live []*fixWork, refused map[int]string) {
	for i, edits := range fixes {
		if coveredByRule(rules, edits) {
			continue
		}
		fw := &fixWork{site: i, edits: edits}
		if prepareFix(fset, f, src, fw, live) {
			live = append(live, fw)
			continue
		}
		if refused == nil {
			refused = map[int]string{}
		}
		refused[i] = fw.refused
	}
	return live, refused
}

// Splice applies non-overlapping edits to src (insertions at one point
// in the given order).
func Splice(src []byte, edits []TextEdit) ([]byte, error) { return spliceText(src, edits) }
