package engine

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/canonize/canonize/spec"
)

// ObjKey names a package-level object as "path.Name" and a method as
// "path.Type.Method". Objects of one package loaded twice (from source
// and from export data) are different values with the same key, so the
// matcher compares keys, never object identity.
func ObjKey(obj types.Object) string {
	if obj == nil || obj.Pkg() == nil {
		return ""
	}
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Signature().Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			if n, ok := t.(*types.Named); ok {
				return obj.Pkg().Path() + "." + n.Obj().Name() + "." + obj.Name()
			}
			return ""
		}
	}
	if v, ok := obj.(*types.Var); ok && v.IsField() {
		return fieldKey(v)
	}
	if obj.Parent() != obj.Pkg().Scope() {
		return ""
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// refObj returns the object a reference denotes and the identifier that
// names it: x (unqualified or dot-imported) or pkg.x.
func refObj(info *types.Info, e ast.Expr) (types.Object, *ast.Ident) {
	switch e := e.(type) {
	case *ast.Ident:
		return info.Uses[e], e
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if _, ok := info.Uses[x].(*types.PkgName); ok {
				return info.Uses[e.Sel], e.Sel
			}
		}
	}
	return nil, nil
}

// bound is what a metavariable matched.
type bound struct {
	exprs    []ast.Expr
	variadic bool
	ellipsis token.Pos // the "..." of a call whose rest a variadic var took
}

// hit is a code identifier that a template symbol matched.
type hit struct {
	id  *ast.Ident
	key string // the object's own key
	via string // alias key when matched through a re-export
}

// matcher matches one rule's match template against code.
type matcher struct {
	info  *types.Info
	rule  *Rule
	rx    Reexports
	binds map[string]*bound
	hits  []hit
}

func (m *matcher) reset() {
	m.binds = map[string]*bound{}
	m.hits = m.hits[:0]
}

// resolves reports whether the code reference key denotes want, directly
// or through a re-export, and returns the alias used.
func (m *matcher) resolves(key, want string) (via string, ok bool) {
	if key == want {
		return "", true
	}
	if a, ok := m.rx[key]; ok && a.Target == want {
		return key, true
	}
	return "", false
}

func (m *matcher) match(p, n ast.Expr) bool {
	switch p := p.(type) {
	case *ast.Ident:
		if mv, ok := m.rule.Match.VarAt(p); ok {
			return m.bind(mv.Name, n)
		}
		id, ok := n.(*ast.Ident)
		if !ok || id.Name != p.Name {
			return false
		}
		obj := m.info.Uses[id]
		return obj == nil || obj.Parent() == types.Universe
	case *ast.SelectorExpr:
		if key, ok := m.rule.symKey[p]; ok {
			if recv, ok := p.X.(*ast.Ident); ok {
				if _, isVar := m.rule.Match.VarAt(recv); isVar {
					return m.matchMethod(p, n, key)
				}
			}
			obj, id := refObj(m.info, n)
			if obj == nil {
				return false
			}
			via, ok := m.resolves(ObjKey(obj), key)
			if ok {
				m.hits = append(m.hits, hit{id: id, key: ObjKey(obj), via: via})
			}
			return ok
		}
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != p.Sel.Name || m.info.Selections[sel] == nil {
			return false
		}
		return m.match(p.X, sel.X)
	case *ast.CallExpr:
		c, ok := n.(*ast.CallExpr)
		if !ok || !m.match(p.Fun, c.Fun) {
			return false
		}
		return m.matchArgs(p, c)
	case *ast.BasicLit:
		l, ok := n.(*ast.BasicLit)
		return ok && sameLiteral(p, l)
	case *ast.ParenExpr:
		q, ok := n.(*ast.ParenExpr)
		return ok && m.match(p.X, q.X)
	case *ast.StarExpr:
		q, ok := n.(*ast.StarExpr)
		return ok && m.match(p.X, q.X)
	case *ast.UnaryExpr:
		q, ok := n.(*ast.UnaryExpr)
		return ok && q.Op == p.Op && m.match(p.X, q.X)
	case *ast.BinaryExpr:
		q, ok := n.(*ast.BinaryExpr)
		return ok && q.Op == p.Op && m.match(p.X, q.X) && m.match(p.Y, q.Y)
	case *ast.IndexExpr:
		q, ok := n.(*ast.IndexExpr)
		return ok && m.match(p.X, q.X) && m.match(p.Index, q.Index)
	case *ast.SliceExpr:
		q, ok := n.(*ast.SliceExpr)
		return ok && q.Slice3 == p.Slice3 && m.match(p.X, q.X) && m.optional(p.Low, q.Low) && m.optional(p.High, q.High) && m.optional(p.Max, q.Max)
	case *ast.TypeAssertExpr:
		q, ok := n.(*ast.TypeAssertExpr)
		return ok && p.Type != nil && q.Type != nil && m.match(p.X, q.X) && m.match(p.Type, q.Type)
	case *ast.ArrayType:
		q, ok := n.(*ast.ArrayType)
		return ok && m.optional(p.Len, q.Len) && m.match(p.Elt, q.Elt)
	case *ast.MapType:
		q, ok := n.(*ast.MapType)
		return ok && m.match(p.Key, q.Key) && m.match(p.Value, q.Value)
	case *ast.ChanType:
		q, ok := n.(*ast.ChanType)
		return ok && p.Dir == q.Dir && m.match(p.Value, q.Value)
	case *ast.IndexListExpr:
		q, ok := n.(*ast.IndexListExpr)
		return ok && m.match(p.X, q.X) && m.matchList(p.Indices, q.Indices)
	case *ast.KeyValueExpr:
		q, ok := n.(*ast.KeyValueExpr)
		return ok && m.match(p.Key, q.Key) && m.match(p.Value, q.Value)
	case *ast.CompositeLit:
		q, ok := n.(*ast.CompositeLit)
		return ok && m.matchLit(p, q)
	}
	return false
}

