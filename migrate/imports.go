package migrate

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"

	"github.com/canonize/canonize/rewrite"
)

// tidyImports drops the imports of src that edits made by someone else
// left unused or doubled: the inliner computes each fix alone, so two
// fixes may each add the same import, and none removes an import that
// only all of them together leave unused. pkg is the file's package as
// it was type-checked, for the names of imports that do not rename.
// Only the lines of removed specs change.
func tidyImports(src []byte, pkg *types.Package) ([]byte, error) {
	return TidyImports(src, importNames(pkg))
}

// TidyImports is tidyImports for a caller without the package's types:
// names maps import paths to the names of their packages; an import
// that does not rename a package names does not give is kept.
func TidyImports(src []byte, names map[string]string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("inlined file does not parse: %w", err)
	}
	used := SelectorRoots(f)
	var ch rewrite.ImportChange
	seen := map[string]int{}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		name, explicit := nameOf(importOf(spec), names), spec.Name != nil
		if name == "" || name == "_" || name == "." || path == "C" {
			continue
		}
		key := name + " " + path
		seen[key]++
		switch {
		case !used[name]:
			ch.Remove = append(ch.Remove, path)
		case seen[key] == 2:
			// Every spec of the path goes; one comes back.
			ch.Remove = append(ch.Remove, path)
			imp := rewrite.Import{Path: path}
			if explicit {
				imp.Name = name
			}
			ch.Add = append(ch.Add, imp)
		}
	}
	if len(ch.Remove) == 0 {
		return src, nil
	}
	res, err := rewrite.File(src, nil, ch)
	if err != nil {
		return nil, err
	}
	return res.Src, nil
}

// nameOf is the name an import declares: its own, or the imported
// package's (from names, as importNames gives them; "" if unknown).
func nameOf(imp rewrite.Import, names map[string]string) string {
	if imp.Name != "" {
		return imp.Name
	}
	return names[imp.Path]
}

// importNames maps the path of every package pkg depends on to its name.
func importNames(pkg *types.Package) map[string]string {
	out := map[string]string{}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if _, ok := out[p.Path()]; ok {
			return
		}
		out[p.Path()] = p.Name()
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	for _, q := range pkg.Imports() {
		visit(q)
	}
	return out
}

// SelectorRoots collects the names x of every x.y in the file: the only
// way a file uses an import it names.
func SelectorRoots(f *ast.File) map[string]bool {
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	return used
}

// withLiterals adds to the rules' import change the imports the
// inliner's edits add, and keeps every import whose name the edits'
// text uses: the rules' change removes an import whose uses they all
// drop, not knowing the inliner's text brings one back.
func withLiterals(ch rewrite.ImportChange, imports []*ast.ImportSpec, names map[string]string, lits []rewrite.Edit, adds []rewrite.Import) rewrite.ImportChange {
	if len(lits) == 0 {
		return ch
	}
	for _, imp := range adds {
		if !slices.ContainsFunc(ch.Add, func(a rewrite.Import) bool { return a.Path == imp.Path }) {
			ch.Add = append(ch.Add, imp)
		}
	}
	used := map[string]bool{}
	for _, e := range lits {
		maps.Copy(used, qualifiers(e.Text))
	}
	for _, spec := range imports {
		imp := importOf(spec)
		name := nameOf(imp, names)
		if used[name] {
			ch.Remove = slices.DeleteFunc(slices.Clone(ch.Remove), func(p string) bool { return p == imp.Path })
		}
	}
	return ch
}

// qualifiers returns the names x of the x.y selections in Go text.
func qualifiers(text string) map[string]bool {
	out := map[string]bool{}
	var sc scanner.Scanner
	fset := token.NewFileSet()
	sc.Init(fset.AddFile("", -1, len(text)), []byte(text), nil, 0)
	prev := ""
	for {
		_, tok, lit := sc.Scan()
		if tok == token.EOF {
			return out
		}
		if tok == token.PERIOD && prev != "" {
			out[prev] = true
		}
		prev = ""
		if tok == token.IDENT {
			prev = lit
		}
	}
}

// appendUnused adds to the change's removals the imports of the file
// src no selector uses any more, except those the change adds.
func appendUnused(ch rewrite.ImportChange, src []byte, names map[string]string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return ch.Remove // the re-type-check reports it
	}
	used := SelectorRoots(f)
	out := slices.Clone(ch.Remove)
	for _, spec := range f.Imports {
		imp := importOf(spec)
		name := nameOf(imp, names)
		if name == "" || name == "_" || name == "." || imp.Path == "C" || used[name] {
			continue
		}
		if !slices.Contains(out, imp.Path) && !slices.ContainsFunc(ch.Add, func(a rewrite.Import) bool { return a.Path == imp.Path }) {
			out = append(out, imp.Path)
		}
	}
	return out
}
