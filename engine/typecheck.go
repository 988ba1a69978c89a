package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/canonize/canonize/spec"
)

// This file checks, when a spec's rules are compiled, that a rule's
// replacement has its match's type, as eg checks its templates: a
// replacement of another type changes what the code around every site
// means (x := match declares x of the match's type), or does not
// compile there.

// checkTypes type-checks a YAML rule's templates as expressions and
// refuses a replacement whose type is not the match's. A metavariable
// with no type (no where:) takes the parameter type of the call match
// passes it to (argTypes), else it is an operand of invalid type:
// go/types reports nothing about it, and a template whose type depends
// on one has none and is not checked, nor is one that does not type-check
// (generic calls, say: their type arguments may come from the code).
func checkTypes(cr *Rule, lookup Lookup, partial bool) error {
	if cr.Go != nil || cr.Delete || cr.Retype == spec.RetypeAny {
		return nil // a template file was checked as a whole
	}
	tm, inferred := templateType(cr, cr.Match, lookup, partial, nil)
	tr, _ := templateType(cr, cr.Replace, lookup, partial, inferred)
	if tm == nil || tr == nil {
		return nil
	}
	if cr.Retype == spec.RetypeAssignable && assignableTo(tr, tm) {
		return nil
	}
	if why := replacementType(tm, tr); why != "" {
		if cr.Retype == spec.RetypeAssignable {
			why = fmt.Sprintf("%s is not assignable to %s", tr, tm)
		} else {
			why += " (retype: assignable or any accepts another)"
		}
		return &spec.Error{Pos: cr.Replace.Pos, Msg: fmt.Sprintf("rule %s: %s", cr.ID, why)}
	}
	return nil
}

// templateType returns the type of a template's expression, or nil
// when it has none the check can trust, and the types of the match's
// untyped metavariables that are arguments of a call (legacy.F($s)
// gives $s F's parameter type): those type them in the replacement.
func templateType(cr *Rule, t *spec.Template, lookup Lookup, partial bool, inferred map[string]types.Type) (types.Type, map[string]types.Type) {
	pkg := types.NewPackage("canonize/template", "template")
	scope := pkg.Scope()
	for _, s := range t.Symbols {
		p := lookup(s.Path)
		if p == nil || !p.Complete() {
			return nil, nil
		}
		if scope.Lookup(s.Qual) == nil {
			scope.Insert(types.NewPkgName(token.NoPos, pkg, s.Qual, p))
		}
	}
	for _, name := range t.VarNames() {
		var typ types.Type = types.Typ[types.Invalid]
		if _, ok := cr.Where[name]; ok {
			if rt, err := cr.typeOf(name, lookup, partial); err == nil && rt != nil {
				typ = rt
			}
		} else if it := inferred[name]; it != nil {
			typ = it
		}
		scope.Insert(types.NewVar(token.NoPos, pkg, "_"+name, typ))
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if f, fset := t.StmtFile(); f != nil {
		if !checkStmts(fset, pkg, f, info) {
			return nil, nil
		}
	} else if err := types.CheckExpr(token.NewFileSet(), pkg, token.NoPos, t.Expr, info); err != nil {
		return nil, nil
	}
	tv, ok := info.Types[t.Expr]
	if !ok || tv.Type == nil || tv.Type == types.Typ[types.Invalid] {
		return nil, argTypes(cr, t, info)
	}
	return tv.Type, argTypes(cr, t, info)
}

// argTypes gives each metavariable without a where: type that is a
// fixed argument of a call of a known, non-generic function the
// parameter's type, when every such use agrees. The code it binds is
// assignable to that type, not always of it: the check is then of the
// replacement as the template's author reads it.
func argTypes(cr *Rule, t *spec.Template, info *types.Info) map[string]types.Type {
	out := map[string]types.Type{}
	clash := map[string]bool{}
	ast.Inspect(t.Expr, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sig, ok := info.TypeOf(call.Fun).(*types.Signature)
		if !ok || sig.TypeParams() != nil || call.Ellipsis.IsValid() {
			return true
		}
		for i, a := range call.Args {
			id, ok := a.(*ast.Ident)
			mv, isVar := t.VarAt(id)
			if !ok || !isVar || mv.Variadic || cr.Where[mv.Name] != nil || i >= sig.Params().Len() || sig.Variadic() && i == sig.Params().Len()-1 {
				continue
			}
			pt := sig.Params().At(i).Type()
			if old, seen := out[mv.Name]; seen && !types.Identical(old, pt) {
				clash[mv.Name] = true
			}
			out[mv.Name] = pt
		}
		return true
	})
	for name := range clash {
		delete(out, name)
	}
	return out
}

// assignableTo is types.AssignableTo, element by element for the tuples
// of multi-valued calls (as return f() assigns them).
func assignableTo(v, t types.Type) bool {
	vt, ok1 := v.(*types.Tuple)
	tt, ok2 := t.(*types.Tuple)
	if !ok1 || !ok2 {
		return types.AssignableTo(v, t)
	}
	if vt.Len() != tt.Len() {
		return false
	}
	for i := range vt.Len() {
		if !types.AssignableTo(vt.At(i).Type(), tt.At(i).Type()) {
			return false
		}
	}
	return true
}

// checkStmts type-checks a replacement written as statements: the
// function holding them and its last expression, in pkg, whose scope
// holds the template's packages and wildcards. The last expression
// stands alone as a statement there, so "is not used" is no error (nor
// is a declared name only the expression would have used).
func checkStmts(fset *token.FileSet, pkg *types.Package, f *ast.File, info *types.Info) bool {
	ok := true
	conf := &types.Config{Error: func(err error) {
		if te, isType := err.(types.Error); !isType || !strings.Contains(te.Msg, "is not used") && !strings.HasPrefix(te.Msg, "declared and not used") {
			ok = false
		}
	}}
	_ = types.NewChecker(conf, fset, pkg, info).Files([]*ast.File{f})
	return ok
}
