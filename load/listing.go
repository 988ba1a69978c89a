package load

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/mod/modfile"
	"golang.org/x/sync/errgroup"
)

// listedPkg is one package of a cheap listing: its files and imports,
// nothing type-checked.
type listedPkg struct {
	Path     string   // import path
	Dir      string   // directory of its files (tests included)
	Files    []string // non-test .go files (absolute)
	Imports  []string // imports of all its files, tests included
	ProdDeps []string // imports of its non-test files
	// FileImports holds each file's imports when the listing read them
	// (the walk does; the go command's listing does not).
	FileImports map[string][]string
}

// selection is what the cheap listing decided to load fully.
type selection struct {
	roots   []string            // import paths to load with syntax and types
	targets map[string]bool     // the spec's packages and the re-export holders
	dirs    map[string]bool     // directories of target packages in the module
	imports map[string][]string // each file's imports, from the listing
	also    map[string]bool     // files loaded whole whatever they import
}

// selectAffected picks, from a listing of every package and its imports,
// the packages that can refer to a target: those importing one (in any
// of their files, tests included), the targets themselves, and — found by
// parsing only those packages' files — the importers of packages that
// re-export a target, to a fixpoint. It also records the module's import
// graph for the planner's fan-in.
func selectAffected(ws *Workspace, listed []listedPkg, targets, also []string) *selection {
	sel := &selection{targets: map[string]bool{}, dirs: map[string]bool{}, imports: map[string][]string{}, also: map[string]bool{}}
	for _, t := range targets {
		sel.targets[t] = true
	}
	alsoDirs := map[string]bool{}
	for _, f := range also {
		sel.also[f] = true
		alsoDirs[filepath.Dir(f)] = true
	}
	inModule := map[string]bool{}
	for _, p := range listed {
		inModule[p.Path] = true
		for f, imps := range p.FileImports {
			sel.imports[f] = imps
		}
	}
	ws.Graph = moduleGraph(listed)
	affected := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, p := range listed {
			if affected[p.Path] || !sel.refers(p) && !alsoDirs[p.Dir] {
				continue
			}
			affected[p.Path], changed = true, true
			if holdsReexport(p.Files, sel.targets) {
				sel.targets[p.Path] = true
			}
		}
	}
	for _, p := range listed {
		if sel.targets[p.Path] && len(p.Files) > 0 {
			sel.dirs[dirOfFile(p.Files[0])] = true
		}
	}
	for path := range affected {
		sel.roots = append(sel.roots, path)
	}
	sort.Strings(sel.roots)
	return sel
}

// moduleGraph maps each listed package to the listed packages its
// non-test files import.
func moduleGraph(listed []listedPkg) map[string][]string {
	inModule := map[string]bool{}
	for _, p := range listed {
		inModule[p.Path] = true
	}
	graph := map[string][]string{}
	for _, p := range listed {
		graph[p.Path] = []string{} // a key for every package, importing none or some
		for _, path := range p.ProdDeps {
			if inModule[path] && path != p.Path {
				graph[p.Path] = appendUnique(graph[p.Path], path)
			}
		}
		sort.Strings(graph[p.Path])
	}
	return graph
}

// ImportGraph maps each package of the module (or of every module of a
// go.work) to the module packages its non-test files import, from the
// cheap listing (import declarations only, cached): what Workspace.Graph
// holds, without loading.
func ImportGraph(root string) (map[string][]string, error) {
	listed, err := walkModules(root)
	if err != nil {
		return nil, err
	}
	return moduleGraph(listed), nil
}

// refers reports whether a listed package is a target or imports one.
func (sel *selection) refers(p listedPkg) bool {
	if sel.targets[p.Path] {
		return true
	}
	for _, path := range p.Imports {
		if sel.targets[path] {
			return true
		}
	}
	return false
}

