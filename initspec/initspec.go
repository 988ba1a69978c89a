package initspec

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/canonize/canonize/load"
	"golang.org/x/tools/go/packages"
)

// Generate writes a starting spec for the deprecated API of the packages
// matching patterns (loaded from dir): a rule for every function marked
// //go:fix inline or Deprecated whose body is a single return of a call
// using each parameter once, and for every deprecated variable that is
// initialised with another package-level variable; every other deprecated
// symbol becomes a commented-out TODO rule with its doc text.
//
// Functions and constants marked //go:fix inline get no rule: Go's
// inliner, which canonize runs, migrates their uses; the spec lists
// them in a comment. A function declared without a body (its body is in
// assembly or linked by name) is reported in notes and skipped; any
// other type error refuses the package.
func Generate(dir string, patterns []string) (text []byte, notes []string, err error) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedSyntax | packages.NeedTypes |
		packages.NeedTypesInfo | packages.NeedFiles, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, &load.Error{Msg: strings.TrimSpace(err.Error())}
	}
	if len(pkgs) == 0 {
		return nil, nil, &load.Error{Msg: fmt.Sprintf("no packages match %s", strings.Join(patterns, " "))}
	}
	g := &specGen{names: map[string]string{}, paths: map[string]string{}}
	for _, p := range pkgs {
		bodiless := bodilessFuncs(p)
		for _, e := range p.Errors {
			// The compiler (behind go list) refuses a body-less function
			// that has no assembly; go/types accepts it, so the syntax and
			// types init needs are whole.
			if e.Kind != packages.ListError || len(bodiless) == 0 {
				return nil, nil, &load.Error{Msg: fmt.Sprintf("%s: %s", p.PkgPath, e.Msg)}
			}
		}
		if len(p.Errors) > 0 {
			for _, b := range bodiless {
				notes = append(notes, fmt.Sprintf("%s: %s has no body (assembly or linkname?): no rule derived", b.pos, b.name))
			}
		}
		g.pkg(p)
	}
	return g.render(), notes, nil
}

// bodilessFuncs lists the functions of p declared without a body.
func bodilessFuncs(p *packages.Package) []bodiless {
	var out []bodiless
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil {
				out = append(out, bodiless{p.Fset.Position(fd.Name.Pos()), p.PkgPath + "." + fd.Name.Name})
			}
		}
	}
	return out
}

type bodiless struct {
	pos  token.Position
	name string
}

type specGen struct {
	names map[string]string // import name -> path
	paths map[string]string // path -> import name
	rules []genRule
	todos []genRule
	// inlined lists the symbols marked //go:fix inline: the inliner's.
	inlined []string
}

type genRule struct {
	id, match, replace, note, doc string
	symbol                        string // import/path.Name
	// where gives the receiver metavariable of a method rule its type.
	whereVar, whereType string
	// why a TODO has no rule; default: not a single forwarding call.
	why string
	// retype is the rule's retype: when the replacement has another type.
	retype string
}

// importName gives path a unique name in the spec's imports.
func (g *specGen) importName(path, pkgName string) string {
	if n, ok := g.paths[path]; ok {
		return n
	}
	name := pkgName
	for i := 2; g.names[name] != ""; i++ {
		name = fmt.Sprintf("%s%d", pkgName, i)
	}
	g.names[name], g.paths[path] = path, name
	return name
}

func (g *specGen) pkg(p *packages.Package) {
	var decls []ast.Decl
	for _, f := range p.Syntax {
		decls = append(decls, f.Decls...)
	}
	for _, d := range decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				g.method(p, d)
				continue
			}
			if !d.Name.IsExported() {
				continue
			}
			if hasFixInline(d.Doc) {
				g.inlined = append(g.inlined, p.PkgPath+"."+d.Name.Name)
				continue
			}
			note, dep := deprecation(d.Doc)
			if !dep {
				continue
			}
			qual := g.importName(p.PkgPath, p.Name)
			r := genRule{id: ruleID(p.Name, d.Name.Name), note: note, doc: docText(d.Doc), symbol: p.PkgPath + "." + d.Name.Name}
			if m, rep, ok := g.forwardingRule(p, qual, d); ok {
				r.match, r.replace, r.retype = m, rep, funcRetype(p, d)
				g.rules = append(g.rules, r)
			} else {
				r.match = qual + "." + d.Name.Name + "(...)"
				g.todos = append(g.todos, r)
			}
		case *ast.GenDecl:
			if d.Tok == token.TYPE {
				g.types(p, d)
				continue
			}
			if d.Tok != token.VAR && d.Tok != token.CONST {
				continue
			}
			for _, s := range d.Specs {
				vs := s.(*ast.ValueSpec)
				doc := vs.Doc
				if doc == nil && len(d.Specs) == 1 {
					doc = d.Doc
				}
				if hasFixInline(doc) || hasFixInline(d.Doc) {
					for _, n := range vs.Names {
						g.inlined = append(g.inlined, p.PkgPath+"."+n.Name)
					}
					continue
				}
				note, dep := deprecation(doc)
				if !dep || len(vs.Names) != 1 || !vs.Names[0].IsExported() {
					continue
				}
				qual := g.importName(p.PkgPath, p.Name)
				r := genRule{id: ruleID(p.Name, vs.Names[0].Name), note: note, doc: docText(doc),
					match: qual + "." + vs.Names[0].Name, symbol: p.PkgPath + "." + vs.Names[0].Name}
				if len(vs.Values) == 1 {
					if rep, ok := g.qualified(p, vs.Values[0], nil); ok && isRef(vs.Values[0]) {
						r.replace, r.retype = rep, valueRetype(p, vs.Names[0], vs.Values[0])
						g.rules = append(g.rules, r)
						continue
					}
				}
				g.todos = append(g.todos, r)
			}
		}
	}
}

