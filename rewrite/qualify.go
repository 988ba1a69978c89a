package rewrite

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/canonize/canonize/spec"
)

// TypedFile is a file with the types of the package it was checked in.
type TypedFile struct {
	Syntax *ast.File
	Info   *types.Info
	Pkg    *types.Package
}

// QualNeed is one edit's need for qualifiers: the replacement's
// package-qualified names, to be written at Pos.
type QualNeed struct {
	Pos  token.Pos
	Syms []spec.TemplateSym
}

// Qualify decides the qualifier of every replacement name of each edit
// (a name the file's own package declares is written unqualified, never
// through an import of the package into itself)
// (quals[i] maps the template's import names to what to write at
// needs[i]) and the imports the file gains and loses. A replacement's
// package is added under a name free at every site (its own, else
// name2, name3...); pkgNames gives each path's package name. An import
// is removed when its only uses were in dropped code.
func Qualify(f TypedFile, needs []QualNeed, pkgNames map[string]string, dropped [][2]token.Pos) ([]map[string]string, ImportChange) {
	var ch ImportChange
	quals := make([]map[string]string, len(needs))
	keep := map[string]bool{}
	var all []token.Pos
	type missing struct {
		i   int
		sym spec.TemplateSym
	}
	var toAdd []missing
	for i, n := range needs {
		all = append(all, n.Pos)
		quals[i] = map[string]string{}
		for _, s := range n.Syms {
			if ownSymbol(f, s, n.Pos) {
				quals[i][s.Qual] = "" // declared in this package: written unqualified
				continue
			}
			if name, ok := visibleName(f, s.Path, n.Pos); ok {
				quals[i][s.Qual] = name
				keep[s.Path] = true
				continue
			}
			toAdd = append(toAdd, missing{i, s})
		}
	}
	ch.Remove = unusedImports(f, dropped, keep)
	// The name of an import the same change removes is free again: a
	// package move from x/net/context to context keeps the name context.
	freed := map[*types.PkgName]bool{}
	for _, spec := range f.Syntax.Imports {
		if pn := f.Info.PkgNameOf(spec); pn != nil && slices.Contains(ch.Remove, importPath(spec)) {
			freed[pn] = true
		}
	}
	added := map[string]string{} // path -> name of the new import
	for _, m := range toAdd {
		s := m.sym
		if _, done := added[s.Path]; !done {
			pkg := pkgNames[s.Path]
			if pkg == "" {
				pkg = s.Path[strings.LastIndexByte(s.Path, '/')+1:]
			}
			added[s.Path] = freeName(f, pkg, all, freed)
			imp := Import{Path: s.Path}
			if added[s.Path] != pkg {
				imp.Name = added[s.Path]
			}
			ch.Add = append(ch.Add, imp)
		}
		quals[m.i][s.Qual] = added[s.Path]
	}
	return quals, ch
}

// ownSymbol reports whether s is declared by the file's own package and
// its name, unqualified, denotes it at pos (no local shadows it). A
// shadowed one is left to the import path, which the re-type-check then
// refuses as the package importing itself.
func ownSymbol(f TypedFile, s spec.TemplateSym, pos token.Pos) bool {
	if s.Path != f.Pkg.Path() {
		return false
	}
	obj := f.Pkg.Scope().Lookup(s.Name)
	if obj == nil {
		return false
	}
	inner := f.Info.Scopes[f.Syntax]
	if inner == nil {
		return true
	}
	_, found := inner.Innermost(pos).LookupParent(s.Name, pos)
	return found == obj
}

// unusedImports lists the imports whose every use lies in dropped code.
func unusedImports(f TypedFile, dropped [][2]token.Pos, keep map[string]bool) []string {
	// One pass over the package's uses counts, per import of this file,
	// the uses in dropped code and the uses left.
	gone, left := map[*types.PkgName]int{}, map[*types.PkgName]int{}
	for id, obj := range f.Info.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || id.Pos() < f.Syntax.Pos() || id.Pos() > f.Syntax.End() {
			continue
		}
		if inSpans(id.Pos(), dropped) {
			gone[pn]++
		} else {
			left[pn]++
		}
	}
	var out []string
	for _, spec := range f.Syntax.Imports {
		pn := f.Info.PkgNameOf(spec)
		path := importPath(spec)
		if pn == nil || pn.Name() == "_" || pn.Name() == "." || keep[path] {
			continue
		}
		if gone[pn] > 0 && left[pn] == 0 {
			out = append(out, path)
		}
	}
	return out
}

func inSpans(p token.Pos, spans [][2]token.Pos) bool {
	for _, s := range spans {
		if p >= s[0] && p < s[1] {
			return true
		}
	}
	return false
}

// visibleName returns the name under which path is visible at pos in f
// through an existing import ("" for a dot import), if one is.
func visibleName(f TypedFile, path string, pos token.Pos) (string, bool) {
	inner := f.Info.Scopes[f.Syntax]
	if inner != nil {
		inner = inner.Innermost(pos)
	}
	for _, spec := range f.Syntax.Imports {
		if importPath(spec) != path {
			continue
		}
		pn := f.Info.PkgNameOf(spec)
		switch {
		case pn == nil || pn.Name() == "_":
			continue
		case pn.Name() == ".":
			return "", true
		case inner == nil:
			return pn.Name(), true
		}
		if _, obj := inner.LookupParent(pn.Name(), pos); obj == pn {
			return pn.Name(), true
		}
	}
	return "", false
}

// freeName returns pkg, or pkg2, pkg3..., whichever is free at every position.
// An import in freed does not hold its name: the change removes it.
func freeName(f TypedFile, pkg string, pos []token.Pos, freed map[*types.PkgName]bool) string {
	scope := f.Info.Scopes[f.Syntax]
	for i := 1; ; i++ {
		name := pkg
		if i > 1 {
			name = fmt.Sprintf("%s%d", pkg, i)
		}
		free := true
		for _, p := range pos {
			var inner *types.Scope
			if scope != nil {
				inner = scope.Innermost(p)
			}
			if !nameFree(f, inner, name, p, freed) {
				free = false
				break
			}
		}
		if free {
			return name
		}
	}
}

// nameFree reports whether name can be a new package name of f visible at pos.
func nameFree(f TypedFile, inner *types.Scope, name string, pos token.Pos, freed map[*types.PkgName]bool) bool {
	if inner != nil {
		if _, obj := inner.LookupParent(name, pos); obj != nil && obj.Parent() != types.Universe {
			if pn, ok := obj.(*types.PkgName); !ok || !freed[pn] {
				return false
			}
		}
	}
	if f.Pkg.Scope().Lookup(name) != nil {
		return false
	}
	for _, spec := range f.Syntax.Imports {
		if pn := f.Info.PkgNameOf(spec); pn != nil && pn.Name() == name && !freed[pn] {
			return false
		}
	}
	return true
}
