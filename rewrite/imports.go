package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
)

// textEdit replaces src[start:end] with text.
type textEdit struct {
	start, end int
	text       string
}

// editImports removes and adds import specs by editing only the lines
// that hold them, instead of reprinting the declaration: a reprint
// re-sorts and merges groups and drops a removed spec's comments.
func editImports(src []byte, ch ImportChange, crlf bool) ([]byte, error) {
	if len(ch.Add) == 0 && len(ch.Remove) == 0 {
		return src, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly|parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("rewritten file does not parse: %w", err)
	}
	nl := "\n"
	if crlf {
		nl = "\r\n"
	}
	ed := &importEditor{src: src, fset: fset, f: f, nl: nl}
	removed := map[*ast.ImportSpec]bool{}
	for _, path := range ch.Remove {
		for _, spec := range f.Imports {
			if importPath(spec) == path {
				removed[spec] = true
			}
		}
	}
	var edits []textEdit
	adds := append([]Import(nil), ch.Add...)
	sort.Slice(adds, func(i, j int) bool { return adds[i].Path < adds[j].Path })
	ed.filled = map[*ast.ImportSpec]bool{}
	replaced, block, ok := ed.newBlock(adds, removed)
	if ok {
		edits = append(edits, block)
	} else {
		for _, imp := range adds {
			edits = append(edits, ed.add(imp, removed))
		}
	}
	for _, d := range ed.importDecls() {
		if d != replaced {
			edits = append(edits, ed.removeFrom(d, removed)...)
		}
	}
	return applyText(src, edits), nil
}

// newBlock writes the file's imports as one parenthesised declaration,
// as gofmt and goimports lay it out (standard library first), when
// imports are added and no parenthesised declaration remains to take
// them, so that one import never becomes two declarations. It applies
// when at most one plain one-line declaration (no comments) remains,
// which it replaces; with no import declaration it adds one after the
// package clause.
func (ed *importEditor) newBlock(adds []Import, removed map[*ast.ImportSpec]bool) (replaced *ast.GenDecl, e textEdit, ok bool) {
	var keep []Import
	var singles []*ast.ImportSpec
	decls := ed.importDecls()
	for _, d := range decls {
		if ed.allRemoved(d, removed) {
			continue
		}
		if d.Lparen.IsValid() || d.Doc != nil {
			return nil, textEdit{}, false
		}
		s := d.Specs[0].(*ast.ImportSpec)
		if !ed.ownLines(d) || s.Doc != nil || s.Comment != nil {
			return nil, textEdit{}, false
		}
		singles = append(singles, s)
		imp := Import{Path: importPath(s)}
		if s.Name != nil {
			imp.Name = s.Name.Name
		}
		keep = append(keep, imp)
	}
	// Several one-line declarations are the file's style: leave them.
	if len(adds) == 0 || len(keep) > 1 || len(keep)+len(adds) < 2 {
		return nil, textEdit{}, false
	}
	text := ed.blockText(append(keep, adds...))
	for _, s := range singles {
		removed[s] = true
	}
	if len(decls) == 0 {
		at := ed.lineEnd(ed.off(ed.f.Name.End()))
		return nil, textEdit{at, at, ed.nl + text}, true
	}
	first := decls[0]
	if first.Doc != nil {
		return nil, textEdit{}, false
	}
	start, end := ed.lineStart(ed.off(first.Pos())), ed.lineEnd(ed.off(first.End()))
	return first, textEdit{start, end, text}, true
}

// ownLines reports whether nothing but d is on the lines it spans.
func (ed *importEditor) ownLines(d *ast.GenDecl) bool {
	start, end := ed.off(d.Pos()), ed.off(d.End())
	before := bytes.TrimSpace(ed.src[ed.lineStart(start):start])
	after := bytes.TrimSpace(ed.src[end:ed.lineEnd(end)])
	return len(before) == 0 && len(after) == 0
}

// blockText lays out imports as a parenthesised declaration: the
// standard library's, then a blank line, then the others, each sorted.
func (ed *importEditor) blockText(imps []Import) string {
	sort.Slice(imps, func(i, j int) bool {
		if a, b := isStd(imps[i].Path), isStd(imps[j].Path); a != b {
			return a
		}
		return imps[i].Path < imps[j].Path
	})
	var b strings.Builder
	b.WriteString("import (" + ed.nl)
	for i, imp := range imps {
		if i > 0 && isStd(imps[i-1].Path) && !isStd(imp.Path) {
			b.WriteString(ed.nl)
		}
		b.WriteString("\t" + specText(imp) + ed.nl)
	}
	b.WriteString(")" + ed.nl)
	return b.String()
}

