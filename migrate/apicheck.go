package migrate

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/canonize/canonize/load"
)

// checkImporters re-checks the importers of every package whose
// exported API the rewrite changes (a type rule rewriting a signature,
// say) against the re-checked package, not the loaded one: each package
// is re-checked alone, so without this a rewrite that builds in its own
// package could break a package importing it. An error in an importer's
// own changed file withholds that file; an error in code the rewrite
// does not touch withholds the changed files of the packages whose API
// moved under it. withheld is extended in place.
//
// The check goes up every importer, transitively, in dependency order,
// each against the re-checked versions of everything it imports: an
// importer that also imports a package checked against the old API
// (chat, whose Pending returns []websocket.Event) would otherwise meet
// two websocket.Event types and report a mismatch no build would.
func (m *migration) checkImporters(contents map[string][]byte, withheld map[string]string, rechecked map[string]*types.Package) {
	moved := map[string]*types.Package{} // config|path -> the package its importers see
	roots := map[string][]string{}       // config|path -> the API-changed packages behind it
	files := map[string][]string{}       // config|path of an API-changed package -> its changed files
	variants := m.checkedVariants()
	for _, v := range variants {
		pkg := rechecked[variantKey(v)]
		if pkg == nil || SameAPI(pkg, v.Pkg.Types) {
			continue
		}
		k := v.Config.String() + "|" + v.Pkg.PkgPath
		moved[k], roots[k] = pkg, []string{k}
		files[k] = changedIn(v, contents, withheld)
	}
	if len(moved) == 0 {
		return
	}
	for _, v := range depOrder(variants) {
		k := v.Config.String() + "|" + v.Pkg.PkgPath
		override := map[string]*types.Package{}
		var deps []string
		for path := range v.Pkg.Imports {
			if q := moved[v.Config.String()+"|"+path]; q != nil && path != v.Pkg.PkgPath {
				override[path] = q
				deps = append(deps, roots[v.Config.String()+"|"+path]...)
			}
		}
		if len(override) == 0 {
			continue
		}
		slices.Sort(deps)
		deps = slices.Compact(deps)
		if pkg := m.checkImporter(v, contents, withheld, override, deps, files); pkg != nil && moved[k] == nil {
			moved[k], roots[k] = pkg, deps
		}
	}
}

// depOrder sorts variants so that each comes after the variants (of
// its configuration) it imports.
func depOrder(vs []*load.Variant) []*load.Variant {
	byKey := map[string]*load.Variant{}
	for _, v := range vs {
		byKey[v.Config.String()+"|"+v.Pkg.PkgPath] = v
	}
	var out []*load.Variant
	seen := map[*load.Variant]bool{}
	var visit func(v *load.Variant)
	visit = func(v *load.Variant) {
		if seen[v] {
			return
		}
		seen[v] = true
		paths := make([]string, 0, len(v.Pkg.Imports))
		for p := range v.Pkg.Imports {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, p := range paths {
			if d := byKey[v.Config.String()+"|"+p]; d != nil {
				visit(d)
			}
		}
		out = append(out, v)
	}
	for _, v := range vs {
		visit(v)
	}
	return out
}

// checkImporter checks one importer against the moved packages and
// returns the package it built when it is clean.
func (m *migration) checkImporter(v *load.Variant, contents map[string][]byte, withheld map[string]string, override map[string]*types.Package, deps []string, files map[string][]string) *types.Package {
	pkg, errs := m.check(v, contents, withheld, override)
	if len(errs) == 0 {
		return pkg
	}
	blamed := false
	for _, e := range errs {
		if _, ok := contents[e.Pos.Filename]; ok && withheld[e.Pos.Filename] == "" {
			withheld[e.Pos.Filename] = fmt.Sprintf("rewrite does not type-check against the rewritten packages it imports (%s): %s", v.Config, e.Rel(m.ws.Root))
			blamed = true
		}
	}
	if blamed {
		return nil
	}
	for _, k := range deps {
		_, path, _ := strings.Cut(k, "|")
		for _, f := range files[k] {
			if withheld[f] == "" {
				withheld[f] = fmt.Sprintf("rewrite changes the API of package %s, which %s uses (%s): %s", path, v.Pkg.PkgPath, v.Config, errs[0].Rel(m.ws.Root))
			}
		}
	}
	return nil
}

// changedIn lists v's files the rewrite changes and keeps.
func changedIn(v *load.Variant, contents map[string][]byte, withheld map[string]string) []string {
	var out []string
	for _, f := range v.Pkg.CompiledGoFiles {
		if _, ok := contents[f]; ok && withheld[f] == "" {
			out = append(out, f)
		}
	}
	return out
}
