package spec

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// GoTemplate is the source of a rule written as eg writes it: a Go file
// holding func before(params) T and func after(params) T, whose
// parameters are the typed wildcards. Package spec only parses it; the
// engine type-checks it (it imports real packages) when rules are
// compiled.
type GoTemplate struct {
	Path   string // the file as opened (the spec's directory joined)
	Listed string // as templates: lists it
	Fset   *token.FileSet
	File   *ast.File
	Before *ast.FuncDecl
	After  *ast.FuncDecl
	// Params are before's parameter names, in order: the wildcards.
	Params []string
	Src    []byte
	// Imports are the file's imports, name -> path.
	Imports map[string]string
}

// readTemplates reads every file templates: lists into a rule: its id
// is the file's name without .go, its match before's expression and its
// replace after's, its where: the parameters (typed by the engine).
func readTemplates(specPath string, list []string, n *yaml.Node) ([]*Rule, error) {
	var out []*Rule
	for i, name := range list {
		at := token.Position{Filename: specPath, Line: 1, Column: 1}
		if n != nil && i < len(n.Content) {
			at = token.Position{Filename: specPath, Line: n.Content[i].Line, Column: n.Content[i].Column}
		}
		if name == "" || path.IsAbs(name) || filepath.IsAbs(name) || !strings.HasSuffix(name, ".go") {
			return nil, &Error{at, fmt.Sprintf("templates: %q is not a .go file relative to the spec", name)}
		}
		file := filepath.Join(filepath.Dir(specPath), filepath.FromSlash(name))
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, &Error{at, fmt.Sprintf("templates: %v", err)}
		}
		r, err := parseGoTemplate(file, name, src)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// parseGoTemplate turns one template file into a rule, as eg reads it:
// before's body is one statement (return E, or E); after's ends with
// one, and the statements before it (eg's "n := ...; return f(n)") go
// before the statement enclosing each match.
func parseGoTemplate(file, listed string, src []byte) (*Rule, error) {
	g := &GoTemplate{Path: file, Listed: listed, Fset: token.NewFileSet(), Src: src}
	f, err := parser.ParseFile(g.Fset, file, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, goParseError(file, err)
	}
	g.File = f
	at := func(p token.Pos) token.Position { return g.Fset.Position(p) }
	if err := g.readImports(); err != nil {
		return nil, err
	}
	if err := g.findFuncs(); err != nil {
		return nil, err
	}
	if err := g.readParams(); err != nil {
		return nil, err
	}
	before, err := g.soleExpr(g.Before)
	if err != nil {
		return nil, err
	}
	after, err := g.afterNodes()
	if err != nil {
		return nil, err
	}
	id := strings.TrimSuffix(path.Base(filepath.ToSlash(listed)), ".go")
	r := &Rule{ID: id, Pos: at(g.Before.Pos()), Go: g, Where: map[string]*TypeRef{}}
	if r.Match, err = g.template(before); err != nil {
		return nil, err
	}
	if r.Replace, err = g.template(after...); err != nil {
		return nil, err
	}
	for _, fld := range g.Before.Type.Params.List {
		text := string(src[g.Fset.Position(fld.Type.Pos()).Offset:g.Fset.Position(fld.Type.End()).Offset])
		for _, nm := range fld.Names {
			r.Where[nm.Name] = &TypeRef{Text: text, Pos: at(nm.Pos())}
		}
	}
	r.Match.Methods = methodSyms(r.Match, r.Where)
	r.Replace.Methods = methodSyms(r.Replace, r.Where)
	return r, checkReplaceVars(r)
}

// readImports reads the file's imports by the name the template uses.
func (g *GoTemplate) readImports() error {
	g.Imports = map[string]string{}
	for _, imp := range g.File.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name := importName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "." {
			return &Error{g.Fset.Position(imp.Pos()), fmt.Sprintf("template imports %s with a dot: name what the template uses", imp.Path.Value)}
		}
		g.Imports[name] = p
	}
	return nil
}

