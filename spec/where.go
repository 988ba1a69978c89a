package spec

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"

	"go.yaml.in/yaml/v3"
)

// TypeRef is the type a rule's where: gives a metavariable: a named
// type of an imported package, a predeclared type (Path empty), or a
// pointer to one ("*ws.Manager", "*string").
type TypeRef struct {
	Text    string // as written
	Qual    string // the import name used
	Path    string // its import path
	Name    string // the type's name
	Pointer bool
	Pos     token.Position
}

// MethodSym is a selector on a typed metavariable in a template:
// $m.Name, where where: gives $m a type. In match it names the method
// (or, for a field, the field) the rule is about.
type MethodSym struct {
	Var    string // the metavariable's name, without $
	Name   string
	Offset int // of the '$' in Text
	Sel    *ast.SelectorExpr
}

// readWhere parses a rule's where: map (metavariable -> type) and finds
// the selectors on typed metavariables in both templates.
func readWhere(file string, r *Rule, raw map[string]string, n *yaml.Node, imports map[string]string) error {
	if len(raw) == 0 {
		return nil
	}
	nodes := mapping(n)
	r.Where = map[string]*TypeRef{}
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		pos := keyPos(file, nodes, name, r.Pos)
		if _, ok := r.Match.VarByName(name); !ok {
			return &Error{pos, fmt.Sprintf("rule %s: where: $%s is not a metavariable of match", r.ID, name)}
		}
		tr, err := parseTypeRef(raw[name], imports)
		if err != nil {
			return &Error{pos, fmt.Sprintf("rule %s: where: %s: %v", r.ID, name, err)}
		}
		tr.Pos = pos
		r.Where[name] = tr
	}
	r.Match.Methods = methodSyms(r.Match, r.Where)
	if r.Replace.Expr != nil {
		r.Replace.Methods = methodSyms(r.Replace, r.Where)
	}
	return nil
}

// parseTypeRef reads "pkg.T" or "*pkg.T".
func parseTypeRef(text string, imports map[string]string) (*TypeRef, error) {
	e, err := parser.ParseExpr(text)
	if err != nil {
		return nil, fmt.Errorf("type %q does not parse", text)
	}
	tr := &TypeRef{Text: text}
	if star, ok := e.(*ast.StarExpr); ok {
		tr.Pointer, e = true, star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		tr.Name = id.Name // a predeclared type (string, error...): the engine checks it is one
		return tr, nil
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return nil, fmt.Errorf("type %q: want a predeclared type, or a named type of an imported package: pkg.T or *pkg.T", text)
	}
	qual, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, fmt.Errorf("type %q: want pkg.T or *pkg.T", text)
	}
	if tr.Path, ok = imports[qual.Name]; !ok {
		return nil, fmt.Errorf("type %q: imports: does not declare %s", text, qual.Name)
	}
	tr.Qual, tr.Name = qual.Name, sel.Sel.Name
	return tr, nil
}

// methodSyms lists the selectors $v.Name of t whose $v has a type.
func methodSyms(t *Template, where map[string]*TypeRef) []MethodSym {
	var out []MethodSym
	ast.Inspect(t.Expr, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		id, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if mv, ok := t.VarAt(id); ok && where[mv.Name] != nil {
			out = append(out, MethodSym{Var: mv.Name, Name: sel.Sel.Name, Offset: mv.Offset, Sel: sel})
		}
		return true
	})
	return out
}
