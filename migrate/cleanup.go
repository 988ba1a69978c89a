package migrate

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/rewrite"
)

// Declaration is the declaration of a deprecated symbol, as the cleanup
// phase deletes it: Start and End span it with its doc comment (the
// whole GenDecl when it holds nothing else).
type Declaration struct {
	Key, Name  string // the symbol's key and its name as users write it
	Start, End token.Pos
}

// DeprecatedDecls returns the declarations in d, a declaration of f, of
// the symbols rules deprecate: functions, types, and variables and
// constants declared one to a spec.
func DeprecatedDecls(f *ast.File, d ast.Decl, info *types.Info, rules *engine.Rules) []Declaration {
	del := func(id *ast.Ident, n ast.Node) []Declaration {
		key := engine.ObjKey(info.Defs[id])
		if !rules.Deprecated(key) {
			return nil
		}
		start, end := rewrite.DeclSpan(f, n)
		return []Declaration{{Key: key, Name: engine.DisplayKey(key), Start: start, End: end}}
	}
	switch d := d.(type) {
	case *ast.FuncDecl:
		return del(d.Name, d)
	case *ast.GenDecl:
		var out []Declaration
		for _, sp := range d.Specs {
			switch s := sp.(type) {
			case *ast.ValueSpec:
				if len(s.Names) == 1 {
					out = append(out, del(s.Names[0], sp)...)
				}
			case *ast.TypeSpec:
				out = append(out, del(s.Name, sp)...)
			}
		}
		return out
	}
	return nil
}