// findFuncs finds func before and func after.
func (g *GoTemplate) findFuncs() error {
	for _, d := range g.File.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
			switch fd.Name.Name {
			case "before":
				g.Before = fd
			case "after":
				g.After = fd
			}
		}
	}
	if g.Before != nil && g.After != nil {
		return nil
	}
	missing := "before"
	if g.Before != nil {
		missing = "after"
	}
	return &Error{g.Fset.Position(g.File.Package), fmt.Sprintf("no '%s' func found in template (want func before(wildcards) T and func after(wildcards) T)", missing)}
}

// importName is the name a package is imported by when the import does
// not give one: its last path element without a major version suffix.
// A package whose name differs must be imported with an explicit name;
// the engine's type-check reports the name otherwise.
func importName(p string) string {
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2]
	}
	if i := strings.IndexByte(last, '.'); i > 0 {
		last = last[:i]
	}
	return strings.NewReplacer("-", "_").Replace(last)
}

// readParams checks before's and after's parameter lists name the same
// wildcards (their types are compared by the engine).
func (g *GoTemplate) readParams() error {
	for _, fd := range []*ast.FuncDecl{g.Before, g.After} {
		if fd.Type.TypeParams != nil {
			return &Error{g.Fset.Position(fd.Type.TypeParams.Pos()), fmt.Sprintf("%s: a template function cannot have type parameters", fd.Name.Name)}
		}
	}
	var after []*ast.Ident
	for _, fld := range g.After.Type.Params.List {
		after = append(after, fld.Names...)
	}
	for _, fld := range g.Before.Type.Params.List {
		if _, ok := fld.Type.(*ast.Ellipsis); ok {
			return &Error{g.Fset.Position(fld.Type.Pos()), "before: a variadic wildcard is not supported"}
		}
		for _, nm := range fld.Names {
			if nm.Name == "_" {
				return &Error{g.Fset.Position(nm.Pos()), "before: a wildcard needs a name"}
			}
			g.Params = append(g.Params, nm.Name)
		}
		if len(fld.Names) == 0 {
			return &Error{g.Fset.Position(fld.Pos()), "before: a wildcard needs a name"}
		}
	}
	for i, nm := range after {
		if i >= len(g.Params) || nm.Name != g.Params[i] {
			return &Error{g.Fset.Position(nm.Pos()), fmt.Sprintf("after's parameter %s is not before's (%s): both functions take the same wildcards", nm.Name, strings.Join(g.Params, ", "))}
		}
	}
	return nil
}

// soleExpr returns the expression a template function's body consists
// of: return E (one operand) or the expression statement E.
func (g *GoTemplate) soleExpr(fd *ast.FuncDecl) (ast.Expr, error) {
	name := fd.Name.Name
	if fd.Body == nil || len(fd.Body.List) == 0 {
		return nil, &Error{g.Fset.Position(fd.Pos()), name + ": no body: want one return or expression statement"}
	}
	if len(fd.Body.List) > 1 {
		return nil, &Error{g.Fset.Position(fd.Body.List[0].Pos()), name + ": must contain a single return or expression statement (only after may hold statements before it)"}
	}
	switch st := fd.Body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(st.Results) != 1 {
			return nil, &Error{g.Fset.Position(st.Pos()), name + ": return statement must have a single operand"}
		}
		return st.Results[0], nil
	case *ast.ExprStmt:
		return st.X, nil
	}
	return nil, &Error{g.Fset.Position(fd.Body.List[0].Pos()), name + ": must contain a single return or expression statement"}
}