// walkModules lists the packages of every module under root (the root
// module, or each module a go.work uses) by walking their directories and
// parsing only the import declarations of each file, in parallel: what
// `go list ./...` would give, without starting the go command. Build
// constraints are not evaluated: a file any configuration compiles counts,
// which can only widen the selection.
func walkModules(root string) ([]listedPkg, error) {
	mods, err := moduleDirs(root)
	if err != nil {
		return nil, err
	}
	type fileInfo struct {
		pkg     string
		path    string
		test    bool
		imports []string
	}
	var files []*fileInfo
	for _, m := range mods {
		for _, f := range goFilesUnder(m.dir, true) {
			rel, _ := filepath.Rel(m.dir, filepath.Dir(f))
			pkg := m.path
			if rel != "." {
				pkg += "/" + filepath.ToSlash(rel)
			}
			files = append(files, &fileInfo{pkg: pkg, path: f, test: strings.HasSuffix(f, "_test.go")})
		}
	}
	cache := openListCache(root)
	var missed atomic.Bool
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, fi := range files {
		g.Go(func() error {
			info, err := os.Stat(fi.path)
			if err != nil {
				return err
			}
			if imports, ok := cache.lookup(fi.path, info); ok {
				fi.imports = imports
				cache.store(fi.path, info, imports)
				return nil
			}
			missed.Store(true)
			f, err := parser.ParseFile(token.NewFileSet(), fi.path, nil, parser.ImportsOnly|parser.SkipObjectResolution)
			if f == nil {
				return err
			}
			for _, imp := range f.Imports {
				if p, err := strconv.Unquote(imp.Path.Value); err == nil {
					fi.imports = append(fi.imports, p)
				}
			}
			cache.store(fi.path, info, fi.imports)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	cache.save(missed.Load() || len(cache.fresh) != len(cache.Files))
	byPath := map[string]*listedPkg{}
	var order []string
	for _, fi := range files {
		lp := byPath[fi.pkg]
		if lp == nil {
			lp = &listedPkg{Path: fi.pkg, Dir: filepath.Dir(fi.path), FileImports: map[string][]string{}}
			byPath[fi.pkg] = lp
			order = append(order, fi.pkg)
		}
		lp.FileImports[fi.path] = fi.imports
		if !fi.test {
			lp.Files = append(lp.Files, fi.path)
		}
		for _, imp := range fi.imports {
			lp.Imports = appendUnique(lp.Imports, imp)
			if !fi.test {
				lp.ProdDeps = appendUnique(lp.ProdDeps, imp)
			}
		}
	}
	sort.Strings(order)
	out := make([]listedPkg, 0, len(order))
	for _, p := range order {
		out = append(out, *byPath[p])
	}
	return out, nil
}

type moduleDir struct{ dir, path string }

// moduleDirs returns the root module, or every module of a go.work.
func moduleDirs(root string) ([]moduleDir, error) {
	var dirs []string
	if data, err := os.ReadFile(filepath.Join(root, "go.work")); err == nil {
		wf, err := modfile.ParseWork(filepath.Join(root, "go.work"), data, nil)
		if err != nil {
			return nil, &Error{Msg: err.Error()}
		}
		for _, u := range wf.Use {
			dirs = append(dirs, filepath.Join(root, filepath.FromSlash(u.Path)))
		}
	} else {
		dirs = []string{root}
	}
	var out []moduleDir
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err != nil {
			return nil, &Error{Msg: err.Error()}
		}
		path := modfile.ModulePath(data)
		if path == "" {
			return nil, &Error{Msg: filepath.Join(d, "go.mod") + ": no module path"}
		}
		out = append(out, moduleDir{dir: d, path: path})
	}
	return out, nil
}

// holdsReexport reports whether files declare, at top level, a variable
// initialised with a target's symbol or a function returning a call of
// one: the shapes findAliases follows. A syntactic check is enough here:
// it only widens what is loaded.
func holdsReexport(files []string, targets map[string]bool) bool {
	fset := token.NewFileSet()
	for _, name := range files {
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
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			return names["."] && id.IsExported()
		}
		sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && names[x.Name]
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

// importsTarget reports whether a file can refer to a target: it is in a
// target's directory or imports one. Its imports come from the listing
// when the walk read them; otherwise from src, or from the file when src
// is nil.
func (sel *selection) importsTarget(file string, src []byte) bool {
	if sel.dirs[dirOfFile(file)] || sel.also[file] {
		return true
	}
	imports, ok := sel.imports[file]
	if !ok {
		f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly|parser.SkipObjectResolution)
		if err != nil {
			return true
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			imports = append(imports, path)
		}
	}
	for _, path := range imports {
		if sel.targets[path] {
			return true
		}
	}
	return false
}

// fileImportsTarget is importsTarget for a file on disk.
func (sel *selection) fileImportsTarget(file string) bool { return sel.importsTarget(file, nil) }

func dirOfFile(f string) string {
	if i := strings.LastIndexAny(f, `/\`); i >= 0 {
		return f[:i]
	}
	return "."
}