func isRef(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr:
		return true
	}
	return false
}

// forwardingRule derives match/replace for a function whose body is
// `return call(args)` using each parameter exactly once.
func (g *specGen) forwardingRule(p *packages.Package, qual string, d *ast.FuncDecl) (string, string, bool) {
	return g.forwarding(p, qual+"."+d.Name.Name, d, nil)
}

// forwarding derives match/replace for a function or method whose body
// is `return call(args)` using each parameter (and the receiver, named
// recv) exactly once; callee is what match calls: "pkg.F" or "$r.M".
func (g *specGen) forwarding(p *packages.Package, callee string, d *ast.FuncDecl, recv *ast.Ident) (string, string, bool) {
	if d.Body == nil || len(d.Body.List) != 1 || d.Type.TypeParams != nil {
		return "", "", false
	}
	var call *ast.CallExpr
	switch s := d.Body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(s.Results) != 1 {
			return "", "", false
		}
		call, _ = s.Results[0].(*ast.CallExpr)
	case *ast.ExprStmt:
		if d.Type.Results == nil {
			call, _ = s.X.(*ast.CallExpr)
		}
	}
	if call == nil {
		return "", "", false
	}
	params := map[types.Object]string{}
	var names []string
	variadic := ""
	if recv != nil {
		params[p.TypesInfo.Defs[recv]] = recv.Name
	}
	for _, f := range d.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == "_" {
				return "", "", false
			}
			params[p.TypesInfo.Defs[n]] = n.Name
			names = append(names, n.Name)
			if _, ok := f.Type.(*ast.Ellipsis); ok {
				variadic = n.Name
			}
		}
		if len(f.Names) == 0 {
			return "", "", false
		}
	}
	uses := map[string]int{}
	rep, ok := g.qualified(p, call, func(id *ast.Ident) (string, bool) {
		name, ok := params[p.TypesInfo.Uses[id]]
		if !ok {
			return "", false
		}
		uses[name]++
		return "$" + name, true
	})
	if !ok {
		return "", "", false
	}
	for _, n := range names {
		if uses[n] != 1 {
			return "", "", false
		}
	}
	if recv != nil && uses[recv.Name] != 1 {
		return "", "", false
	}
	if variadic != "" && !call.Ellipsis.IsValid() {
		return "", "", false
	}
	var args []string
	for _, n := range names {
		if n == variadic {
			args = append(args, "$"+n+"...")
		} else {
			args = append(args, "$"+n)
		}
	}
	return callee + "(" + strings.Join(args, ", ") + ")", rep, true
}

