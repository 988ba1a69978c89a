package engine

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/canonize/canonize/spec"
)

// This file compiles method rules: a selector $m.Name in a template,
// where the rule's where: gives $m a type, names the method (or field)
// that type's method set resolves Name to — declared on it, or promoted
// from an embedded field — by key, as package symbols are.

// compileMethods resolves the rule's typed selectors: match's become
// roots (the match is anchored on them), replace's are the symbols the
// replacement introduces. Every other typed metavariable gets its type.
func compileMethods(cr *Rule, lookup Lookup, partial bool) error {
	for _, ms := range cr.Match.Methods {
		key, err := methodKey(cr, cr.Match, ms, lookup, partial)
		if err != nil {
			return err
		}
		if key == "" {
			continue
		}
		cr.symKey[ms.Sel] = key
		cr.roots = append(cr.roots, key)
		cr.receivers[ms.Var] = true
	}
	for name, tr := range cr.Where {
		if cr.receivers[name] {
			continue
		}
		typ, err := cr.typeOf(name, lookup, partial)
		if err != nil {
			return &spec.Error{Pos: tr.Pos, Msg: fmt.Sprintf("rule %s: where: %s: %v", cr.ID, name, err)}
		}
		if typ != nil {
			cr.typed[name] = typ
		}
	}
	if cr.Delete {
		return nil
	}
	for _, ms := range cr.Replace.Methods {
		key, err := methodKey(cr, cr.Replace, ms, lookup, partial)
		if err != nil {
			return err
		}
		if key == "" {
			continue
		}
		cr.replSyms = append(cr.replSyms, key)
		cr.replKey[ms.Sel] = key
	}
	return nil
}

// methodKey finds the key of what $v.Name selects on $v's type.
// A field's key is recorded in r.fields.
func methodKey(r *Rule, t *spec.Template, ms spec.MethodSym, lookup Lookup, partial bool) (string, error) {
	tr := r.Where[ms.Var]
	at := t.PosAt(ms.Offset + len(ms.Var) + 2)
	typ, err := r.typeOf(ms.Var, lookup, partial)
	if err != nil {
		return "", &spec.Error{Pos: tr.Pos, Msg: fmt.Sprintf("rule %s: where: %s: %v", r.ID, ms.Var, err)}
	}
	if typ == nil { // taken on trust: the package is not in view
		return tr.Path + "." + tr.Name + "." + ms.Name, nil
	}
	obj, _, _ := types.LookupFieldOrMethod(typ, true, nil, ms.Name)
	if obj == nil {
		return "", &spec.Error{Pos: at, Msg: fmt.Sprintf("rule %s: %s has no method or field %s", r.ID, tr.Text, ms.Name)}
	}
	if v, ok := obj.(*types.Var); ok && v.IsField() && r.Go != nil {
		return "", nil // eg's templates select fields too: matched as written, by name
	}
	key := ObjKey(obj)
	if v, ok := obj.(*types.Var); ok && v.IsField() && key != "" {
		r.fields[key] = true
	} else if r.Delete && t == r.Match {
		if _, isCall := t.Expr.(*ast.CallExpr); !isCall {
			return "", &spec.Error{Pos: at, Msg: fmt.Sprintf("rule %s: replace: \"\" deletes a call or a struct field, but %s.%s is a method value", r.ID, tr.Text, ms.Name)}
		}
	}
	if key == "" {
		return "", &spec.Error{Pos: at, Msg: fmt.Sprintf("rule %s: %s.%s is not a method of a named type", r.ID, tr.Text, ms.Name)}
	}
	return key, nil
}

// typeOf returns the type of a typed metavariable: a template file's
// wildcard has its checked type, a where: entry names one.
func (r *Rule) typeOf(name string, lookup Lookup, partial bool) (types.Type, error) {
	if t, ok := r.params[name]; ok {
		return t, nil
	}
	return resolveType(r.Where[name], lookup, partial)
}

// assignable reports whether a value of type t may bind a metavariable
// typed want. A package loaded twice (source and export data) gives
// distinct but equal types: those compare by their full names.
func assignable(t, want types.Type) bool {
	return types.AssignableTo(t, want) || types.TypeString(t, nil) == types.TypeString(want, nil)
}

// resolveType returns the type a TypeRef names; nil, with no error,
// when partial and the package cannot be seen.
func resolveType(tr *spec.TypeRef, lookup Lookup, partial bool) (types.Type, error) {
	if tr.Path == "" {
		tn, ok := types.Universe.Lookup(tr.Name).(*types.TypeName)
		if !ok {
			return nil, fmt.Errorf("%s is not a predeclared type: qualify it with a name that imports: declares", tr.Name)
		}
		return pointerTo(tn.Type(), tr.Pointer), nil
	}
	p := lookup(tr.Path)
	if p == nil || !p.Complete() {
		if partial {
			return nil, nil
		}
		if p == nil {
			return nil, fmt.Errorf("package %s (imported as %s) cannot be loaded", tr.Path, tr.Qual)
		}
	}
	tn, ok := p.Scope().Lookup(tr.Name).(*types.TypeName)
	if !ok {
		return nil, fmt.Errorf("%s.%s is not a type of %s", tr.Qual, tr.Name, tr.Path)
	}
	return pointerTo(tn.Type(), tr.Pointer), nil
}

func pointerTo(t types.Type, ptr bool) types.Type {
	if ptr {
		return types.NewPointer(t)
	}
	return t
}
