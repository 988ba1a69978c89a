package migrate

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"runtime"
	"sync"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
	"golang.org/x/sync/errgroup"
)

// typecheck type-checks again, in memory, every package variant (in
// every build configuration) that holds one of the changed files, with
// contents (absolute path -> new bytes) in place of the files on disk. It
// returns the files whose change does not type-check, with the reason; a
// package that fails only in unchanged files blames all its changed files.
func (m *migration) typecheck(contents map[string][]byte) map[string]string {
	variants := m.checkedVariants()
	withheld, rechecked := m.typecheckAll(variants, contents)
	m.checkImporters(contents, withheld, rechecked)
	return withheld
}

// typecheckVariants re-checks the given variants in parallel; a file
// failing in several keeps the first reason found.
func (m *migration) typecheckVariants(variants []*load.Variant, contents map[string][]byte) map[string]string {
	withheld, _ := m.typecheckAll(variants, contents)
	return withheld
}

// typecheckAll is typecheckVariants that also returns the package each
// variant's last clean check built, by variantKey.
func (m *migration) typecheckAll(variants []*load.Variant, contents map[string][]byte) (map[string]string, map[string]*types.Package) {
	var mu sync.Mutex
	withheld := map[string]string{}
	rechecked := map[string]*types.Package{}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, v := range variants {
		g.Go(func() error {
			local, pkg := m.checkVariant(v, contents, nil)
			mu.Lock()
			defer mu.Unlock()
			for f, why := range local {
				if withheld[f] == "" {
					withheld[f] = why
				}
			}
			if pkg != nil {
				rechecked[variantKey(v)] = pkg
			}
			return nil
		})
	}
	g.Wait()
	return withheld, rechecked
}

func variantKey(v *load.Variant) string { return v.Config.String() + "|" + v.Pkg.ID }

// checkedVariants are the variants worth re-checking: p [p.test] holds
// every file of p, so p itself is skipped when its test variant exists.
func (m *migration) checkedVariants() []*load.Variant {
	covered := map[string]bool{}
	for _, v := range m.ws.Variants {
		if p := v.Pkg; p.ForTest != "" && p.PkgPath == p.ForTest {
			covered[v.Config.String()+"|"+p.PkgPath] = true
		}
	}
	var out []*load.Variant
	for _, v := range m.ws.Variants {
		if v.Pkg.ForTest == "" && covered[v.Config.String()+"|"+v.Pkg.PkgPath] {
			continue
		}
		out = append(out, v)
	}
	return out
}

// checkVariant re-checks one variant until the files it blames are out,
// and returns the package its last check built when that check was
// clean. override maps import paths to re-checked packages.
func (m *migration) checkVariant(v *load.Variant, contents map[string][]byte, override map[string]*types.Package) (map[string]string, *types.Package) {
	withheld := map[string]string{}
	var pkg *types.Package
	for round := 0; round <= len(contents); round++ {
		if !holds(v, contents, withheld) {
			pkg = nil
			break
		}
		var errs []diag.Diagnostic
		pkg, errs = m.check(v, contents, withheld, override)
		if len(errs) == 0 {
			break
		}
		pkg = nil
		blamed := false
		for _, e := range errs {
			if _, ok := contents[e.Pos.Filename]; ok && withheld[e.Pos.Filename] == "" {
				withheld[e.Pos.Filename] = fmt.Sprintf("rewrite does not type-check (%s): %s", v.Config, e.Rel(m.ws.Root))
				blamed = true
			}
		}
		if !blamed {
			for _, f := range v.Pkg.CompiledGoFiles {
				if _, ok := contents[f]; ok && withheld[f] == "" {
					withheld[f] = fmt.Sprintf("rewrite breaks package %s (%s): %s", v.Pkg.PkgPath, v.Config, errs[0].Rel(m.ws.Root))
				}
			}
			break
		}
	}
	return withheld, pkg
}

func holds(v *load.Variant, contents map[string][]byte, withheld map[string]string) bool {
	for _, f := range v.Pkg.CompiledGoFiles {
		if _, ok := contents[f]; ok && withheld[f] == "" {
			return true
		}
	}
	return false
}

// check type-checks v with the changed contents in place and returns the
// package and its errors, with file names as absolute paths.
func (m *migration) check(v *load.Variant, contents map[string][]byte, withheld map[string]string, override map[string]*types.Package) (*types.Package, []diag.Diagnostic) {
	p := v.Pkg
	fset := m.ws.Fset
	var files []*ast.File
	for i, name := range p.CompiledGoFiles {
		if src, ok := contents[name]; ok && withheld[name] == "" {
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return nil, []diag.Diagnostic{{Pos: token.Position{Filename: name}, Msg: err.Error()}}
			}
			files = append(files, f)
			continue
		}
		if i < len(p.Syntax) {
			files = append(files, p.Syntax[i])
		}
	}
	var errs []diag.Diagnostic
	conf := types.Config{
		Importer: importer{own: p.Types, lookup: m.look, override: override},
		Sizes:    p.TypesSizes,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				return
			}
			// Soft errors ("declared and not used") are compile errors
			// too: a deletion can leave a variable unused. Only a
			// re-parsed file counts: the loader blanks the bodies of
			// files that do not import a target, whose imports then
			// look unused.
			pos := fset.Position(te.Pos)
			if _, changed := contents[pos.Filename]; te.Soft && (!changed || withheld[pos.Filename] != "") {
				return
			}
			errs = append(errs, diag.Diagnostic{Pos: pos, Msg: te.Msg})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	pkg, _ := conf.Check(p.PkgPath, fset, files, nil)
	m.toOriginal(errs, contents, withheld)
	return pkg, errs
}

// importer resolves imports of a re-checked package to the packages its
// original check used, so that types from both are identical.
type importer struct {
	own      *types.Package
	lookup   engine.Lookup
	override map[string]*types.Package // re-checked packages whose API changed
}

func (im importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if q := im.override[path]; q != nil {
		return q, nil
	}
	if path == im.own.Path() {
		// The loaded package would resolve, and hide the cycle the go
		// command refuses: a rewrite that imports its own package.
		return nil, fmt.Errorf("package %s would import itself", path)
	}
	for _, q := range im.own.Imports() {
		if q.Path() == path {
			return q, nil
		}
	}
	if q := im.lookup(path); q != nil {
		if reaches(q, im.own.Path(), map[string]bool{}) {
			return nil, fmt.Errorf("import cycle: %s imports %s", path, im.own.Path())
		}
		return q, nil
	}
	return nil, fmt.Errorf("cannot import %s", path)
}

// Reaches reports whether p imports path, directly or not: a rewrite
// that adds an import of p to path's package makes a cycle.
func Reaches(p *types.Package, path string) bool { return reaches(p, path, map[string]bool{}) }

func reaches(p *types.Package, path string, seen map[string]bool) bool {
	for _, q := range p.Imports() {
		if q.Path() == path {
			return true
		}
		if !seen[q.Path()] {
			seen[q.Path()] = true
			if reaches(q, path, seen) {
				return true
			}
		}
	}
	return false
}
