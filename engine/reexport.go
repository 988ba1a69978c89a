package engine

import (
	"go/ast"
	"go/token"
	"go/types"
)

// Reexport is a re-export of a deprecated or canonical function in the
// loaded code: a variable initialised with it, or a wrapper function
// that forwards its parameters in order.
type Reexport struct {
	Key    string       // the re-export's own key
	Target string       // what it re-exports (after following chains)
	Name   string       // as written at its declaration, e.g. canonical.GetWebSocketManagerFactory
	Decl   ast.Node     // its declaration; nil for one declared in another package of a pass
	File   *File        // the file declaring it; nil likewise
	Obj    types.Object // the re-export itself; nil likewise
}

// Reexports maps a re-export's key to it.
type Reexports map[string]*Reexport

// FindReexports finds the re-exports declared in pkgs, following chains
// (a re-export of a re-export, in any package) to a fixpoint. known holds
// re-exports found elsewhere (another package's facts); the result
// includes them.
func FindReexports(pkgs []*Package, rules *Rules, known Reexports) Reexports {
	out := Reexports{}
	for k, a := range known {
		out[k] = a
	}
	for changed := true; changed; {
		changed = false
		for _, p := range pkgs {
			if out.addFrom(p, rules) {
				changed = true
			}
		}
	}
	return out
}

// addFrom adds the re-exports p declares of what is known so far, and
// reports whether it added any.
func (rx Reexports) addFrom(p *Package, rules *Rules) bool {
	added := false
	for _, f := range p.Files {
		for _, d := range f.Syntax.Decls {
			for _, a := range declReexports(p.Info, d) {
				if _, done := rx[a.Key]; done {
					continue
				}
				t, ok := rx.target(a.Target, rules)
				if !ok || t == a.Key || rules.Deprecated(a.Key) || rules.Canonical(a.Key) {
					// A deprecated or canonical function is never a re-export,
					// even when its body forwards to another.
					continue
				}
				a.Target, a.File = t, f
				rx[a.Key] = a
				added = true
			}
		}
	}
	return added
}

// target resolves what a declaration forwards to: a tracked symbol, or
// the target of a known re-export.
func (rx Reexports) target(k string, rules *Rules) (string, bool) {
	if rules.Deprecated(k) || rules.Canonical(k) {
		return k, true
	}
	if a, ok := rx[k]; ok {
		return a.Target, true
	}
	return "", false
}

// declReexports returns the candidate re-exports a declaration makes,
// with Target set to the key of what they forward to.
func declReexports(info *types.Info, d ast.Decl) []*Reexport {
	switch d := d.(type) {
	case *ast.GenDecl:
		if d.Tok == token.VAR {
			return varReexports(info, d)
		}
	case *ast.FuncDecl:
		if a := funcReexport(info, d); a != nil {
			return []*Reexport{a}
		}
	}
	return nil
}

// varReexports: var F = pkg.F (a function or a variable).
func varReexports(info *types.Info, d *ast.GenDecl) []*Reexport {
	var out []*Reexport
	for _, s := range d.Specs {
		vs := s.(*ast.ValueSpec)
		if len(vs.Names) != 1 || len(vs.Values) != 1 {
			continue
		}
		obj, _ := refObj(info, ast.Unparen(vs.Values[0]))
		if _, ok := obj.(*types.Func); !ok {
			if _, ok := obj.(*types.Var); !ok {
				continue
			}
		}
		self := info.Defs[vs.Names[0]]
		if self == nil || ObjKey(self) == "" {
			continue
		}
		out = append(out, &Reexport{Key: ObjKey(self), Target: ObjKey(obj), Name: self.Pkg().Name() + "." + self.Name(), Decl: vs, Obj: self})
	}
	return out
}

// funcReexport: func F(a, b T) R { return pkg.F(a, b) }.
func funcReexport(info *types.Info, d *ast.FuncDecl) *Reexport {
	if d.Recv != nil || d.Body == nil || d.Type.TypeParams != nil || len(d.Body.List) != 1 {
		return nil
	}
	ret, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil
	}
	call, ok := ret.Results[0].(*ast.CallExpr)
	if !ok || !forwardsParams(info, d.Type, call) {
		return nil
	}
	obj, _ := refObj(info, call.Fun)
	self := info.Defs[d.Name]
	if obj == nil || self == nil {
		return nil
	}
	return &Reexport{Key: ObjKey(self), Target: ObjKey(obj), Name: self.Pkg().Name() + "." + self.Name(), Decl: d, Obj: self}
}

// forwardsParams reports whether call passes the function's parameters,
// each once and in order, and nothing else.
func forwardsParams(info *types.Info, ft *ast.FuncType, call *ast.CallExpr) bool {
	var params []types.Object
	for _, f := range ft.Params.List {
		for _, n := range f.Names {
			params = append(params, info.Defs[n])
		}
		if len(f.Names) == 0 {
			return false
		}
	}
	if len(call.Args) != len(params) {
		return false
	}
	variadic := len(ft.Params.List) > 0 && isEllipsis(ft.Params.List[len(ft.Params.List)-1].Type)
	if variadic != call.Ellipsis.IsValid() {
		return false
	}
	for i, a := range call.Args {
		id, ok := a.(*ast.Ident)
		if !ok || info.Uses[id] != params[i] {
			return false
		}
	}
	return true
}

func isEllipsis(e ast.Expr) bool {
	_, ok := e.(*ast.Ellipsis)
	return ok
}