// matchList matches two lists of expressions element by element.
func (m *matcher) matchList(p, n []ast.Expr) bool {
	if len(p) != len(n) {
		return false
	}
	for i := range p {
		if !m.match(p[i], n[i]) {
			return false
		}
	}
	return true
}

// optional matches an optional part of a node (a slice bound): both
// absent, or both present and matching.
func (m *matcher) optional(p, n ast.Expr) bool {
	if p == nil || n == nil {
		return p == nil && n == nil
	}
	return m.match(p, n)
}

// matchLit matches a composite literal element by element, in order; a
// struct field key matches by name (the template has no types).
func (m *matcher) matchLit(p, q *ast.CompositeLit) bool {
	if (p.Type == nil) != (q.Type == nil) || len(p.Elts) != len(q.Elts) {
		return false
	}
	if p.Type != nil && !m.match(p.Type, q.Type) {
		return false
	}
	for i, pe := range p.Elts {
		pkv, ok1 := pe.(*ast.KeyValueExpr)
		qkv, ok2 := q.Elts[i].(*ast.KeyValueExpr)
		if ok1 && ok2 {
			if pk, ok := pkv.Key.(*ast.Ident); ok {
				if _, isVar := m.rule.Match.VarAt(pk); !isVar {
					qk, ok := qkv.Key.(*ast.Ident)
					if !ok || qk.Name != pk.Name || !m.match(pkv.Value, qkv.Value) {
						return false
					}
					continue
				}
			}
		}
		if !m.match(pe, q.Elts[i]) {
			return false
		}
	}
	return true
}

// matchMethod matches $v.Name, a method rule's selector, against a
// method value selection (x.Name, called or not) whose method has key:
// whatever x's type, through pointers and embedded fields, the method
// decides. Method expressions ((*T).Name) are left to the sites.
func (m *matcher) matchMethod(p *ast.SelectorExpr, n ast.Expr, key string) bool {
	sel, ok := n.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := m.info.Selections[sel]
	if s == nil || s.Kind() == types.MethodExpr || ObjKey(s.Obj()) != key {
		return false
	}
	if !m.match(p.X, sel.X) {
		return false
	}
	m.hits = append(m.hits, hit{id: sel.Sel, key: key})
	return true
}

func (m *matcher) matchArgs(p, c *ast.CallExpr) bool {
	nfixed := len(p.Args)
	var rest *spec.MetaVar
	if p.Ellipsis.IsValid() && nfixed > 0 {
		if id, ok := p.Args[nfixed-1].(*ast.Ident); ok {
			if mv, ok := m.rule.Match.VarAt(id); ok && mv.Variadic {
				rest = mv
				nfixed--
			}
		}
	}
	if rest == nil {
		if len(c.Args) != len(p.Args) || p.Ellipsis.IsValid() != c.Ellipsis.IsValid() {
			return false
		}
	} else if len(c.Args) < nfixed || (c.Ellipsis.IsValid() && len(c.Args) == nfixed) {
		return false
	}
	for i := 0; i < nfixed; i++ {
		if !m.match(p.Args[i], c.Args[i]) {
			return false
		}
	}
	if rest != nil {
		b := &bound{exprs: c.Args[nfixed:], variadic: true, ellipsis: c.Ellipsis}
		if old, ok := m.binds[rest.Name]; ok {
			return sameExprs(old.exprs, b.exprs)
		}
		m.binds[rest.Name] = b
	}
	return true
}

