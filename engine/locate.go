package engine

import (
	"bytes"
	"go/ast"
	"go/printer"
	goscanner "go/scanner"
	"go/token"
	"sort"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// FileScope is the Func of a site outside any function declaration: a
// package-level var or const initialiser.
const FileScope = "<file scope>"

// EnclosingFunc names the function declaration of f that holds pos as
// reports write it: "F", "T.M" or "(*T).M" (type parameters dropped, so
// that renaming one does not move the site), or FileScope. A function
// literal belongs to the declaration it is written in.
func EnclosingFunc(f *ast.File, pos token.Pos) string {
	// Decls are in source order and do not overlap.
	i := sort.Search(len(f.Decls), func(i int) bool { return f.Decls[i].End() > pos })
	if i == len(f.Decls) || f.Decls[i].Pos() > pos {
		return FileScope
	}
	fd, ok := f.Decls[i].(*ast.FuncDecl)
	if !ok {
		return FileScope
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	recv, star := receiverName(fd.Recv.List[0].Type)
	if star {
		return "(*" + recv + ")." + fd.Name.Name
	}
	return recv + "." + fd.Name.Name
}

// receiverName is the base type name of a receiver type expression and
// whether it is a pointer: *T[K] gives T, true.
func receiverName(e ast.Expr) (string, bool) {
	star := false
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			star, e = true, x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		case *ast.Ident:
			return x.Name, star
		default:
			return "?", star
		}
	}
}

// ExprAt returns the expression a report at pos is about, for sites
// known only by a position (Go's inliner reports calls at their first
// byte): the innermost call starting at pos, or else the reference at
// pos (an identifier, or the selector it names). Nil if pos holds none.
func ExprAt(f *ast.File, pos token.Pos) ast.Expr {
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	for _, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Pos() == pos {
			return call
		}
	}
	if len(path) == 0 {
		return nil
	}
	id, ok := path[0].(*ast.Ident)
	if !ok {
		return nil
	}
	if len(path) > 1 {
		if sel, ok := path[1].(*ast.SelectorExpr); ok && sel.Sel == id {
			return sel
		}
	}
	return id
}

// NormalText is the text of e with layout and comments taken out: its
// tokens, one space apart, without the trailing commas and semicolons
// that only a line break puts there. Reformatting the code, or moving
// it, does not change it; changing a token does.
func NormalText(fset *token.FileSet, e ast.Expr) string {
	if e == nil {
		return ""
	}
	var buf bytes.Buffer
	// The printer drops the comments of a bare expression; it is used
	// only to get source text back from the syntax tree, whose layout
	// the scan below then throws away.
	if err := printer.Fprint(&buf, fset, e); err != nil {
		return ""
	}
	src := buf.Bytes()
	var s goscanner.Scanner
	file := token.NewFileSet().AddFile("", -1, len(src))
	s.Init(file, src, nil, 0)
	var toks []string
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		text := lit
		if tok == token.SEMICOLON {
			text = ";" // "\n" when inserted at a line end
		}
		if text == "" {
			text = tok.String()
		}
		if closing(tok) && len(toks) > 0 && (toks[len(toks)-1] == "," || toks[len(toks)-1] == ";") {
			toks = toks[:len(toks)-1]
		}
		toks = append(toks, text)
	}
	if n := len(toks); n > 0 && toks[n-1] == ";" {
		toks = toks[:n-1]
	}
	return strings.Join(toks, " ")
}

func closing(t token.Token) bool {
	return t == token.RPAREN || t == token.RBRACK || t == token.RBRACE
}
