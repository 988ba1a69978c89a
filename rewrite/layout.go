package rewrite

import (
	"bytes"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"

	"github.com/dave/dst"
	"github.com/dave/dst/decorator"
)

// This file lays out a replacement call whose argument list differs from
// the matched call's, when the matched call was written over several
// lines: the replacement is built as a dst node and each argument bound
// from the matched call takes that argument's decorations (its line, its
// comments); an argument the template adds gets a line of its own when
// the matched call had one argument per line. Printed by dst, the node
// is then spliced in by byte offsets like any other replacement.

const layoutPrefix = "package p\n\nvar _ = "

// relayout returns text (a replacement rendered on one line) laid out as
// the matched call src[call[0]:call[1]] ("(...)") was, with the comments
// it carried over; ok is false where it does not apply (a one-line call,
// a replacement that is not a call, text dst cannot parse), and text is
// then used as it is.
func relayout(src []byte, call [2]int, text []byte) (out []byte, carried []string, ok bool) {
	args := src[call[0]:call[1]]
	if call[1] <= call[0] || !bytes.Contains(args, []byte("\n")) {
		return nil, nil, false
	}
	orig, origText, err := parseCall("f" + string(args))
	if err != nil {
		return nil, nil, false
	}
	repl, replText, err := parseCall(string(text))
	if err != nil || len(orig.call.Args) == 0 {
		return nil, nil, false
	}
	perLine := orig.call.Args[0].Decorations().Before == dst.NewLine
	used := map[int]bool{}
	for i, a := range repl.call.Args {
		k := sameArg(origText, replText[i], used)
		if k < 0 {
			if perLine {
				a.Decorations().Before = dst.NewLine
			}
			continue
		}
		used[k] = true
		from, to := orig.call.Args[k].Decorations(), a.Decorations()
		to.Before, to.Start, to.End = from.Before, from.Start, from.End
		carried = append(append(carried, from.Start...), from.End...)
	}
	last := orig.call.Args[len(orig.call.Args)-1].Decorations()
	if n := len(repl.call.Args); n > 0 && last.After == dst.NewLine {
		repl.call.Args[n-1].Decorations().After = dst.NewLine
	}
	var buf bytes.Buffer
	if err := decorator.Fprint(&buf, repl.file); err != nil {
		return nil, nil, false
	}
	printed, found := strings.CutPrefix(buf.String(), layoutPrefix)
	if !found {
		return nil, nil, false
	}
	return []byte(strings.TrimSuffix(printed, "\n")), carried, true
}

// parsedCall is an expression parsed in a file of its own, as dst sees
// it, with its outermost call.
type parsedCall struct {
	file *dst.File
	call *dst.CallExpr
}

// parseCall parses expr, which must be a call, and returns it with the
// source text of each argument.
func parseCall(expr string) (parsedCall, []string, error) {
	fset := token.NewFileSet()
	src := layoutPrefix + expr + "\n"
	af, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		return parsedCall{}, nil, err
	}
	dec := decorator.NewDecorator(fset)
	f, err := dec.DecorateFile(af)
	if err != nil {
		return parsedCall{}, nil, err
	}
	acall, ok := af.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0].(*ast.CallExpr)
	if !ok {
		return parsedCall{}, nil, errNotCall
	}
	texts := make([]string, len(acall.Args))
	for i, a := range acall.Args {
		texts[i] = src[fset.Position(a.Pos()).Offset:fset.Position(a.End()).Offset]
	}
	return parsedCall{file: f, call: dec.Dst.Nodes[acall].(*dst.CallExpr)}, texts, nil
}

var errNotCall = errors.New("not a call")

// sameArg returns the index of the first unused original argument whose
// text is arg, or -1.
func sameArg(orig []string, arg string, used map[int]bool) int {
	for k, t := range orig {
		if !used[k] && t == arg {
			return k
		}
	}
	return -1
}

// indentLines indents every line of text after the first by indent.
func indentLines(text []byte, indent []byte) []byte {
	if len(indent) == 0 || !bytes.Contains(text, []byte("\n")) {
		return text
	}
	return bytes.ReplaceAll(text, []byte("\n"), append([]byte("\n"), indent...))
}

// lineIndent is the leading blanks of the line holding src[off].
func lineIndent(src []byte, off int) []byte {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return src[start:end]
}
