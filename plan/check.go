package plan

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/semver"
	"golang.org/x/sync/errgroup"
)

// typecheck type-checks again, in memory, every package variant (in
// every build configuration) that holds one of the changed files, with
// contents (absolute path -> new bytes) in place of the files on disk. It
// returns the files whose change does not type-check, with the reason; a
// package that fails only in unchanged files blames all its changed files.
func (a *analysis) typecheck(contents map[string][]byte) map[string]string {
	var mu sync.Mutex
	withheld := map[string]string{}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, v := range a.checkedVariants() {
		g.Go(func() error {
			local := a.checkVariant(v, contents)
			mu.Lock()
			defer mu.Unlock()
			for f, why := range local {
				if withheld[f] == "" {
					withheld[f] = why
				}
			}
			return nil
		})
	}
	g.Wait()
	return withheld
}

// checkedVariants are the variants worth re-checking: p [p.test] holds
// every file of p, so p itself is skipped when its test variant exists.
func (a *analysis) checkedVariants() []*Variant {
	covered := map[string]bool{}
	for _, v := range a.ws.Variants {
		if p := v.Pkg; p.ForTest != "" && p.PkgPath == p.ForTest {
			covered[v.Config.String()+"|"+p.PkgPath] = true
		}
	}
	var out []*Variant
	for _, v := range a.ws.Variants {
		if v.Pkg.ForTest == "" && covered[v.Config.String()+"|"+v.Pkg.PkgPath] {
			continue
		}
		out = append(out, v)
	}
	return out
}

// checkVariant re-checks one variant until the files it blames are out.
func (a *analysis) checkVariant(v *Variant, contents map[string][]byte) map[string]string {
	withheld := map[string]string{}
	for round := 0; round <= len(contents); round++ {
		if !holds(v, contents, withheld) {
			break
		}
		errs := a.check(v, contents, withheld)
		if len(errs) == 0 {
			break
		}
		blamed := false
		for _, e := range errs {
			if _, ok := contents[e.Pos.Filename]; ok && withheld[e.Pos.Filename] == "" {
				withheld[e.Pos.Filename] = fmt.Sprintf("rewrite does not type-check (%s): %s", v.Config, e.relString())
				blamed = true
			}
		}
		if !blamed {
			for _, f := range v.Pkg.CompiledGoFiles {
				if _, ok := contents[f]; ok && withheld[f] == "" {
					withheld[f] = fmt.Sprintf("rewrite breaks package %s (%s): %s", v.Pkg.PkgPath, v.Config, errs[0].relString())
				}
			}
			break
		}
	}
	return withheld
}

func holds(v *Variant, contents map[string][]byte, withheld map[string]string) bool {
	for _, f := range v.Pkg.CompiledGoFiles {
		if _, ok := contents[f]; ok && withheld[f] == "" {
			return true
		}
	}
	return false
}

// check type-checks v with the changed contents in place and returns its
// errors, with file names as absolute paths.
func (a *analysis) check(v *Variant, contents map[string][]byte, withheld map[string]string) []Diagnostic {
	p := v.Pkg
	fset := a.ws.Fset
	var files []*ast.File
	for i, name := range p.CompiledGoFiles {
		if src, ok := contents[name]; ok && withheld[name] == "" {
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return []Diagnostic{{Pos: token.Position{Filename: name}, Msg: err.Error()}}
			}
			files = append(files, f)
			continue
		}
		if i < len(p.Syntax) {
			files = append(files, p.Syntax[i])
		}
	}
	var errs []Diagnostic
	conf := types.Config{
		Importer: importer{own: p.Types, pkgs: a.pkgs, root: a.ws.Root},
		Sizes:    p.TypesSizes,
		Error: func(err error) {
			if te, ok := err.(types.Error); ok && !te.Soft {
				d := Diagnostic{Pos: fset.Position(te.Pos), Msg: te.Msg}
				d.rel = relTo(a.ws.Root, d.Pos.Filename)
				errs = append(errs, d)
			}
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		conf.GoVersion = "go" + p.Module.GoVersion
	}
	conf.Check(p.PkgPath, fset, files, nil)
	return errs
}

