package load

import (
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
