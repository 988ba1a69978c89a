package plan

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// selection is what the cheap listing decided to load fully.
type selection struct {
	roots   []string        // import paths to load with syntax and types
	targets map[string]bool // the spec's packages and the re-export holders
	dirs    map[string]bool // directories of target packages in the module
}

// selectAffected picks, from a listing of every package and its imports,
// the packages that can refer to a target: those importing one (in any
// of their variants), the targets themselves, and — found by parsing only
// those packages' files — the importers of packages that re-export a
// target, to a fixpoint. It also records the module's import graph.
func selectAffected(ws *Workspace, listed []*packages.Package, targets []string) *selection {
	sel := &selection{targets: map[string]bool{}, dirs: map[string]bool{}}
	for _, t := range targets {
		sel.targets[t] = true
	}
	ws.Graph = map[string][]string{}
	inModule := map[string]bool{}
	for _, p := range listed {
		if p.Module != nil {
			ws.Modules[p.Module.Path] = p.Module
		}
		if isTestVariant(p) {
			continue
		}
		inModule[p.PkgPath] = true
	}
	for _, p := range listed {
		if isTestVariant(p) {
			continue
		}
		ws.Graph[p.PkgPath] = []string{} // a key for every package, importing none or some
		for path := range p.Imports {
			if inModule[path] {
				ws.Graph[p.PkgPath] = append(ws.Graph[p.PkgPath], path)
			}
		}
		sort.Strings(ws.Graph[p.PkgPath])
	}
	parsed := map[string]bool{}
	affected := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, p := range listed {
			base := basePath(p)
			if affected[base] || !sel.refers(p) {
				continue
			}
			affected[base] = true
			changed = true
			if !isTestVariant(p) && !parsed[p.PkgPath] {
				parsed[p.PkgPath] = true
				if holdsReexport(p, sel.targets) {
					sel.targets[p.PkgPath] = true
				}
			}
		}
	}
	for _, p := range listed {
		if sel.targets[p.PkgPath] && len(p.GoFiles) > 0 {
			sel.dirs[dirOfFile(p.GoFiles[0])] = true
		}
	}
	for path := range affected {
		sel.roots = append(sel.roots, path)
	}
	sort.Strings(sel.roots)
	return sel
}

func isTestVariant(p *packages.Package) bool {
	return p.ForTest != "" || strings.HasSuffix(p.ID, ".test")
}

// basePath is the package a variant belongs to (p for p_test and p [p.test]).
func basePath(p *packages.Package) string {
	if p.ForTest != "" {
		return p.ForTest
	}
	return p.PkgPath
}

// refers reports whether a listed package is a target or imports one.
func (sel *selection) refers(p *packages.Package) bool {
	if sel.targets[p.PkgPath] {
		return true
	}
	for path := range p.Imports {
		if sel.targets[path] {
			return true
		}
	}
	return false
}

// holdsReexport reports whether a package's files declare, at top level,
// a variable initialised with a target's symbol or a function returning
// a call of one: the shapes findAliases follows. A syntactic check is
// enough here: it only widens what is loaded.
func holdsReexport(p *packages.Package, targets map[string]bool) bool {
	fset := token.NewFileSet()
	for _, name := range p.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return true // be safe: load it
		}
		names := map[string]bool{}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !targets[path] {
				continue
			}
			if imp.Name != nil {
				names[imp.Name.Name] = true
			} else {
				names[path[strings.LastIndexByte(path, '/')+1:]] = true
			}
		}
		if len(names) == 0 {
			continue
		}
		for _, d := range f.Decls {
			if reexports(d, names) {
				return true
			}
		}
	}
	return false
}

func reexports(d ast.Decl, names map[string]bool) bool {
	qualified := func(e ast.Expr) bool {
		if c, ok := e.(*ast.CallExpr); ok {
			e = c.Fun
		}
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && (names[x.Name] || names["."])
	}
	switch d := d.(type) {
	case *ast.GenDecl:
		for _, s := range d.Specs {
			if vs, ok := s.(*ast.ValueSpec); ok && len(vs.Values) == 1 && qualified(vs.Values[0]) {
				return true
			}
		}
	case *ast.FuncDecl:
		if d.Recv == nil && d.Body != nil && len(d.Body.List) == 1 {
			if r, ok := d.Body.List[0].(*ast.ReturnStmt); ok && len(r.Results) == 1 && qualified(r.Results[0]) {
				return true
			}
		}
	}
	return false
}

// fileImportsTarget reports whether a file the host excludes can refer
// to a target: it imports one, or belongs to a target's directory.
func (sel *selection) fileImportsTarget(file string) bool {
	if sel.dirs[dirOfFile(file)] {
		return true
	}
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		return true
	}
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); sel.targets[path] {
			return true
		}
	}
	return false
}

func dirOfFile(f string) string {
	if i := strings.LastIndexAny(f, `/\`); i >= 0 {
		return f[:i]
	}
	return "."
}
