package load

import (
	"fmt"
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/canonize/canonize/internal/diag"
	"golang.org/x/tools/go/packages"
)

var unusedImport = regexp.MustCompile(`imported (as \S+ )?and not used`)

var goListWrapper = regexp.MustCompile(`^(?:go list: )?err: exit status \d+: stderr: `)

// isSyntheticTestMain reports whether p is the generated p.test main package.
func isSyntheticTestMain(p *packages.Package) bool {
	for _, f := range p.CompiledGoFiles {
		if !strings.Contains(f, string(filepath.Separator)+"go-build") && !strings.HasSuffix(f, "_testmain.go") {
			return false
		}
	}
	return true
}

func fatalListError(root string, p *packages.Package) string {
	for _, e := range p.Errors {
		if e.Kind != packages.ListError {
			continue
		}
		m := e.Msg
		if strings.Contains(m, "inconsistent vendoring") || strings.Contains(m, "missing go.sum entry") ||
			strings.Contains(m, "cannot find module providing package") || strings.Contains(m, "go.mod file not found") ||
			strings.Contains(m, "no required module provides package") || strings.Contains(m, "errors parsing go.mod") {
			if pos := parsePos(e.Pos); pos.Filename != "" {
				pos.Filename = diag.RelTo(root, pos.Filename)
				return pos.String() + ": " + m
			}
			return m
		}
	}
	return ""
}

// packageProblems returns the syntax and type errors of p, positioned.
// A package whose files are all excluded by build constraints is not a
// problem: another configuration loads it.
func packageProblems(root string, p *packages.Package, stripped func(string) bool) []diag.Diagnostic {
	var out []diag.Diagnostic
	typed := false
	for _, e := range p.Errors {
		typed = typed || e.Kind == packages.TypeError || e.Kind == packages.ParseError
	}
	for _, e := range p.Errors {
		if strings.Contains(e.Msg, "build constraints exclude all Go files") {
			continue
		}
		// The go command's compile output ("# pkg\nfile:line: msg")
		// repeats the type errors go/packages reports itself.
		if typed && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		// The compiler refuses a function declared without a body when no
		// assembly file defines it; go/types, which canonize checks with,
		// accepts it, as go vet and go fix do.
		if !typed && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") && declaresBodiless(p, stripped) {
			continue
		}
		// A file parsed without its function bodies leaves the imports
		// only they used unused: not a problem of the user's code.
		if stripped(parsePos(e.Pos).Filename) && unusedImport.MatchString(e.Msg) {
			continue
		}
		d := diag.Diagnostic{Pos: parsePos(e.Pos), Msg: e.Msg}
		if d.Pos.Filename == "" {
			d.Msg = p.PkgPath + ": " + e.Msg
		} else {
			d.Pos.Filename = diag.RelTo(root, d.Pos.Filename)
		}
		out = append(out, d)
	}
	return out
}

// declaresBodiless reports whether a file of p parsed whole declares a
// function without a body.
func declaresBodiless(p *packages.Package, stripped func(string) bool) bool {
	for _, f := range p.Syntax {
		if stripped(p.Fset.File(f.Pos()).Name()) {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil {
				return true
			}
		}
	}
	return false
}

func parsePos(s string) token.Position {
	if s == "" || s == "-" {
		return token.Position{}
	}
	var p token.Position
	parts := strings.Split(s, ":")
	p.Filename = parts[0]
	if len(parts) > 1 {
		fmt.Sscanf(parts[1], "%d", &p.Line)
	}
	if len(parts) > 2 {
		fmt.Sscanf(parts[2], "%d", &p.Column)
	}
	return p
}
