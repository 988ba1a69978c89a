package spec

import (
	"go/ast"
	"go/parser"
	"go/token"
)

// This file reads a replacement written as statements ending in an
// expression, eg's "n := fmt.Sprintf(...); return errors.New(n)": the
// statements go before the statement that encloses the match, the
// expression takes the match's place.

// LocalRef is one occurrence of a name a replacement's statements
// declare.
type LocalRef struct {
	Name   string
	Offset int // in Text
}

// stmtPrefix wraps statements into a file the parser takes; offsets in
// Text are offsets past it.
const stmtPrefix = "package template;func _(){"

// parseStmts parses goText as statements whose last one is an
// expression (or return of one). ok is false, with no error, when the
// text is not statements: the caller then reports why it is no
// expression. A last statement of another kind is an error.
func (t *Template) parseStmts(goText []byte) (ok bool, err error) {
	src := stmtPrefix + string(goText) + "\n}"
	f, perr := parser.ParseFile(t.fset, "template", src, parser.SkipObjectResolution)
	if perr != nil {
		return false, nil
	}
	list := f.Decls[0].(*ast.FuncDecl).Body.List
	if len(list) < 2 {
		return false, nil
	}
	t.file = f
	t.base = t.fset.File(f.Pos()).Base() + len(stmtPrefix)
	last := list[len(list)-1]
	switch st := last.(type) {
	case *ast.ExprStmt:
		t.Expr = st.X
	case *ast.ReturnStmt:
		if len(st.Results) == 1 {
			t.Expr = st.Results[0]
		}
	}
	if t.Expr == nil {
		return true, &Error{t.PosAt(t.off(last.Pos())), "the last statement of a replacement must be its expression (or return it)"}
	}
	t.Stmts = list[:len(list)-1]
	return true, nil
}

// stmtNodes are the nodes of a statements template to walk.
func (t *Template) stmtNodes() []ast.Node {
	var out []ast.Node
	for _, s := range t.Stmts {
		out = append(out, s)
	}
	if t.Expr != nil {
		out = append(out, t.Expr)
	}
	return out
}

// declared returns the names the statements declare (x := ..., var x,
// for k, v := range), and a wildcard declared there, which is an error.
func (t *Template) declared() (map[string]bool, *ast.Ident) {
	declared := map[string]bool{}
	var bad *ast.Ident
	declare := func(id *ast.Ident) {
		switch {
		case id.Name == "_":
		case t.isVar(id):
			bad = id
		default:
			declared[id.Name] = true
		}
	}
	for _, s := range t.Stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false // its names are its own
			case *ast.AssignStmt:
				if n.Tok == token.DEFINE {
					for _, l := range n.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							declare(id)
						}
					}
				}
			case *ast.RangeStmt:
				if n.Tok == token.DEFINE {
					for _, x := range []ast.Expr{n.Key, n.Value} {
						if id, ok := x.(*ast.Ident); ok {
							declare(id)
						}
					}
				}
			case *ast.ValueSpec:
				for _, id := range n.Names {
					declare(id)
				}
			case *ast.TypeSpec:
				declare(n.Name)
			}
			return true
		})
	}
	return declared, bad
}

// checkFlow refuses a return, a jump (break, continue, goto,
// fallthrough) or a defer among the statements, outside a function
// literal: placed in the code, it would act on the function of each
// site. A break or continue inside a loop of the statements would be
// harmless, but is refused too: no template needs one.
func (t *Template) checkFlow() error {
	var bad ast.Node
	for _, s := range t.Stmts {
		ast.Inspect(s, func(n ast.Node) bool {
			switch n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ReturnStmt, *ast.BranchStmt, *ast.DeferStmt:
				if bad == nil {
					bad = n
				}
			}
			return bad == nil
		})
	}
	if bad != nil {
		return &Error{t.PosAt(t.off(bad.Pos())), "a replacement's statements cannot return, jump or defer: they would act on the function of each site"}
	}
	return nil
}

// findLocals records every occurrence of the names the statements
// declare; a wildcard cannot be declared there.
func (t *Template) findLocals() error {
	if err := t.checkFlow(); err != nil {
		return err
	}
	declared, bad := t.declared()
	if bad != nil {
		return &Error{t.PosAt(t.off(bad.Pos())), "a replacement's statements cannot declare a wildcard: declare a new name"}
	}
	if len(declared) == 0 {
		return nil
	}
	skip := map[*ast.Ident]bool{}
	inspect(t.stmtNodes(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok {
				skip[id] = true // a field name; a map key naming a local stays unrenamed
			}
		case *ast.Ident:
			if declared[n.Name] && !skip[n] {
				t.Locals = append(t.Locals, LocalRef{Name: n.Name, Offset: t.off(n.Pos())})
			}
		}
		return true
	})
	return nil
}

// LocalNames returns the distinct names the statements declare, in
// order of first occurrence.
func (t *Template) LocalNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range t.Locals {
		if !seen[l.Name] {
			seen[l.Name] = true
			out = append(out, l.Name)
		}
	}
	return out
}

// StmtFile returns the file the statements were parsed into (a func _
// holding them and the expression) and its file set, for a type check;
// nil for an expression template.
func (t *Template) StmtFile() (*ast.File, *token.FileSet) {
	return t.file, t.fset
}
