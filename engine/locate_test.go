package engine

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

const locateSrc = `package p

var top = old.Get()

func F() { old.Get() }

func (t *T) M() { func() { old.Get() }() }

func (t T[K]) V() { old.Get() }

func (t *T[K, V]) W() { old.Get() }
`

func parse(t *testing.T, src string) (*token.FileSet, *ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	return fset, f
}

// Each call is named by the declaration it is written in, receivers
// without type parameters, a function literal by its enclosing function.
func TestEnclosingFunc(t *testing.T) {
	fset, f := parse(t, locateSrc)
	var got []string
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && strings.HasPrefix(NormalText(fset, c), "old") {
			got = append(got, EnclosingFunc(f, c.Pos()))
		}
		return true
	})
	want := []string{FileScope, "F", "(*T).M", "T.V", "(*T).W"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The normalised text ignores layout, comments and the trailing commas
// a line break needs; it changes with any token.
func TestNormalText(t *testing.T) {
	text := func(expr string) string {
		fset, f := parse(t, "package p\nvar _ = "+expr+"\n")
		return NormalText(fset, f.Decls[0].(*ast.GenDecl).Specs[0].(*ast.ValueSpec).Values[0])
	}
	base := text("old.Get(ctx, user).Make(func() { a(); b() })")
	if base != "old . Get ( ctx , user ) . Make ( func ( ) { a ( ) ; b ( ) } )" {
		t.Errorf("text: %q", base)
	}
	for _, same := range []string{
		"old.Get(ctx,user).Make(func(){a();b()})",
		"old.Get(\n\tctx, // who\n\tuser,\n).Make(func() {\n\ta()\n\tb()\n})",
		"old.Get( /* c */ ctx, user).\n\tMake(func() { a(); b() })",
	} {
		if got := text(same); got != base {
			t.Errorf("%q: %q, want %q", same, got, base)
		}
	}
	for _, other := range []string{"old.Get(ctx, admin).Make(func() { a(); b() })", "old.Get(user, ctx).Make(func() { a(); b() })"} {
		if text(other) == base {
			t.Errorf("%q has the same text", other)
		}
	}
}

// A position known alone (the inliner's) leads to the innermost call
// starting there, or to the reference there.
func TestExprAt(t *testing.T) {
	src := "package p\n\nvar _ = lib.Old(1).M(2)\nvar _ = lib.C\n"
	fset, f := parse(t, src)
	at := func(line, col int) string {
		tf := fset.File(f.Pos())
		return NormalText(fset, ExprAt(f, tf.LineStart(line)+token.Pos(col-1)))
	}
	if got := at(3, 9); got != "lib . Old ( 1 )" {
		t.Errorf("call: %q", got)
	}
	if got := at(4, 13); got != "lib . C" {
		t.Errorf("selector name: %q", got)
	}
	if ExprAt(f, f.Package) != nil {
		t.Error("the package keyword is no expression")
	}
}
