package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"

	"github.com/canonize/canonize/spec"
)

// This file type-checks a rule read from a template file (templates:),
// as eg does before it touches code: the file must type-check against
// the packages the loaded program sees, before and after must have
// identical signatures, and after's expression must have before's type
// (any, when before's is void: the match then stands alone in a
// statement). The wildcards' types come from before's parameters.

// errNotInView says a template imports a package a partial view (one
// analysis pass) cannot see: no code of that view can match it.
var errNotInView = errors.New("template imports a package not in view")

// checkGoTemplate type-checks r's template file and returns the type of
// each wildcard. Errors are *spec.Error values positioned in the file.
func checkGoTemplate(r *spec.Rule, lookup Lookup, partial bool) (map[string]types.Type, error) {
	g := r.Go
	var first error
	missing := false
	conf := types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			p := lookup(path)
			if p == nil || (partial && !p.Complete()) {
				missing = true
				return nil, fmt.Errorf("package %s cannot be loaded", path)
			}
			return p, nil
		}),
		Error: func(err error) {
			if first == nil {
				first = err
			}
		},
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	pkg, _ := conf.Check("template", g.Fset, []*ast.File{g.File}, info)
	if partial && missing {
		return nil, errNotInView
	}
	if te, ok := first.(types.Error); ok {
		return nil, &spec.Error{Pos: g.Fset.Position(te.Pos), Msg: "template does not type-check: " + te.Msg}
	}
	bs, as := pkg.Scope().Lookup("before").Type(), pkg.Scope().Lookup("after").Type()
	if !types.Identical(bs, as) {
		return nil, &spec.Error{Pos: g.Fset.Position(g.After.Name.Pos()), Msg: fmt.Sprintf("before %s and after %s functions have different signatures", bs, as)}
	}
	before, after := g.Exprs()
	nodes := []ast.Node{before}
	for _, st := range g.After.Body.List {
		nodes = append(nodes, st)
	}
	if err := ownNames(g, pkg, info, nodes...); err != nil {
		return nil, err
	}
	tb, ta := info.TypeOf(before), info.TypeOf(after)
	if err := replacementType(tb, ta); err != "" {
		return nil, &spec.Error{Pos: g.Fset.Position(after.Pos()), Msg: fmt.Sprintf("rule %s: %s", r.ID, err)}
	}
	out := map[string]types.Type{}
	for _, fld := range g.Before.Type.Params.List {
		for _, id := range fld.Names {
			out[id.Name] = info.Defs[id].Type()
		}
	}
	return out, nil
}

// ownNames refuses a template expression naming something the template
// file itself declares (other than the wildcards): written into the
// code, that name would mean nothing there.
func ownNames(g *spec.GoTemplate, pkg *types.Package, info *types.Info, exprs ...ast.Node) error {
	var bad *ast.Ident
	for _, e := range exprs {
		ast.Inspect(e, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok || bad != nil {
				return bad == nil
			}
			if obj := info.Uses[id]; obj != nil && obj.Pkg() == pkg && obj.Parent() == pkg.Scope() {
				bad = id
			}
			return true
		})
	}
	if bad != nil {
		return &spec.Error{Pos: g.Fset.Position(bad.Pos()), Msg: fmt.Sprintf("%s is declared in the template file: a template may name only its wildcards, imported packages and predeclared names", bad.Name)}
	}
	return nil
}

// replacementType explains why a replacement of type ta may not stand where a
// match of type tb stood; empty when it may. The types must be
// identical: assignable is not enough, since x := match would change
// x's type. A void match stands alone in a statement, where any
// replacement may.
func replacementType(tb, ta types.Type) string {
	if t, ok := tb.(*types.Tuple); ok && t.Len() == 0 {
		return ""
	}
	if tb == nil || ta == nil || types.Identical(tb, ta) {
		return ""
	}
	if isUntyped(ta) && (types.AssignableTo(ta, tb) || isUntyped(tb) && types.Identical(types.Default(ta), types.Default(tb))) {
		return "" // an untyped constant takes the match's type, or keeps the match's default
	}
	return fmt.Sprintf("%s is not a safe replacement for %s: the replacement must have the match's type", ta, tb)
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func isUntyped(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && b.Info()&types.IsUntyped != 0
}
