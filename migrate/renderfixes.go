package migrate

import (
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
	var live []*fixWork
	for i, edits0 := range fixes {
		if coveredByRule(edits, edits0) {
			continue
		}
		fw := &fixWork{site: i, edits: edits0}
		fw.body, fw.adds, fw.refused = splitFix(f.Syntax, fset, src, edits0)
		if fw.refused == "" && overlapsFixes(fw.body, live) && !nestInto(src, fw, live) {
			fw.refused = overlapRefusal
		}
		if fw.refused != "" {
			if refused == nil {
				refused = map[int]string{}
			}
			refused[i] = fw.refused
			continue
		}
		live = append(live, fw)
	}
	lits, adds := literal(live)
	out, err = renderFile(fset, f, src, edits, dels, lits, adds)
	if err == nil && len(lits) > 0 {
		out, err = tidyImports(out, f.Pkg)
	}
	return out, refused, err
}
