package load

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"strings"
	"testing"
)

func TestSkimBodies(t *testing.T) {
	src := `package p

import "fmt"

type T struct{ a struct{ b int } }

// F returns a struct; its body must go, the result type must stay.
func F(x func(struct{ y int }) interface{ M() }) struct{ z int } {
	if true {
		fmt.Println("{")
	}
	return struct{ z int }{1}
}

func (t *T) M() (int, error) { return 0, nil }

func G[K comparable, V any](m map[K]V) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}

var lit = func() int { return 42 }

//go:noescape
func asm(x int) int

var after = 1
`
	got := skimBodies([]byte(src))
	if len(got) != len(src) || bytes.Count(got, []byte("\n")) != strings.Count(src, "\n") {
		t.Fatal("skimming moved positions")
	}
	if !bytes.Contains(got, []byte("var lit = func() int { return 42 }")) {
		t.Error("a function literal's body was skimmed")
	}
	for _, gone := range []string{`fmt.Println("{")`, "return 0, nil", "append(out, k)", "return struct"} {
		if bytes.Contains(got, []byte(gone)) {
			t.Errorf("%q is still there", gone)
		}
	}
	fset := token.NewFileSet()
	want, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	skimmed, err := parser.ParseFile(fset, "p.go", got, 0)
	if err != nil {
		t.Fatalf("skimmed source does not parse: %v\n%s", err, got)
	}
	if a, b := declShapes(fset, want), declShapes(fset, skimmed); a != b {
		t.Errorf("declarations differ:\n%s\nwant\n%s", b, a)
	}
}

// declShapes prints every declaration without function bodies, with the
// line of each.
func declShapes(fset *token.FileSet, f *ast.File) string {
	var b bytes.Buffer
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			c := *fd
			c.Body = nil
			d = &c
		}
		b.WriteString(fset.Position(d.Pos()).String() + " ")
		printer.Fprint(&b, fset, d)
		b.WriteString("\n")
	}
	return b.String()
}
