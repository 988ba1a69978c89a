package rewrite

import (
	"go/ast"
	"sort"

	"github.com/canonize/canonize/spec"
)

// FromSpec reduces a replace template to text with holes: one for each
// qualifier (the template's import name and its dot), one for each
// metavariable, with the precedence its place needs, and one for each
// name its statements declare. A template with statements yields its
// expression here (and its statements from Prelude).
func FromSpec(t *spec.Template) *Template {
	if len(t.Stmts) == 0 {
		return fromNodes(t, 0, len(t.Text), t.Expr)
	}
	return fromNodes(t, t.Offset(t.Expr.Pos()), t.Offset(t.Expr.End()), t.Expr)
}

// Prelude reduces the statements of a replace template to text with
// holes, to insert before the statement enclosing a match; nil when
// the template has none.
func Prelude(t *spec.Template) *Template {
	if len(t.Stmts) == 0 {
		return nil
	}
	nodes := make([]ast.Node, len(t.Stmts))
	for i, s := range t.Stmts {
		nodes[i] = s
	}
	rt := fromNodes(t, t.Offset(t.Stmts[0].Pos()), t.Offset(t.Stmts[len(t.Stmts)-1].End()), nodes...)
	rt.Stmts = true
	return rt
}

// fromNodes makes the template of t.Text[start:end], which nodes span.
func fromNodes(t *spec.Template, start, end int, nodes ...ast.Node) *Template {
	rt := &Template{Text: t.Text[start:end], Prec: PrecPrimary}
	if e, ok := nodes[0].(ast.Expr); ok && len(nodes) == 1 {
		rt.Prec = Precedence(e)
		if call, ok := e.(*ast.CallExpr); ok && onlyVarArgs(t, call) {
			rt.Args = [2]int{t.Offset(call.Lparen) - start, t.Offset(call.Rparen) + 1 - start}
		}
	}
	for _, n := range nodes {
		rt.Holes = append(rt.Holes, qualifierHoles(t, n)...)
		rt.Holes = append(rt.Holes, varHoles(t, n)...)
	}
	for _, l := range t.Locals {
		if l.Offset >= start && l.Offset < end {
			rt.Holes = append(rt.Holes, Hole{Start: l.Offset, End: l.Offset + len(l.Name), Local: l.Name, CommaStart: -1})
		}
	}
	for i := range rt.Holes {
		h := &rt.Holes[i]
		h.Start, h.End = h.Start-start, h.End-start
		if h.CommaStart >= 0 {
			h.CommaStart -= start
		}
	}
	sort.Slice(rt.Holes, func(i, j int) bool { return rt.Holes[i].Start < rt.Holes[j].Start })
	return rt
}

func qualifierHoles(t *spec.Template, root ast.Node) []Hole {
	var out []Hole
	ast.Inspect(root, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		for _, s := range t.Symbols {
			if s.Sel == sel {
				id := sel.X.(*ast.Ident)
				out = append(out, Hole{Start: t.Offset(id.Pos()), End: t.Offset(sel.Sel.Pos()), Qual: s.Qual, CommaStart: -1})
				return false
			}
		}
		return true
	})
	return out
}

// varHoles are the metavariables' holes; each needs its parent for
// precedence and, when variadic, for the separator before it.
func varHoles(t *spec.Template, root ast.Node) []Hole {
	var out []Hole
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if id, ok := n.(*ast.Ident); ok {
			if mv, ok := t.VarAt(id); ok {
				var parent ast.Node
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				out = append(out, varHole(t, mv, id, parent))
			}
		}
		stack = append(stack, n)
		return true
	})
	return out
}

func varHole(t *spec.Template, mv *spec.MetaVar, id *ast.Ident, parent ast.Node) Hole {
	h := Hole{Start: mv.Offset, End: mv.Offset + len(mv.Name) + 1, Var: mv.Name, CommaStart: -1}
	h.MinPrec = MinPrec(parent, id)
	if call, ok := parent.(*ast.CallExpr); ok && mv.Variadic {
		h.Variadic = true
		h.End = t.Offset(call.Ellipsis) + 3
		if i := len(call.Args) - 1; i > 0 {
			h.CommaStart = t.Offset(call.Args[i-1].End())
		}
	}
	return h
}

// onlyVarArgs reports whether every argument of call is a metavariable.
func onlyVarArgs(t *spec.Template, call *ast.CallExpr) bool {
	for _, a := range call.Args {
		id, ok := a.(*ast.Ident)
		if !ok {
			return false
		}
		if _, ok := t.VarAt(id); !ok {
			return false
		}
	}
	return true
}

// Precedence returns the binding strength of e as an operand.
func Precedence(e ast.Expr) int {
	switch e := e.(type) {
	case *ast.BinaryExpr:
		return e.Op.Precedence()
	case *ast.UnaryExpr, *ast.StarExpr:
		return PrecUnary
	case *ast.KeyValueExpr:
		return 0
	}
	return PrecPrimary
}

// MinPrec returns the least precedence an expression replacing child may
// have in parent without parentheses.
func MinPrec(parent ast.Node, child ast.Expr) int {
	switch p := parent.(type) {
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr, *ast.SliceExpr, *ast.TypeAssertExpr:
		return PrecPrimary
	case *ast.CallExpr:
		if p.Fun == child {
			return PrecPrimary
		}
	case *ast.StarExpr, *ast.UnaryExpr:
		return PrecUnary
	case *ast.BinaryExpr:
		if p.Y == child {
			return p.Op.Precedence() + 1
		}
		return p.Op.Precedence()
	}
	return 0
}
