package load

import (
	"go/parser"
	"go/token"
	"testing"
)

func TestConstraintOf(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"push_darwin.go", "package p", "file name _darwin"},
		{"x_linux_arm64_test.go", "package p", "file name _linux_arm64"},
		{"x_amd64.go", "package p", "file name _amd64"},
		{"linux.go", "package p", ""}, // a whole name is no suffix
		{"x_other.go", "//go:build integration && !race\n\npackage p", "//go:build integration && !race"},
		{"y_windows.go", "// doc\n//go:build cgo\n\npackage p // not //go:build x", "//go:build cgo, file name _windows"},
	} {
		f, err := parser.ParseFile(token.NewFileSet(), c.name, c.src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if got := constraintOf(f, "/m/"+c.name); got != c.want {
			t.Errorf("constraintOf(%s) = %q, want %q", c.name, got, c.want)
		}
	}
}
