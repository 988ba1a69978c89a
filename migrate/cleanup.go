package migrate

import (
	"fmt"
	"go/ast"

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
					m.cleanup.BlockedBy = append(m.cleanup.BlockedBy, fmt.Sprintf("%s: declares %s; %s", f.Rel, del.name, outsideReason))
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
	info := f.Pkg.TypesInfo
	del := func(id *ast.Ident, n ast.Node) []deletion {
		key := engine.ObjKey(info.Defs[id])
		if !m.rules.Deprecated(key) {
			return nil
		}
		start, end := rewrite.DeclSpan(f.Syntax, n)
		return []deletion{{start: start, end: end, name: engine.DisplayKey(key)}}
	}
	switch d := d.(type) {
	case *ast.FuncDecl:
		return del(d.Name, d)
	case *ast.GenDecl:
		var out []deletion
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
