package load

import (
	"go/scanner"
	"go/token"
)

// skimBodies returns src with the bodies of its top-level functions and
// methods blanked out — every byte between the body's braces replaced by
// a space, newlines kept — so that parsing it costs little more than
// scanning, and every position of what remains is unchanged. Braces of
// struct and interface types in signatures are told apart from bodies.
// On anything it does not understand it returns src unchanged.
func skimBodies(src []byte) []byte {
	out := append([]byte(nil), src...)
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, nil, 0)
	depth := 0      // brace depth outside skimmed bodies
	inFunc := false // after a top-level func keyword, before its body
	parens := 0     // ( and [ nesting inside the signature
	types := 0      // struct and interface braces open inside the signature
	prev := token.SEMICOLON
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			return out
		}
		switch {
		case !inFunc:
			switch tok {
			case token.FUNC:
				// A declaration starts a line at top level; a literal follows
				// an operator (var f = func() {...}) and keeps its body.
				inFunc = depth == 0 && prev == token.SEMICOLON
				parens, types = 0, 0
			case token.LBRACE:
				depth++
			case token.RBRACE:
				depth--
			}
		case tok == token.LPAREN || tok == token.LBRACK:
			parens++
		case tok == token.RPAREN || tok == token.RBRACK:
			parens--
		case tok == token.LBRACE && (prev == token.STRUCT || prev == token.INTERFACE || types > 0 || parens > 0):
			types++
		case tok == token.LBRACE:
			end, ok := skipBody(&s)
			if !ok {
				return src
			}
			blank(out, file.Offset(pos)+1, file.Offset(end))
			inFunc = false
		case tok == token.RBRACE:
			types--
		case tok == token.SEMICOLON && parens == 0 && types == 0:
			inFunc = false // a declaration without a body
		}
		prev = tok
	}
}

// skipBody scans to the brace closing a body whose { was just read.
func skipBody(s *scanner.Scanner) (token.Pos, bool) {
	n := 1
	for {
		pos, tok, _ := s.Scan()
		switch tok {
		case token.EOF:
			return 0, false
		case token.LBRACE:
			n++
		case token.RBRACE:
			n--
			if n == 0 {
				return pos, true
			}
		}
	}
}

// blank replaces b[from:to) with spaces, keeping line breaks.
func blank(b []byte, from, to int) {
	for i := from; i < to; i++ {
		if b[i] != '\n' && b[i] != '\r' {
			b[i] = ' '
		}
	}
}