// qualified prints e with package references written through the spec's
// import names and parameters through param; it fails on references to
// anything local or unexported.
func (g *specGen) qualified(p *packages.Package, e ast.Expr, param func(*ast.Ident) (string, bool)) (string, bool) {
	ok := true
	var buf bytes.Buffer
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		if !ok {
			return
		}
		switch e := e.(type) {
		case *ast.Ident:
			if param != nil {
				if s, isParam := param(e); isParam {
					buf.WriteString(s)
					return
				}
			}
			obj := p.TypesInfo.Uses[e]
			switch {
			case obj == nil:
				ok = false
			case obj.Parent() == types.Universe:
				buf.WriteString(e.Name)
			case obj.Pkg() == p.Types && obj.Parent() == p.Types.Scope() && obj.Exported():
				buf.WriteString(g.importName(p.PkgPath, p.Name) + "." + e.Name)
			default:
				ok = false
			}
		case *ast.SelectorExpr:
			if x, isIdent := e.X.(*ast.Ident); isIdent {
				if pn, isPkg := p.TypesInfo.Uses[x].(*types.PkgName); isPkg {
					if !e.Sel.IsExported() {
						ok = false
						return
					}
					buf.WriteString(g.importName(pn.Imported().Path(), pn.Imported().Name()) + "." + e.Sel.Name)
					return
				}
			}
			walk(e.X)
			buf.WriteString("." + e.Sel.Name)
		case *ast.CallExpr:
			walk(e.Fun)
			buf.WriteString("(")
			for i, a := range e.Args {
				if i > 0 {
					buf.WriteString(", ")
				}
				walk(a)
			}
			if e.Ellipsis.IsValid() {
				buf.WriteString("...")
			}
			buf.WriteString(")")
		case *ast.BasicLit:
			buf.WriteString(e.Value)
		default:
			ok = false
		}
	}
	walk(e)
	return buf.String(), ok
}

// deprecation returns the first sentence of a "Deprecated:" paragraph.
func deprecation(doc *ast.CommentGroup) (string, bool) {
	if doc == nil {
		return "", false
	}
	text := doc.Text()
	for _, para := range strings.Split(text, "\n\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(para), "Deprecated:"); ok {
			rest = strings.Join(strings.Fields(rest), " ")
			if i := strings.Index(rest, ". "); i >= 0 {
				rest = rest[:i+1]
			}
			return rest, true
		}
	}
	return "", false
}

func hasFixInline(doc *ast.CommentGroup) bool {
	if doc == nil {
		return false
	}
	for _, c := range doc.List {
		if strings.TrimSpace(c.Text) == "//go:fix inline" {
			return true
		}
	}
	return false
}

func docText(doc *ast.CommentGroup) string {
	if doc == nil {
		return ""
	}
	return strings.TrimSpace(doc.Text())
}

func ruleID(pkg, name string) string {
	return strings.ToLower(pkg + "-" + name)
}

func (g *specGen) render() []byte {
	var b bytes.Buffer
	b.WriteString("# Generated by canonize init: review every rule before applying it.\n")
	b.WriteString("version: 1\n")
	var names []string
	for n := range g.names {
		names = append(names, n)
	}
	sort.Strings(names)
	b.WriteString("imports:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %s: %s\n", n, g.names[n])
	}
	sort.Slice(g.rules, func(i, j int) bool { return g.rules[i].id < g.rules[j].id })
	sort.Slice(g.todos, func(i, j int) bool { return g.todos[i].id < g.todos[j].id })
	b.WriteString("rules:\n")
	for _, r := range g.rules {
		fmt.Fprintf(&b, "  - id: %s\n    match: %s\n    replace: %s\n", r.id, r.match, r.replace)
		if r.whereVar != "" {
			fmt.Fprintf(&b, "    where:\n      %s: %s\n", r.whereVar, strconv.Quote(r.whereType))
		}
		if r.retype != "" {
			fmt.Fprintf(&b, "    retype: %s\n", r.retype)
		}
		if r.note != "" {
			fmt.Fprintf(&b, "    note: %s\n", strconv.Quote(r.note))
		}
	}
	for _, r := range g.todos {
		why := r.why
		if why == "" {
			why = "the body is not a single forwarding call"
		}
		fmt.Fprintf(&b, "  # TODO %s: no rule derived (%s); write one by hand.\n", r.id, why)
		for _, line := range strings.Split(r.doc, "\n") {
			if line == "" {
				b.WriteString("  #\n")
				continue
			}
			fmt.Fprintf(&b, "  #   %s\n", line)
		}
		fmt.Fprintf(&b, "  # - id: %s\n  #   match: %s\n  #   replace: TODO\n", r.id, r.match)
	}
	if len(g.rules) == 0 {
		b.WriteString("  [] # no rule derived\n")
	}
	if len(g.inlined) > 0 {
		sort.Strings(g.inlined)
		b.WriteString("# Marked //go:fix inline: Go's inliner migrates their uses, no rule needed.\n")
		for _, sym := range g.inlined {
			fmt.Fprintf(&b, "#   %s\n", sym)
		}
	}
	if len(g.todos) > 0 {
		// Listed so that plan and check report their uses as manual sites.
		b.WriteString("deprecated: # no rule yet\n")
		for _, r := range g.todos {
			fmt.Fprintf(&b, "  - %s\n", r.symbol)
		}
	}
	return b.Bytes()
}
