package rewrite

import (
	"bytes"
	"fmt"
	"go/scanner"
	"go/token"
	"slices"
	"sort"
	"strings"
)

// Precedences used to decide parentheses. Binary operators use
// go/token's 1..5; a unary expression binds tighter, a primary
// expression (operand, call, selector, index) tightest.
const (
	PrecUnary   = 6
	PrecPrimary = 7
)

// Template is a replace template reduced to text with holes: the places
// where a metavariable's source text or an import qualifier goes.
type Template struct {
	Text  string
	Holes []Hole // sorted by Start, non-overlapping
	Prec  int    // precedence of the template's root expression
	// Args is the span of the root call's "(...)" in Text when an edit
	// may copy the matched call's argument list there verbatim; zero if not.
	Args [2]int
	// Stmts says Text is statements, inserted at the start of a line:
	// each of its lines gets that line's indentation and ends the line.
	Stmts bool
}

// Hole is a span of Template.Text to substitute.
type Hole struct {
	Start, End int
	// Var is the metavariable name for a metavariable hole ("$x" or "$x...").
	Var      string
	Variadic bool
	// MinPrec is the least precedence an expression put here may have
	// without parentheses.
	MinPrec int
	// Qual is the template's import name for a qualifier hole ("websocket"
	// in "websocket.New"). The hole spans the qualifier and its dot.
	Qual string
	// Local is a name the template's statements declare: the edit's
	// Locals say what it is called at this site.
	Local string
	// CommaStart is where the separator before a variadic hole starts, so
	// that an empty binding removes ", " too; -1 if the hole is first.
	CommaStart int
}

// Binding is the source text bound to a metavariable at one site.
type Binding struct {
	Start, End int // span in the file; Start == End for an empty variadic binding
	Prec       int // precedence of the bound expression (PrecPrimary for a list)
}

// Edit replaces the expression src[Start:End] with an instance of a
// template; with no Template it deletes the span (a declaration, in whole
// lines, with its comments).
type Edit struct {
	Start, End int
	Template   *Template
	Binds      map[string]Binding
	// Quals maps the template's import names to the qualifier to write in
	// this file: "ws" for an aliased import, "" for a dot import.
	Quals map[string]string
	// Locals maps the names a template's statements declare to the
	// fresh names they take at this site (n -> n1 where n is taken).
	Locals map[string]string
	// MinPrec is the least precedence the replacement may have in its
	// context without parentheses.
	MinPrec int
	// Args, when set, is the matched call's "(...)" in the file: it
	// replaces the template's argument list as it is, keeping its line
	// breaks and comments (the arguments are the same, in the same order).
	Args [2]int
	// Call, when set, is the matched call's "(...)" in the file: where the
	// replacement's argument list differs (Args unset) and the call spans
	// lines, the replacement keeps its layout (layout.go).
	Call [2]int
	// Literal makes the edit put Text in place of the span as it is, with
	// no template: an edit another tool (Go's inliner) computed.
	Literal bool
	Text    string
}

// ImportChange is what a file's import declarations must gain and lose.
type ImportChange struct {
	Add    []Import // new imports (Name is "" when the package name is used as is)
	Remove []string // import paths no longer used
}

// Import is an import spec.
type Import struct{ Name, Path string }

// Result is a rewritten file and notes on what was done.
type Result struct {
	Src []byte
	// MovedComments counts comments of dropped code moved to the end of the line.
	MovedComments int
}

// File applies the edits and the import change to src. Text outside the
// edited spans and the import lines is copied unchanged, so lines holding
// no rewritten site keep their bytes (including CRLF and a BOM).
func File(src []byte, edits []Edit, imports ImportChange) (*Result, error) {
	edits = append([]Edit(nil), edits...)
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End > edits[j].End
	})
	for _, e := range edits {
		if e.Start < 0 || e.End > len(src) || e.Start > e.End {
			return nil, fmt.Errorf("edit [%d,%d) outside the file (%d bytes)", e.Start, e.End, len(src))
		}
	}
	crlf := bytes.Contains(src, []byte("\r\n"))
	r := &renderer{src: src, crlf: crlf}
	out, err := r.span(0, len(src), edits, true)
	if err != nil {
		return nil, err
	}
	out = formatTouched(out, r.touched)
	out, err = editImports(out, imports, crlf)
	if err != nil {
		return nil, err
	}
	return &Result{Src: out, MovedComments: r.moved}, nil
}

type renderer struct {
	src   []byte
	crlf  bool
	moved int
	// touched are the spans of the output that top-level edits wrote.
	touched [][2]int
}

