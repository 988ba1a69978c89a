package spec

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"regexp"
	"strings"
)

// Template is a parsed match or replace template.
type Template struct {
	Text    string
	Expr    ast.Expr
	Vars    []MetaVar      // in order of appearance
	Symbols []TemplateSym  // qualified identifiers, in order of appearance
	Methods []MethodSym    // selectors on metavariables typed by the rule's where:
	Pos     token.Position // position of the template's first byte in the spec
	// Stmts are the statements a replacement puts before the statement
	// enclosing the match ("n := f($x)" in "n := f($x); g(n)"); Expr is
	// then the last statement's expression. Nil for an expression.
	Stmts []ast.Stmt
	// Locals are the occurrences of the names Stmts declare: a site
	// renames them where the name is taken.
	Locals []LocalRef
	file   *ast.File      // Stmts and Expr as parsed, for the spec-time type check
	fset   *token.FileSet // positions of Expr
	base   int            // token.Pos of offset 0
	varAt  map[*ast.Ident]*MetaVar
	locate func(off int) token.Position // maps offsets in Text to the spec file
}

// MetaVar is one $name (or $name...) occurrence in a template.
type MetaVar struct {
	Name     string
	Variadic bool
	Offset   int // of the '$' in Text
}

// TemplateSym is one package-qualified identifier in a template.
type TemplateSym struct {
	Qual   string // the import name used in the template
	Path   string // its import path
	Name   string
	Offset int // of Qual in Text
	Sel    *ast.SelectorExpr
}

var metaVarRE = regexp.MustCompile(`\$([A-Za-z_][A-Za-z_0-9]*)`)

// parseTemplate parses a template. Metavariables are turned into
// identifiers of the same length ($x -> _x) so that offsets in the parsed
// expression are offsets in the text, and error positions need no
// mapping beyond locate, which maps offsets in the text to the spec file.
// With stmts set, a text that is not an expression may be statements
// ending in an expression (a replacement's).
func parseTemplate(text string, pos token.Position, locate func(int) token.Position, imports map[string]string, stmts bool) (*Template, error) {
	t := &Template{Text: text, Pos: pos, fset: token.NewFileSet(), varAt: map[*ast.Ident]*MetaVar{}, locate: locate}
	if strings.ContainsRune(text, '\n') {
		text = strings.TrimRight(text, "\n")
		t.Text = text
	}
	goText := []byte(text)
	for _, m := range metaVarRE.FindAllStringIndex(text, -1) {
		goText[m[0]] = '_'
	}
	nodes, err := t.parse(goText, stmts)
	if err != nil {
		return nil, err
	}
	var bad error
	locals, _ := t.declared()
	inspect(nodes, func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && !t.isVar(id) && !locals[id.Name] {
				path, ok := imports[id.Name]
				if !ok {
					bad = &Error{t.PosAt(t.off(id.Pos())), fmt.Sprintf("%s is not declared in imports:", id.Name)}
					return false
				}
				t.Symbols = append(t.Symbols, TemplateSym{Qual: id.Name, Path: path, Name: n.Sel.Name, Offset: t.off(id.Pos()), Sel: n})
				return false
			}
		case *ast.Ident:
			if t.isVar(n) {
				mv := &MetaVar{Name: n.Name[1:], Offset: t.off(n.Pos())}
				t.Vars = append(t.Vars, *mv)
				t.varAt[n] = mv
			} else if _, isImport := imports[n.Name]; isImport {
				bad = &Error{t.PosAt(t.off(n.Pos())), fmt.Sprintf("package name %s used without a selector", n.Name)}
			}
		}
		return true
	})
	if bad != nil {
		return nil, bad
	}
	// $rest... is the last argument of a call with an ellipsis.
	inspect(nodes, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Ellipsis.IsValid() && len(call.Args) > 0 {
			if id, ok := call.Args[len(call.Args)-1].(*ast.Ident); ok {
				t.markVariadic(id)
			}
		}
		return true
	})
	if err := t.checkVars(); err != nil {
		return nil, err
	}
	if err := t.findLocals(); err != nil {
		return nil, err
	}
	return t, nil
}

// parse parses the text as an expression or, when stmts allows and it
// is not one, as statements; it returns the nodes to walk.
func (t *Template) parse(goText []byte, stmts bool) ([]ast.Node, error) {
	expr, err := parser.ParseExprFrom(t.fset, "template", goText, parser.SkipObjectResolution)
	if err != nil && stmts {
		if ok, serr := t.parseStmts(goText); ok || serr != nil {
			return t.stmtNodes(), serr
		}
	}
	if err != nil {
		return nil, t.parseError(err)
	}
	// ParseExprFrom adds its own file; find its base from the expression.
	t.base = t.fset.File(expr.Pos()).Base()
	t.Expr = expr
	return []ast.Node{expr}, nil
}

// inspect is ast.Inspect over each node.
func inspect(nodes []ast.Node, f func(ast.Node) bool) {
	for _, n := range nodes {
		ast.Inspect(n, f)
	}
}

func (t *Template) markVariadic(id *ast.Ident) {
	mv := t.varAt[id]
	if mv == nil {
		return
	}
	mv.Variadic = true
	for i := range t.Vars {
		if t.Vars[i].Offset == mv.Offset {
			t.Vars[i].Variadic = true
		}
	}
}

// isVar reports whether id was written as $name in the template text.
func (t *Template) isVar(id *ast.Ident) bool {
	off := t.off(id.Pos())
	return off >= 0 && off < len(t.Text) && t.Text[off] == '$'
}

func (t *Template) off(p token.Pos) int { return int(p) - t.base }

// VarAt returns the metavariable an identifier of Expr stands for.
func (t *Template) VarAt(id *ast.Ident) (*MetaVar, bool) {
	mv, ok := t.varAt[id]
	return mv, ok
}

// VarByName returns the first occurrence of $name.
func (t *Template) VarByName(name string) (MetaVar, bool) {
	for _, v := range t.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return MetaVar{}, false
}

// Offset returns the offset in Text of a position in Expr.
func (t *Template) Offset(p token.Pos) int { return t.off(p) }

func (t *Template) PosAt(off int) token.Position {
	if t.locate != nil {
		return t.locate(off)
	}
	p := t.Pos
	// Templates are single-line scalars in practice; a multi-line one
	// gets line-relative positions.
	for _, c := range t.Text[:min(off, len(t.Text))] {
		if c == '\n' {
			p.Line++
			p.Column = 0
		}
		p.Column++
	}
	if p.Column == 0 {
		p.Column = 1
	}
	return p
}

func (t *Template) parseError(err error) error {
	msg, off := err.Error(), 0
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		msg, off = list[0].Msg, list[0].Pos.Offset
	}
	return &Error{t.PosAt(off), fmt.Sprintf("template %q does not parse: %s", t.Text, msg)}
}

// checkVars rejects a variadic metavariable used twice and a name used
// both as variadic and not.
func (t *Template) checkVars() error {
	kinds := map[string]bool{}
	for _, v := range t.Vars {
		if k, ok := kinds[v.Name]; ok && k != v.Variadic {
			return &Error{t.PosAt(v.Offset), fmt.Sprintf("$%s is used both with and without ...", v.Name)}
		}
		kinds[v.Name] = v.Variadic
	}
	return nil
}

// VarNames returns the distinct metavariable names in order of first appearance.
func (t *Template) VarNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, v := range t.Vars {
		if !seen[v.Name] {
			seen[v.Name] = true
			names = append(names, v.Name)
		}
	}
	return names
}