// importer resolves imports of a re-checked package to the packages its
// original check used, so that types from both are identical.
type importer struct {
	own  *types.Package
	pkgs map[string]*types.Package
	root string
}

func (im importer) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	for _, q := range im.own.Imports() {
		if q.Path() == path {
			return q, nil
		}
	}
	if q := lookupPackage(im.pkgs, im.root, path); q != nil {
		return q, nil
	}
	return nil, fmt.Errorf("cannot import %s", path)
}

// versionWarnings warns when a module's go.mod declares a Go version
// older than a standard-library replacement needs.
func (a *analysis) versionWarnings() {
	seen := map[string]bool{}
	for _, c := range a.res.Changes {
		w := a.work[c.Abs]
		mod := w.file.Pkg.Module
		if mod == nil || mod.GoVersion == "" {
			continue
		}
		for _, i := range w.sites {
			r := a.ruleByID(a.res.Sites[i].Rule)
			for _, s := range r.Replace.Symbols {
				need := stdVersion(s.Path, s.Name)
				if need == "" || semver.Compare("v"+strings.TrimPrefix(need, "go"), "v"+mod.GoVersion) <= 0 {
					continue
				}
				key := mod.Path + "|" + r.ID + "|" + s.Path + "." + s.Name
				if seen[key] {
					continue
				}
				seen[key] = true
				a.res.Warnings = append(a.res.Warnings, Diagnostic{Pos: token.Position{Filename: relGoMod(a.ws.Root, mod.GoMod)},
					Msg: fmt.Sprintf("module %s declares go %s; rule %s uses %s.%s, which needs %s", mod.Path, mod.GoVersion, r.ID, s.Path, s.Name, need)})
			}
		}
	}
}

func relGoMod(root, gomod string) string {
	if rel, err := filepath.Rel(root, gomod); err == nil {
		return filepath.ToSlash(rel)
	}
	return gomod
}

var apiVersions map[string]string

// stdVersion returns the Go release that added a standard-library
// symbol, read from $GOROOT/api, or "" if unknown or not standard.
func stdVersion(path, name string) string {
	if strings.Contains(strings.SplitN(path, "/", 2)[0], ".") {
		return ""
	}
	if apiVersions == nil {
		apiVersions = readAPI(filepath.Join(build.Default.GOROOT, "api"))
	}
	return apiVersions[path+"."+name]
}

func readAPI(dir string) map[string]string {
	out := map[string]string{}
	names, _ := filepath.Glob(filepath.Join(dir, "go1*.txt"))
	sort.Slice(names, func(i, j int) bool { return apiMinor(names[i]) < apiMinor(names[j]) })
	for _, file := range names {
		version := "go1." + strconv.Itoa(apiMinor(file))
		f, err := os.Open(file)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if key := apiKey(sc.Text()); key != "" {
				if _, ok := out[key]; !ok {
					out[key] = version
				}
			}
		}
		f.Close()
	}
	return out
}

func apiMinor(file string) int {
	base := strings.TrimSuffix(filepath.Base(file), ".txt")
	n, err := strconv.Atoi(strings.TrimPrefix(base, "go1."))
	if err != nil {
		return 0 // go1.txt
	}
	return n
}

// apiKey turns "pkg io, func ReadAll(Reader) ..." into "io.ReadAll".
func apiKey(line string) string {
	rest, ok := strings.CutPrefix(line, "pkg ")
	if !ok {
		return ""
	}
	i := strings.IndexAny(rest, ", ")
	if i < 0 {
		return ""
	}
	path := rest[:i]
	_, decl, ok := strings.Cut(rest, ", ")
	if !ok {
		return ""
	}
	for _, kind := range []string{"func ", "var ", "const ", "type "} {
		if name, ok := strings.CutPrefix(decl, kind); ok {
			end := strings.IndexAny(name, " (,[")
			if end < 0 {
				end = len(name)
			}
			return path + "." + name[:end]
		}
	}
	return ""
}