// span renders src[start:end] with the edits that lie inside it applied.
// Edits nested in another edit's bindings are rendered inside them.
// When top is set, comments of dropped code are placed at the end of the
// line on which the edit ends.
func (r *renderer) span(start, end int, edits []Edit, top bool) ([]byte, error) {
	var out bytes.Buffer
	pos := start
	var pending []string
	for i := 0; i < len(edits); {
		e := edits[i]
		// Collect the edits nested inside e: they belong to its bindings.
		j := i + 1
		for j < len(edits) && edits[j].Start < e.End {
			if edits[j].End > e.End {
				return nil, fmt.Errorf("edits [%d,%d) and [%d,%d) overlap", e.Start, e.End, edits[j].Start, edits[j].End)
			}
			j++
		}
		inner := edits[i+1 : j]
		i = j
		if e.Start < pos {
			return nil, fmt.Errorf("edit at %d overlaps an earlier one", e.Start)
		}
		text, dropped, err := r.instance(e, inner)
		if err != nil {
			return nil, err
		}
		if top && len(pending) > 0 {
			// Flush comments of earlier edits whose line ended before e.
			pos = r.copyUntil(&out, pos, e.Start, &pending)
		}
		out.Write(r.src[pos:e.Start])
		if top && (e.Template != nil || e.Literal) {
			r.touched = append(r.touched, [2]int{out.Len(), out.Len() + len(text)})
		}
		out.Write(text)
		pos = e.End
		if top {
			pending = append(pending, dropped...)
		} else if len(dropped) > 0 {
			// Nested: keep the comments inline as block comments would break
			// nothing; line comments cannot be inlined, so they go first.
			for _, c := range dropped {
				out.WriteString(" " + asBlock(c))
			}
		}
	}
	if top && len(pending) > 0 {
		pos = r.copyUntil(&out, pos, end, &pending)
	}
	out.Write(r.src[pos:end])
	return out.Bytes(), nil
}

// copyUntil copies src[pos:limit) to out; at the first newline it appends
// the pending comments before the line ending. It returns the new pos.
func (r *renderer) copyUntil(out *bytes.Buffer, pos, limit int, pending *[]string) int {
	nl := bytes.IndexByte(r.src[pos:limit], '\n')
	if nl < 0 {
		return pos
	}
	eol := pos + nl
	if eol > pos && r.src[eol-1] == '\r' {
		eol--
	}
	out.Write(r.src[pos:eol])
	for _, c := range *pending {
		out.WriteString(" " + c)
		r.moved++
	}
	*pending = nil
	return eol
}

func asBlock(c string) string {
	if strings.HasPrefix(c, "//") {
		return "/*" + strings.TrimSpace(c[2:]) + " */"
	}
	return c
}

// instance renders one edit's template with its bindings and returns the
// comments of the matched code that no binding keeps.
func (r *renderer) instance(e Edit, inner []Edit) ([]byte, []string, error) {
	if e.Literal {
		if len(inner) > 0 {
			return nil, nil, fmt.Errorf("edit [%d,%d) lies inside a literal edit", inner[0].Start, inner[0].End)
		}
		return []byte(e.Text), nil, nil
	}
	t := e.Template
	if t == nil {
		return nil, nil, nil // a deletion: the span and all it holds go
	}
	var out bytes.Buffer
	prev := 0
	lay := r.layout(e)
	if t.Stmts {
		out.Write(lineIndent(r.src, e.Start))
	}
	holes := t.Holes
	if e.Args[1] > e.Args[0] && t.Args[1] > t.Args[0] {
		holes = argsHoles(t)
	}
	for _, h := range holes {
		if h.Start < prev {
			continue
		}
		switch {
		case h.Local != "":
			out.WriteString(lay(t.Text[prev:h.Start]))
			if name, ok := e.Locals[h.Local]; ok {
				out.WriteString(name)
			} else {
				out.WriteString(h.Local)
			}
		case h.Qual != "":
			out.WriteString(lay(t.Text[prev:h.Start]))
			if q, ok := e.Quals[h.Qual]; !ok {
				return nil, nil, fmt.Errorf("no qualifier for %s", h.Qual)
			} else if q != "" {
				out.WriteString(q + ".")
			}
		case h.Var != "":
			b, ok := e.Binds[h.Var]
			if !ok {
				return nil, nil, fmt.Errorf("$%s is not bound", h.Var)
			}
			if h.Variadic && b.Start == b.End {
				// An empty rest: drop the separator before it too.
				cut := h.Start
				if h.CommaStart >= 0 {
					cut = h.CommaStart
				}
				out.WriteString(lay(t.Text[prev:max(cut, prev)]))
				prev = h.End
				continue
			}
			out.WriteString(lay(t.Text[prev:h.Start]))
			if lead := r.leadComment(e, b); lead != "" {
				out.WriteString(lead + " ")
			}
			text, err := r.span(b.Start, b.End, within(inner, b.Start, b.End), false)
			if err != nil {
				return nil, nil, err
			}
			if b.Prec < h.MinPrec {
				out.WriteString("(" + string(text) + ")")
			} else {
				out.Write(text)
			}
		default: // the matched call's argument list, as written
			out.WriteString(lay(t.Text[prev:h.Start]))
			text, err := r.span(e.Args[0], e.Args[1], within(inner, e.Args[0], e.Args[1]), false)
			if err != nil {
				return nil, nil, err
			}
			out.Write(text)
		}
		prev = h.End
	}
	out.WriteString(lay(t.Text[prev:]))
	text := out.Bytes()
	dropped := r.droppedComments(e)
	if e.Args[1] <= e.Args[0] && e.Call[1] > e.Call[0] {
		if laid, carried, ok := relayout(r.src, e.Call, text); ok {
			text = indentLines(laid, lineIndent(r.src, e.Start))
			dropped = without(dropped, carried)
		}
	}
	if t.Stmts {
		return append(text, r.eol()...), dropped, nil
	}
	if t.Prec < e.MinPrec {
		text = append(append([]byte("("), text...), ')')
	}
	return text, dropped, nil
}