type importEditor struct {
	src  []byte
	fset *token.FileSet
	f    *ast.File
	nl   string
	// filled marks specs of groups that receive an added import: removing
	// their last old spec must not remove the group's separating blank line.
	filled map[*ast.ImportSpec]bool
}

func importPath(s *ast.ImportSpec) string {
	p, err := strconv.Unquote(s.Path.Value)
	if err != nil {
		return s.Path.Value
	}
	return p
}

func (ed *importEditor) importDecls() []*ast.GenDecl {
	var out []*ast.GenDecl
	for _, d := range ed.f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
			out = append(out, g)
		}
	}
	return out
}

func (ed *importEditor) off(p token.Pos) int { return ed.fset.Position(p).Offset }

// lineStart returns the offset of the start of the line holding off.
func (ed *importEditor) lineStart(off int) int {
	return bytes.LastIndexByte(ed.src[:off], '\n') + 1
}

// lineEnd returns the offset just past the newline ending the line holding off.
func (ed *importEditor) lineEnd(off int) int {
	i := bytes.IndexByte(ed.src[off:], '\n')
	if i < 0 {
		return len(ed.src)
	}
	return off + i + 1
}

// blankLine reports whether the line starting at off holds only spaces.
func (ed *importEditor) blankLine(off int) bool {
	if off >= len(ed.src) {
		return false
	}
	end := ed.lineEnd(off)
	return len(bytes.TrimSpace(ed.src[off:end])) == 0
}

// specLines is the span of whole lines a spec (with its doc comment and
// trailing comment) occupies, or ok=false if it shares a line with other code.
func (ed *importEditor) specLines(s *ast.ImportSpec) (start, end int, ok bool) {
	first := s.Pos()
	if s.Doc != nil {
		first = s.Doc.Pos()
	}
	last := s.End()
	if s.Comment != nil {
		last = s.Comment.End()
	}
	start, end = ed.lineStart(ed.off(first)), ed.lineEnd(ed.off(last))
	before := bytes.TrimSpace(ed.src[start:ed.off(first)])
	after := bytes.TrimSpace(ed.src[ed.off(last):end])
	return start, end, len(before) == 0 && len(after) == 0
}

func (ed *importEditor) removeFrom(d *ast.GenDecl, removed map[*ast.ImportSpec]bool) []textEdit {
	var gone []*ast.ImportSpec
	for _, s := range d.Specs {
		if removed[s.(*ast.ImportSpec)] {
			gone = append(gone, s.(*ast.ImportSpec))
		}
	}
	if len(gone) == 0 {
		return nil
	}
	if len(gone) == len(d.Specs) {
		return []textEdit{ed.removeDecl(d)}
	}
	var out []textEdit
	for _, s := range gone {
		start, end, ok := ed.specLines(s)
		if !ok {
			// "import (a; b)" on one line: cut the spec and its separator.
			start, end = ed.off(s.Pos()), ed.off(s.End())
			if end < len(ed.src) && ed.src[end] == ';' {
				end++
			}
			out = append(out, textEdit{start, end, ""})
			continue
		}
		// A spec alone in its group: the group goes, and with it the blank
		// line that separated it from its neighbour.
		if !ed.filled[s] && ed.aloneInGroup(d, s) {
			if start > 0 && ed.blankLine(ed.lineStart(start-1)) {
				start = ed.lineStart(start - 1)
			} else if ed.blankLine(end) {
				end = ed.lineEnd(end)
			}
		}
		out = append(out, textEdit{start, end, ""})
	}
	return out
}

// aloneInGroup reports whether s is the only spec of its group in d.
func (ed *importEditor) aloneInGroup(d *ast.GenDecl, s *ast.ImportSpec) bool {
	for _, g := range ed.groups(d) {
		if len(g) == 1 && g[0] == s {
			return true
		}
	}
	return false
}

