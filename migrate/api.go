package migrate

import (
	"go/types"
)

// SameAPI reports whether two checks of one package export the same
// API: the same exported names, each of the same kind and type, and the
// same exported methods on each exported type. Types compare by
// structure and named types by package path and name, so the loaded
// package and its re-check (different *types.Package values) compare,
// and an alias counts as what it stands for: rewriting a signature from
// a deprecated alias to its target changes nothing an importer sees.
func SameAPI(a, b *types.Package) bool {
	if a == nil || b == nil {
		return a == b
	}
	as, bs := a.Scope(), b.Scope()
	for _, name := range append(as.Names(), bs.Names()...) {
		x, y := as.Lookup(name), bs.Lookup(name)
		if (x != nil && !x.Exported()) || (y != nil && !y.Exported()) {
			continue
		}
		if !sameObject(x, y) {
			return false
		}
	}
	return true
}

func sameObject(x, y types.Object) bool {
	if x == nil || y == nil {
		return x == y
	}
	switch x := x.(type) {
	case *types.TypeName:
		yt, ok := y.(*types.TypeName)
		return ok && x.IsAlias() == yt.IsAlias() && sameType(x.Type().Underlying(), yt.Type().Underlying(), 0) && sameMethods(x.Type(), yt.Type())
	case *types.Const:
		yc, ok := y.(*types.Const)
		return ok && sameType(x.Type(), yc.Type(), 0) && x.Val().ExactString() == yc.Val().ExactString()
	case *types.Var:
		_, ok := y.(*types.Var)
		return ok && sameType(x.Type(), y.Type(), 0)
	case *types.Func:
		_, ok := y.(*types.Func)
		return ok && sameType(x.Type(), y.Type(), 0)
	}
	return true
}

func sameMethods(a, b types.Type) bool {
	na, okA := types.Unalias(a).(*types.Named)
	nb, okB := types.Unalias(b).(*types.Named)
	if !okA || !okB {
		return okA == okB
	}
	ma, mb := map[string]types.Type{}, map[string]types.Type{}
	for i := range na.NumMethods() {
		if m := na.Method(i); m.Exported() {
			ma[m.Name()] = m.Type()
		}
	}
	for i := range nb.NumMethods() {
		if m := nb.Method(i); m.Exported() {
			mb[m.Name()] = m.Type()
		}
	}
	if len(ma) != len(mb) {
		return false
	}
	for name, t := range ma {
		if u, ok := mb[name]; !ok || !sameType(t, u, 0) {
			return false
		}
	}
	return true
}

// sameType compares types structurally, named types by path and name.
// depth bounds recursion through unnamed types.
func sameType(a, b types.Type, depth int) bool {
	if depth > 50 {
		return true
	}
	a, b = types.Unalias(a), types.Unalias(b)
	d := depth + 1
	switch a := a.(type) {
	case *types.Named:
		b, ok := b.(*types.Named)
		if !ok || a.Obj().Name() != b.Obj().Name() || pkgPath(a.Obj()) != pkgPath(b.Obj()) {
			return false
		}
		ta, tb := a.TypeArgs(), b.TypeArgs()
		if ta.Len() != tb.Len() {
			return false
		}
		for i := range ta.Len() {
			if !sameType(ta.At(i), tb.At(i), d) {
				return false
			}
		}
		return true
	case *types.Basic:
		b, ok := b.(*types.Basic)
		return ok && a.Kind() == b.Kind()
	case *types.Pointer:
		b, ok := b.(*types.Pointer)
		return ok && sameType(a.Elem(), b.Elem(), d)
	case *types.Slice:
		b, ok := b.(*types.Slice)
		return ok && sameType(a.Elem(), b.Elem(), d)
	case *types.Array:
		b, ok := b.(*types.Array)
		return ok && a.Len() == b.Len() && sameType(a.Elem(), b.Elem(), d)
	case *types.Map:
		b, ok := b.(*types.Map)
		return ok && sameType(a.Key(), b.Key(), d) && sameType(a.Elem(), b.Elem(), d)
	case *types.Chan:
		b, ok := b.(*types.Chan)
		return ok && a.Dir() == b.Dir() && sameType(a.Elem(), b.Elem(), d)
	case *types.Signature:
		b, ok := b.(*types.Signature)
		return ok && a.Variadic() == b.Variadic() && sameTuple(a.Params(), b.Params(), d) && sameTuple(a.Results(), b.Results(), d)
	case *types.Tuple:
		b, ok := b.(*types.Tuple)
		return ok && sameTuple(a, b, d)
	case *types.Struct:
		b, ok := b.(*types.Struct)
		if !ok || a.NumFields() != b.NumFields() {
			return false
		}
		for i := range a.NumFields() {
			fa, fb := a.Field(i), b.Field(i)
			if fa.Name() != fb.Name() || fa.Embedded() != fb.Embedded() || a.Tag(i) != b.Tag(i) || !sameType(fa.Type(), fb.Type(), d) {
				return false
			}
		}
		return true
	case *types.Interface:
		b, ok := b.(*types.Interface)
		if !ok || a.NumMethods() != b.NumMethods() {
			return false
		}
		for i := range a.NumMethods() {
			ma, mb := a.Method(i), b.Method(i)
			if ma.Name() != mb.Name() || !sameType(ma.Type(), mb.Type(), d) {
				return false
			}
		}
		return true
	case *types.TypeParam:
		b, ok := b.(*types.TypeParam)
		return ok && a.Index() == b.Index()
	}
	return types.TypeString(a, nil) == types.TypeString(b, nil)
}

func sameTuple(a, b *types.Tuple, depth int) bool {
	if a.Len() != b.Len() {
		return false
	}
	for i := range a.Len() {
		if !sameType(a.At(i).Type(), b.At(i).Type(), depth) {
			return false
		}
	}
	return true
}

func pkgPath(o types.Object) string {
	if o.Pkg() == nil {
		return ""
	}
	return o.Pkg().Path()
}