// without returns list less one occurrence of each of drop.
func without(list, drop []string) []string {
	out := slices.Clone(list)
	for _, d := range drop {
		if i := slices.Index(out, strings.TrimSpace(d)); i >= 0 {
			out = slices.Delete(out, i, i+1)
		}
	}
	return out
}

// argsHoles replaces the holes inside the template's argument list by
// one hole (neither Var nor Qual) spanning the list.
func argsHoles(t *Template) []Hole {
	var out []Hole
	for _, h := range t.Holes {
		if h.Start < t.Args[0] || h.Start >= t.Args[1] {
			out = append(out, h)
		}
	}
	out = append(out, Hole{Start: t.Args[0], End: t.Args[1]})
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func within(edits []Edit, start, end int) []Edit {
	var out []Edit
	for _, e := range edits {
		if e.Start >= start && e.End <= end {
			out = append(out, e)
		}
	}
	return out
}

// droppedComments returns the comments inside the edit's span that are
// not inside any binding: they would be lost with the code they annotate.
func (r *renderer) droppedComments(e Edit) []string {
	var kept [][2]int
	if e.Args[1] > e.Args[0] && e.Template.Args[1] > e.Template.Args[0] {
		kept = append(kept, e.Args)
	}
	for _, b := range e.Binds {
		kept = append(kept, [2]int{b.Start, b.End})
		if lead := r.leadComment(e, b); lead != "" {
			kept = append(kept, [2]int{b.Start - len(lead) - r.gapBefore(b.Start), b.Start})
		}
	}
	var out []string
	fset := token.NewFileSet()
	body := r.src[e.Start:e.End]
	f := fset.AddFile("", -1, len(body))
	var s scanner.Scanner
	s.Init(f, body, nil, scanner.ScanComments)
	for {
		p, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT {
			continue
		}
		off := e.Start + f.Offset(p)
		inBinding := false
		for _, k := range kept {
			if off >= k[0] && off < k[1] {
				inBinding = true
			}
		}
		if !inBinding {
			out = append(out, strings.TrimRight(lit, "\r"))
		}
	}
	return out
}

// leadComment returns the /* block */ comment that directly precedes a
// binding inside the matched expression ("Create(ctx, /* who */ user)"):
// it travels with the binding. Line comments cannot, as the replacement
// is rendered on one line; they are moved to the end of the line.
func (r *renderer) leadComment(e Edit, b Binding) string {
	if b.Start == b.End {
		return ""
	}
	end := b.Start - r.gapBefore(b.Start)
	if end < e.Start+4 || string(r.src[end-2:end]) != "*/" {
		return ""
	}
	start := bytes.LastIndex(r.src[e.Start:end-2], []byte("/*"))
	if start < 0 {
		return ""
	}
	return string(r.src[e.Start+start : end])
}

// gapBefore counts the spaces and tabs just before offset i.
func (r *renderer) gapBefore(i int) int {
	n := 0
	for i-n > 0 && (r.src[i-n-1] == ' ' || r.src[i-n-1] == '\t') {
		n++
	}
	return n
}

// layout returns how the template text of an edit is written: as it
// is, or, for statements, with each of its line breaks followed by the
// indentation of the line they go before instead of the template's
// own (a bound expression's text is copied as it is). gofmt's layout
// (formatTouched) then indents what the statements nest.
func (r *renderer) layout(e Edit) func(string) string {
	if !e.Template.Stmts {
		return func(s string) string { return s }
	}
	indent := string(lineIndent(r.src, e.Start))
	return func(s string) string {
		lines := strings.Split(s, "\n")
		for i := 1; i < len(lines); i++ {
			lines[i] = indent + strings.TrimLeft(lines[i], " \t")
		}
		return strings.Join(lines, r.eol())
	}
}

func (r *renderer) eol() string {
	if r.crlf {
		return "\r\n"
	}
	return "\n"
}