// removeDecl deletes a whole import declaration with its doc comment,
// and one of the blank lines around it so that no double blank remains.
func (ed *importEditor) removeDecl(d *ast.GenDecl) textEdit {
	first := d.Pos()
	if d.Doc != nil {
		first = d.Doc.Pos()
	}
	start, end := ed.lineStart(ed.off(first)), ed.lineEnd(ed.off(d.End()))
	prevBlank := start > 0 && ed.blankLine(ed.lineStart(start-1))
	switch {
	case ed.blankLine(end) && prevBlank:
		end = ed.lineEnd(end)
	case end >= len(ed.src) && prevBlank:
		// Nothing follows: the blank line before would end the file.
		start = ed.lineStart(start - 1)
	}
	return textEdit{start, end, ""}
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func specText(imp Import) string {
	if imp.Name != "" {
		return imp.Name + " " + strconv.Quote(imp.Path)
	}
	return strconv.Quote(imp.Path)
}

// add inserts one import: into the parenthesised group of its kind
// (standard library or not) at its sorted place, else as a new
// declaration after the last one, else after the package clause.
func (ed *importEditor) add(imp Import, removed map[*ast.ImportSpec]bool) textEdit {
	decls := ed.importDecls()
	for _, d := range decls {
		if !d.Lparen.IsValid() || ed.allRemoved(d, removed) {
			continue
		}
		if e, ok := ed.addToBlock(d, imp, removed); ok {
			return e
		}
	}
	for i := len(decls) - 1; i >= 0; i-- {
		d := decls[i]
		if ed.allRemoved(d, removed) {
			continue
		}
		at := ed.lineEnd(ed.off(d.End()))
		return textEdit{at, at, "import " + specText(imp) + ed.nl}
	}
	at := ed.lineEnd(ed.off(ed.f.Name.End()))
	return textEdit{at, at, ed.nl + "import " + specText(imp) + ed.nl}
}

func (ed *importEditor) allRemoved(d *ast.GenDecl, removed map[*ast.ImportSpec]bool) bool {
	for _, s := range d.Specs {
		if !removed[s.(*ast.ImportSpec)] {
			return false
		}
	}
	return true
}

// addToBlock places imp in the group of d whose paths are of the same
// kind, before the first path that sorts after it.
func (ed *importEditor) addToBlock(d *ast.GenDecl, imp Import, removed map[*ast.ImportSpec]bool) (textEdit, bool) {
	groups := ed.groups(d)
	std := isStd(imp.Path)
	var group []*ast.ImportSpec
	// A group of the same kind that still has specs is best; one whose
	// specs are all being removed is taken over rather than left empty.
	for _, wantKept := range []bool{true, false} {
		for _, g := range groups {
			for _, s := range g {
				if (!wantKept || !removed[s]) && isStd(importPath(s)) == std {
					group = g
					break
				}
			}
			if group != nil {
				break
			}
		}
		if group != nil {
			break
		}
	}
	for _, s := range group {
		ed.filled[s] = true
	}
	if group == nil {
		// No group of its kind: a new group, standard library first.
		var anchor *ast.ImportSpec
		if std {
			anchor = groups[0][0]
			start, _, ok := ed.specLines(anchor)
			if !ok {
				return textEdit{}, false
			}
			indent := ed.indent(start)
			return textEdit{start, start, indent + specText(imp) + ed.nl + ed.nl}, true
		}
		last := groups[len(groups)-1]
		anchor = last[len(last)-1]
		_, end, ok := ed.specLines(anchor)
		if !ok {
			return textEdit{}, false
		}
		start, _, _ := ed.specLines(anchor)
		return textEdit{end, end, ed.nl + ed.indent(start) + specText(imp) + ed.nl}, true
	}
	for _, s := range group {
		if importPath(s) <= imp.Path {
			continue
		}
		start, _, ok := ed.specLines(s)
		if !ok {
			return textEdit{}, false
		}
		return textEdit{start, start, ed.indent(start) + specText(imp) + ed.nl}, true
	}
	last := group[len(group)-1]
	start, end, ok := ed.specLines(last)
	if !ok {
		return textEdit{}, false
	}
	return textEdit{end, end, ed.indent(start) + specText(imp) + ed.nl}, true
}

func (ed *importEditor) indent(lineStart int) string {
	i := lineStart
	for i < len(ed.src) && (ed.src[i] == ' ' || ed.src[i] == '\t') {
		i++
	}
	return string(ed.src[lineStart:i])
}

// groups splits a parenthesised declaration's specs at blank lines.
func (ed *importEditor) groups(d *ast.GenDecl) [][]*ast.ImportSpec {
	var out [][]*ast.ImportSpec
	lastLine := -1
	for _, sp := range d.Specs {
		s := sp.(*ast.ImportSpec)
		first := s.Pos()
		if s.Doc != nil {
			first = s.Doc.Pos()
		}
		line := ed.fset.Position(first).Line
		if lastLine < 0 || line > lastLine+1 {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], s)
		end := s.End()
		if s.Comment != nil {
			end = s.Comment.End()
		}
		lastLine = ed.fset.Position(end).Line
	}
	return out
}

// applyText applies non-overlapping edits; insertions at the same offset
// keep their order.
func applyText(src []byte, edits []textEdit) []byte {
	// At one offset, insertions go before a removal starting there.
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end == edits[i].start && edits[j].end != edits[j].start
	})
	var out bytes.Buffer
	pos := 0
	for _, e := range edits {
		if e.start < pos {
			continue // a removal already covers it
		}
		out.Write(src[pos:e.start])
		out.WriteString(e.text)
		pos = e.end
	}
	out.Write(src[pos:])
	return out.Bytes()
}
