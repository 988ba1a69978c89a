package rewrite

import (
	"bytes"
	"go/ast"
	"go/token"
	"sort"
)

// DeclSpan returns the span of a declaration to delete, doc comment
// included: the whole GenDecl when the spec is its only one.
func DeclSpan(f *ast.File, decl ast.Node) (token.Pos, token.Pos) {
	switch d := decl.(type) {
	case *ast.FuncDecl:
		if d.Doc != nil {
			return d.Doc.Pos(), d.End()
		}
		return d.Pos(), d.End()
	case ast.Spec:
		if g := soleSpecDecl(f, d); g != nil {
			if g.Doc != nil {
				return g.Doc.Pos(), g.End()
			}
			return g.Pos(), g.End()
		}
		return specSpan(d)
	}
	return decl.Pos(), decl.End()
}

// soleSpecDecl returns the GenDecl holding s when s is its only spec.
func soleSpecDecl(f *ast.File, s ast.Spec) *ast.GenDecl {
	for _, top := range f.Decls {
		g, ok := top.(*ast.GenDecl)
		if !ok || g.Pos() > s.Pos() || s.End() > g.End() {
			continue
		}
		if len(g.Specs) == 1 {
			return g
		}
	}
	return nil
}

// specSpan is a spec with its doc and trailing comments.
func specSpan(d ast.Spec) (token.Pos, token.Pos) {
	start, end := d.Pos(), d.End()
	var doc, comment *ast.CommentGroup
	switch s := d.(type) {
	case *ast.ValueSpec:
		doc, comment = s.Doc, s.Comment
	case *ast.TypeSpec:
		doc, comment = s.Doc, s.Comment
	}
	if doc != nil {
		start = doc.Pos()
	}
	if comment != nil {
		end = comment.End()
	}
	return start, end
}

// Deletions turns spans of src (byte offsets) into edits deleting whole
// lines; neighbouring deletions may both claim the blank line between
// them, so later ones are clipped.
func Deletions(src []byte, spans [][2]int) []Edit {
	var out []Edit
	for _, s := range spans {
		start, end := lineSpan(src, s[0], s[1])
		out = append(out, Edit{Start: start, End: end})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := 1; i < len(out); i++ {
		if out[i].Start < out[i-1].End {
			out[i].Start = out[i-1].End
		}
	}
	closeRuns(src, out)
	return out
}

// closeRuns looks at each run of adjoining deletions as a whole: when
// clipping left the run between a blank line and the end of the file
// (the file's last declarations deleted), the first deletion takes the
// blank line before it too, or the file would end in a blank line that
// gofmt removes.
func closeRuns(src []byte, out []Edit) {
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && out[j].Start == out[j-1].End {
			j++
		}
		if end := out[j-1].End; len(bytes.TrimSpace(src[end:])) == 0 && out[i].Start > 0 {
			prev := bytes.LastIndexByte(src[:out[i].Start-1], '\n') + 1
			if len(bytes.TrimSpace(src[prev:out[i].Start])) == 0 && (i == 0 || prev >= out[i-1].End) {
				out[i].Start = prev
			}
		}
		i = j
	}
}

// LineDeletions turns spans of src into edits deleting their whole
// lines and nothing else: a statement's neighbours, blank lines
// included, stay as they are.
func LineDeletions(src []byte, spans [][2]int) []Edit {
	var out []Edit
	for _, s := range spans {
		start := bytes.LastIndexByte(src[:s[0]], '\n') + 1
		end := len(src)
		if i := bytes.IndexByte(src[s[1]:], '\n'); i >= 0 {
			end = s[1] + i + 1
		}
		out = append(out, Edit{Start: start, End: end})
	}
	return out
}

// AloneOnLines reports whether src[start:end] has nothing but blanks
// before it on its first line and nothing but blanks or a line comment
// after it on its last: deleting it may then take its lines.
func AloneOnLines(src []byte, start, end int) bool {
	before := src[bytes.LastIndexByte(src[:start], '\n')+1 : start]
	after := src[end:]
	if i := bytes.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	after = bytes.TrimSpace(after)
	return len(bytes.TrimSpace(before)) == 0 && (len(after) == 0 || bytes.HasPrefix(after, []byte("//")))
}

// lineSpan widens a deletion to whole lines, and takes one neighbouring
// blank line with it so that no double blank line remains.
func lineSpan(src []byte, start, end int) (int, int) {
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
