package analyzer

import (
	"bytes"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/linediff"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/rewrite"
)

// fileFixes renders the file's auto sites as one rewrite and splits the
// change into line hunks: a hunk touching a site's expression belongs to
// that site's fix; one touching none (an import added or removed)
// belongs to every fix of the file. Applied together, as go fix merges
// them (identical edits coalesce), the fixes give the rendered bytes.
// It returns the fix of each auto site by its index in fr.Sites.
func fileFixes(pass *analysis.Pass, fr engine.FileResult) map[int]analysis.SuggestedFix {
	if len(fr.Edits) == 0 {
		return nil
	}
	tf := pass.Fset.File(fr.File.Syntax.FileStart)
	src, err := pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return nil // cgo's generated files, or a file that changed: no fix
	}
	f := rewrite.TypedFile{Syntax: fr.File.Syntax, Info: pass.TypesInfo, Pkg: pass.Pkg}
	out, err := migrate.RenderFile(pass.Fset, f, src, fr.Edits, nil)
	if err != nil || bytes.Equal(out, src) {
		return nil
	}
	hunks := lineHunks(src, out)
	fixes := map[int]analysis.SuggestedFix{}
	var shared []analysis.TextEdit
	owned := make([]bool, len(hunks))
	for _, e := range fr.Edits {
		s := fr.Sites[e.Site]
		fix := analysis.SuggestedFix{Message: "use " + replacement(e.Rule)}
		start, end := tf.Offset(e.Pos), tf.Offset(s.End)
		for i, h := range hunks {
			if h.start < end && start < h.end || h.start == h.end && start <= h.start && h.start <= end {
				owned[i] = true
				fix.TextEdits = append(fix.TextEdits, h.edit(tf))
			}
		}
		fixes[e.Site] = fix
	}
	for i, h := range hunks {
		if !owned[i] {
			shared = append(shared, h.edit(tf))
		}
	}
	for k, fix := range fixes {
		fix.TextEdits = append(fix.TextEdits, shared...)
		fixes[k] = fix
	}
	return fixes
}

// hunk replaces src[start:end] (whole lines) by text.
type hunk struct {
	start, end int
	text       []byte
}

func (h hunk) edit(tf *token.File) analysis.TextEdit {
	return analysis.TextEdit{Pos: tf.Pos(h.start), End: tf.Pos(h.end), NewText: h.text}
}

// lineHunks lists the runs of changed lines turning old into new.
func lineHunks(old, new []byte) []hunk {
	a, b := linediff.Split(string(old)), linediff.Split(string(new))
	var out []hunk
	off, j := 0, 0
	var cur *hunk
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	i := 0
	for _, s := range linediff.Diff(a, b) {
		switch s.Op {
		case linediff.Equal:
			flush()
			for k := 0; k < s.N; k++ {
				off += len(a[i+k])
			}
			i, j = i+s.N, j+s.N
		case linediff.Delete:
			if cur == nil {
				cur = &hunk{start: off, end: off}
			}
			for k := 0; k < s.N; k++ {
				off += len(a[i+k])
			}
			cur.end = off
			i += s.N
		case linediff.Insert:
			if cur == nil {
				cur = &hunk{start: off, end: off}
			}
			for k := 0; k < s.N; k++ {
				cur.text = append(cur.text, b[j+k]...)
			}
			j += s.N
		}
	}
	flush()
	return out
}