func (m *matcher) bind(name string, n ast.Expr) bool {
	if m.isType(n) {
		return false
	}
	if want := m.rule.typed[name]; want != nil {
		tv, ok := m.info.Types[n]
		if !ok || tv.Type == nil || !assignable(tv.Type, want) {
			return false
		}
	}
	// A metavariable binds the operand, not its parentheses: the
	// replacement adds those its context needs (so eg's (x[:len(x)]) -> x
	// rewrites nested matches down to x, not (x)).
	n = ast.Unparen(n)
	if old, ok := m.binds[name]; ok {
		return sameExprs(old.exprs, []ast.Expr{n})
	}
	m.binds[name] = &bound{exprs: []ast.Expr{n}}
	return true
}

func (m *matcher) isType(e ast.Expr) bool {
	tv, ok := m.info.Types[e]
	return ok && tv.IsType()
}

func sameExprs(a, b []ast.Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		// (x) and x are the same operand: eg's nested matches rely on it.
		if types.ExprString(ast.Unparen(a[i])) != types.ExprString(ast.Unparen(b[i])) {
			return false
		}
	}
	return true
}

// pureBuiltin reports whether a builtin has no side effects of its own.
func pureBuiltin(name string) bool {
	switch name {
	case "len", "cap", "min", "max", "complex", "real", "imag", "new", "make":
		return true
	}
	return false
}

// sideEffects reports whether evaluating e may have effects beyond
// producing its value: a call (other than a conversion or a pure
// builtin) or a channel receive.
func sideEffects(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && tv.IsType() {
				return true
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
				if b, ok := info.Uses[id].(*types.Builtin); ok && pureBuiltin(b.Name()) {
					return true
				}
			}
			found = true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				found = true
			}
		}
		return true
	})
	return found
}

// unsafeReason explains why a match whose bindings have side effects may
// not be rewritten: replace drops, duplicates or reorders them. Empty if safe.
func unsafeReason(info *types.Info, r *Rule, binds map[string]*bound) string {
	inMatch := map[string]int{}
	for _, v := range r.Match.Vars {
		inMatch[v.Name]++
	}
	count := map[string]int{}
	var order []string
	for _, v := range r.Replace.Vars {
		if count[v.Name] == 0 {
			order = append(order, v.Name)
		}
		count[v.Name]++
	}
	effects := map[string]bool{}
	for name, b := range binds {
		for _, e := range b.exprs {
			if sideEffects(info, e) {
				effects[name] = true
			}
		}
	}
	for _, name := range r.Match.VarNames() {
		if !effects[name] {
			continue
		}
		text := exprsString(binds[name].exprs)
		// The code evaluated it once per occurrence in match; replace
		// must evaluate it as often.
		switch {
		case count[name] < inMatch[name]:
			return "$" + name + " = " + text + " has side effects and replace drops it"
		case count[name] > inMatch[name]:
			return "$" + name + " = " + text + " has side effects and replace duplicates it"
		}
	}
	// Order: the side-effecting variables must keep their relative order
	// with every other variable.
	pos := map[string]int{}
	for i, name := range order {
		pos[name] = i
	}
	matchOrder := r.Match.VarNames()
	for i, a := range matchOrder {
		for _, b := range matchOrder[i+1:] {
			if (effects[a] || effects[b]) && pos[a] > pos[b] {
				x := a
				if !effects[x] {
					x = b
				}
				return "$" + x + " = " + exprsString(binds[x].exprs) + " has side effects and replace reorders it"
			}
		}
	}
	return ""
}

func exprsString(es []ast.Expr) string {
	var parts []string
	for _, e := range es {
		parts = append(parts, types.ExprString(e))
	}
	return strings.Join(parts, ", ")
}

// sameLiteral compares literals by value, as eg does: 0x7b is 123, and
// "a" is `a`. Literals of different kinds never match (1 is not 1.0).
func sameLiteral(p, l *ast.BasicLit) bool {
	if p.Kind != l.Kind {
		return false
	}
	a, b := constant.MakeFromLiteral(p.Value, p.Kind, 0), constant.MakeFromLiteral(l.Value, l.Kind, 0)
	if a.Kind() == constant.Unknown || b.Kind() == constant.Unknown {
		return p.Value == l.Value
	}
	return constant.Compare(a, token.EQL, b)
}
