package migrate

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/rewrite"
)

// planCleanup finds the declarations of deprecated symbols the module
// owns and whether anything still refers to them.
func (m *migration) planCleanup() {
	m.cleanup = Cleanup{}
	for _, w := range m.work {
		w.cleanDel = nil
	}
	var spans []deletion
	for _, f := range m.ws.Files {
		if f.Test || f.Generated {
			continue
		}
		for _, d := range f.Syntax.Decls {
			for _, del := range m.deprecatedDecls(f, d) {
				if m.outside(f) {
					m.cleanup.Blocked = true
					m.cleanup.BlockedBy = append(m.cleanup.BlockedBy, fmt.Sprintf("%s: declares %s; %s", f.Rel, del.name, OutsideReason))
					continue
				}
				w := m.workFor(f)
				if w.old == nil {
					if err := w.read(); err != nil {
						continue
					}
				}
				w.cleanDel = append(w.cleanDel, del)
				spans = append(spans, del)
				m.cleanup.Deletes++
			}
		}
	}
	for _, s := range m.res.Sites {
		if s.Role != engine.RoleDeprecated || s.Rewritten() || s.Inline || inDeletion(s, spans) {
			continue
		}
		m.cleanup.Blocked = true
		m.cleanup.BlockedBy = append(m.cleanup.BlockedBy, fmt.Sprintf("%s: %s %s: %s", s, s.Kind, s.Symbol, s.Reason))
	}
}

func inDeletion(s engine.Site, dels []deletion) bool {
	for _, d := range dels {
		if d.start <= s.Pos && s.Pos < d.end {
			return true
		}
	}
	return false
}

// deprecatedDecls returns the declarations in d of deprecated symbols.
func (m *migration) deprecatedDecls(f *load.SourceFile, d ast.Decl) []deletion {
	var out []deletion
	for _, dd := range DeprecatedDecls(f.Syntax, d, f.Pkg.TypesInfo, m.rules) {
		out = append(out, deletion{start: dd.Start, end: dd.End, name: dd.Name})
	}
	return out
}

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
