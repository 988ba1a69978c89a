package initspec

import (
	"go/ast"
	"go/printer"
	"strings"

	"golang.org/x/tools/go/packages"
)

// method derives a method rule from a deprecated method that forwards
// to another method of its receiver (or anything else the receiver and
// parameters each appear in once): match $r.Old(...), replace the
// forwarded call, where: gives $r the receiver's type. A method marked
// //go:fix inline is the inliner's.
func (g *specGen) method(p *packages.Package, d *ast.FuncDecl) {
	typeName, ptr, recv := receiver(d)
	if typeName == "" || !ast.IsExported(typeName) || !d.Name.IsExported() {
		return
	}
	symbol := p.PkgPath + "." + typeName + "." + d.Name.Name
	if hasFixInline(d.Doc) {
		g.inlined = append(g.inlined, symbol)
		return
	}
	note, dep := deprecation(d.Doc)
	if !dep {
		return
	}
	qual := g.importName(p.PkgPath, p.Name)
	typ := qual + "." + typeName
	if ptr {
		typ = "*" + typ
	}
	r := genRule{id: ruleID(p.Name, typeName+"-"+d.Name.Name), note: note, doc: docText(d.Doc), symbol: symbol}
	if recv != nil && recv.Name != "_" {
		if m, rep, ok := g.forwarding(p, "$"+recv.Name+"."+d.Name.Name, d, recv); ok {
			r.match, r.replace, r.whereVar, r.whereType, r.retype = m, rep, recv.Name, typ, funcRetype(p, d)
			g.rules = append(g.rules, r)
			return
		}
	}
	r.match = "$x." + d.Name.Name + "(...)   # where x: " + typ
	g.todos = append(g.todos, r)
}

// receiver returns the name of a method's receiver type, whether it is
// a pointer, and the receiver's name (nil when unnamed).
func receiver(d *ast.FuncDecl) (typeName string, ptr bool, name *ast.Ident) {
	if d.Recv == nil || len(d.Recv.List) != 1 {
		return "", false, nil
	}
	f := d.Recv.List[0]
	t := f.Type
	if star, ok := t.(*ast.StarExpr); ok {
		t, ptr = star.X, true
	}
	switch x := t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return "", false, nil // generic receivers: a where: type cannot name them yet
	case *ast.Ident:
		typeName = x.Name
	}
	if len(f.Names) == 1 {
		name = f.Names[0]
	}
	return typeName, ptr, name
}

// types derives rules from deprecated type aliases of another named
// type (type Old = New): match pkg.Old, replace New. Aliases marked
// //go:fix inline are the inliner's; other deprecated types are TODOs.
func (g *specGen) types(p *packages.Package, d *ast.GenDecl) {
	for _, s := range d.Specs {
		ts := s.(*ast.TypeSpec)
		if !ts.Name.IsExported() {
			continue
		}
		g.fields(p, ts)
		doc := ts.Doc
		if doc == nil && len(d.Specs) == 1 {
			doc = d.Doc
		}
		symbol := p.PkgPath + "." + ts.Name.Name
		if hasFixInline(doc) {
			g.inlined = append(g.inlined, symbol)
			continue
		}
		note, dep := deprecation(doc)
		if !dep {
			continue
		}
		qual := g.importName(p.PkgPath, p.Name)
		r := genRule{id: ruleID(p.Name, ts.Name.Name), note: note, doc: docText(doc), match: qual + "." + ts.Name.Name, symbol: symbol,
			why: "not an alias of another named type"}
		if ts.Assign.IsValid() && ts.TypeParams == nil && isRef(ts.Type) {
			if rep, ok := g.qualified(p, ts.Type, nil); ok {
				r.replace = rep
				g.rules = append(g.rules, r)
				continue
			}
		}
		g.todos = append(g.todos, r)
	}
}

// fields derives field rules from the deprecated fields of an exported
// struct type: "Deprecated: use New." naming another field of the same
// struct, of the same type, gives $x.Old → $x.New with where: x the
// struct; any other deprecated field is a TODO (a field nothing
// replaces can be deleted where literals set it: replace: "").
func (g *specGen) fields(p *packages.Package, ts *ast.TypeSpec) {
	st, ok := ts.Type.(*ast.StructType)
	if !ok || !ts.Name.IsExported() || ts.TypeParams != nil {
		return
	}
	types := map[string]string{} // field name -> its type's text
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			types[n.Name] = exprText(p, f.Type)
		}
	}
	for _, f := range st.Fields.List {
		note, dep := deprecation(f.Doc)
		if !dep {
			continue
		}
		for _, n := range f.Names {
			if !n.IsExported() {
				continue
			}
			qual := g.importName(p.PkgPath, p.Name)
			r := genRule{id: ruleID(p.Name, ts.Name.Name+"-"+n.Name), note: note, doc: docText(f.Doc),
				symbol: p.PkgPath + "." + ts.Name.Name + "." + n.Name, whereVar: "x", whereType: qual + "." + ts.Name.Name,
				why: "no field of the same type named by its Deprecated: note; replace: \"\" deletes it from literals"}
			if to := usedName(note); to != "" && to != n.Name && types[to] != "" && types[to] == types[n.Name] {
				r.match, r.replace = "$x."+n.Name, "$x."+to
				g.rules = append(g.rules, r)
				continue
			}
			r.match = "$x." + n.Name + "   # where x: " + r.whereType
			g.todos = append(g.todos, r)
		}
	}
}

// usedName returns X from a note "use X" or "Use X instead." ("" if none).
func usedName(note string) string {
	f := strings.Fields(note)
	for i := 0; i+1 < len(f); i++ {
		if strings.EqualFold(f[i], "use") {
			return strings.TrimRight(f[i+1], ".,;:")
		}
	}
	return ""
}

// exprText is the source text of e in p.
func exprText(p *packages.Package, e ast.Expr) string {
	var b strings.Builder
	_ = printer.Fprint(&b, p.Fset, e)
	return b.String()
}