// afterNodes returns what after's body holds: its expression alone, or
// its statements, the last a return of one operand or an expression
// statement (as eg requires).
func (g *GoTemplate) afterNodes() ([]ast.Node, error) {
	if g.After.Body == nil || len(g.After.Body.List) < 2 {
		e, err := g.soleExpr(g.After)
		return []ast.Node{e}, err
	}
	list := g.After.Body.List
	last := list[len(list)-1]
	switch st := last.(type) {
	case *ast.ReturnStmt:
		if len(st.Results) != 1 {
			return nil, &Error{g.Fset.Position(st.Pos()), "after: return statement must have a single operand"}
		}
	case *ast.ExprStmt:
	default:
		return nil, &Error{g.Fset.Position(last.Pos()), "after: must end with a single return or expression statement"}
	}
	out := make([]ast.Node, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out, nil
}

// template makes a spec template of a template function's expression
// (or of after's statements): its source text with each wildcard
// written $name, positioned in the template file. A wildcard is
// recognised by name (the template is not type-checked yet); a
// selector's name and a struct literal's field key are never one.
func (g *GoTemplate) template(nodes ...ast.Node) (*Template, error) {
	head, tail := nodes[0], nodes[len(nodes)-1]
	tf := g.Fset.File(head.Pos())
	start, end := tf.Offset(head.Pos()), tf.Offset(tail.End())
	params := map[string]bool{}
	for _, p := range g.Params {
		params[p] = true
	}
	var ins []int // offsets in the source where a '$' goes
	skip := map[*ast.Ident]bool{}
	inspect(nodes, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // eg never matches one; its names are its own
		case *ast.SelectorExpr:
			skip[n.Sel] = true
		case *ast.CompositeLit:
			if _, isMap := n.Type.(*ast.MapType); isMap {
				break
			}
			for _, elt := range n.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						skip[id] = true
					}
				}
			}
		case *ast.Ident:
			if params[n.Name] && !skip[n] {
				ins = append(ins, tf.Offset(n.Pos()))
			}
		}
		return true
	})
	var b strings.Builder
	last := start
	for _, off := range ins {
		b.Write(g.Src[last:off])
		b.WriteByte('$')
		last = off
	}
	b.Write(g.Src[last:end])
	locate := func(off int) token.Position {
		// The k-th '$' sits at text offset ins[k]-start+k.
		n := off
		for k, in := range ins {
			if in-start+k < off {
				n--
			}
		}
		return g.Fset.Position(tf.Pos(start + n))
	}
	t, err := parseTemplate(b.String(), g.Fset.Position(head.Pos()), locate, g.Imports, len(nodes) > 1)
	var se *Error
	if errors.As(err, &se) && strings.HasSuffix(se.Msg, "is not declared in imports:") {
		// The template's imports are the file's, named by their last path element.
		se.Msg = strings.TrimSuffix(se.Msg, "is not declared in imports:") + "is not an import of the template (import a package whose name is not its path's last element with that name)"
	}
	return t, err
}

// checkReplaceVars checks that replace uses only the metavariables
// match binds, each with the same variadicity.
func checkReplaceVars(r *Rule) error {
	for _, mv := range r.Replace.Vars {
		mm, ok := r.Match.VarByName(mv.Name)
		if !ok && r.Go != nil {
			return &Error{r.Replace.PosAt(mv.Offset), fmt.Sprintf("rule %s: after uses the wildcard %s, which before does not: nothing binds it", r.ID, mv.Name)}
		}
		if !ok {
			return &Error{r.Replace.PosAt(mv.Offset), fmt.Sprintf("rule %s: $%s is not bound by match", r.ID, mv.Name)}
		}
		if mm.Variadic != mv.Variadic {
			return &Error{r.Replace.PosAt(mv.Offset), fmt.Sprintf("rule %s: $%s is variadic in one template and not the other", r.ID, mv.Name)}
		}
	}
	return nil
}

// goParseError positions the first error of a Go parse.
func goParseError(file string, err error) error {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		return &Error{list[0].Pos, list[0].Msg}
	}
	return &Error{token.Position{Filename: file, Line: 1, Column: 1}, err.Error()}
}

// Exprs returns before's and after's expressions (after's last
// statement's).
func (g *GoTemplate) Exprs() (before, after ast.Expr) {
	expr := func(fd *ast.FuncDecl) ast.Expr {
		switch st := fd.Body.List[len(fd.Body.List)-1].(type) {
		case *ast.ReturnStmt:
			return st.Results[0]
		case *ast.ExprStmt:
			return st.X
		}
		return nil
	}
	return expr(g.Before), expr(g.After)
}
