package analyzer

import (
	"bytes"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/linediff"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/rewrite"
)

// rendered is a file's content before and after its rewrite.
type rendered struct{ old, new []byte }

// render rewrites every file with auto sites, as canonize diff would.
// A file it cannot read as the pass parsed it (cgo's generated files,
// a file changed since) is left out: it gets no fix.
func render(pass *analysis.Pass, scans []engine.FileResult) map[*ast.File]rendered {
	out := map[*ast.File]rendered{}
	for _, fr := range scans {
		if len(fr.Edits) == 0 {
			continue
		}
		tf := pass.Fset.File(fr.File.Syntax.FileStart)
		src, err := pass.ReadFile(tf.Name())
		if err != nil || len(src) != tf.Size() {
			continue
		}
		f := rewrite.TypedFile{Syntax: fr.File.Syntax, Info: pass.TypesInfo, Pkg: pass.Pkg}
		if text, err := migrate.RenderFile(pass.Fset, f, src, fr.Edits, nil); err == nil && !bytes.Equal(text, src) {
			out[fr.File.Syntax] = rendered{src, text}
		}
	}
	return out
}

// fileFixes splits a file's rewrite into line hunks: a hunk touching a
// site's expression belongs to that site's fix; one touching none (an
// import added or removed) belongs to every fix of the file. Applied
// together, as go fix merges them (identical edits coalesce), the fixes
// give the rendered bytes. It returns the fix of each auto site by its
// index in fr.Sites.
func fileFixes(pass *analysis.Pass, fr engine.FileResult, r rendered) map[int]analysis.SuggestedFix {
	if len(fr.Edits) == 0 || r.new == nil {
		return nil
	}
	tf := pass.Fset.File(fr.File.Syntax.FileStart)
	src, out := r.old, r.new
	hunks := linediff.Hunks(src, out)
	fixes := map[int]analysis.SuggestedFix{}
	var shared []analysis.TextEdit
	owned := make([]bool, len(hunks))
	for _, e := range fr.Edits {
		s := fr.Sites[e.Site]
		fix := analysis.SuggestedFix{Message: "use " + e.Rule.Display}
		start, end := tf.Offset(e.Pos), tf.Offset(s.End)
		for i, h := range hunks {
			if h.Start < end && start < h.End || h.Start == h.End && start <= h.Start && h.Start <= end {
				owned[i] = true
				fix.TextEdits = append(fix.TextEdits, edit(tf, h))
			}
		}
		fixes[e.Site] = fix
	}
	for i, h := range hunks {
		if !owned[i] {
			shared = append(shared, edit(tf, h))
		}
	}
	for k, fix := range fixes {
		fix.TextEdits = append(fix.TextEdits, shared...)
		fixes[k] = fix
	}
	return fixes
}

// edit is a hunk as an analysis edit.
func edit(tf *token.File, h linediff.Hunk) analysis.TextEdit {
	return analysis.TextEdit{Pos: tf.Pos(h.Start), End: tf.Pos(h.End), NewText: h.Text}
}
