package load

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/canonize/canonize/internal/diag"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// SourceFile is one Go file of the user's code, as loaded in the first
// build configuration that compiles it.
type SourceFile struct {
	Abs       string // absolute path
	Rel       string // slash path relative to the root
	Syntax    *ast.File
	Pkg       *packages.Package // the package variant the file was type-checked in
	Config    BuildConfig
	Generated bool
	Test      bool
	// Constrained says, when the host does not compile the file, what
	// keeps it out as its author wrote it ("//go:build darwin", "file
	// name _windows"), or else the configuration that compiles it;
	// empty when the host compiles it.
	Constrained string
}

// Workspace is the loaded user code: every package variant in every
// build configuration that some file of the module needs.
type Workspace struct {
	Root     string
	Fset     *token.FileSet
	Files    []*SourceFile               // sorted by Rel, each file once
	Variants []*Variant                  // every loaded package variant, all configs
	Modules  map[string]*packages.Module // by module path
	Problems []diag.Diagnostic           // unusable packages (syntax/type errors)
	Notes    []diag.Diagnostic           // files no configuration compiles, etc.
	// Unanalysable maps the files left out because their package needs
	// one with problems to those packages (see Unanalysable).
	Unanalysable map[string][]string

	seenProblem map[string]bool // one report per problem across variants
	broken      []string        // import paths of the packages with problems
	sel         *selection      // set when only what refers to the targets is loaded
	strippedMu  sync.Mutex
	stripped    map[string]bool // files parsed without function bodies
	// Graph maps each module package to the module packages it imports
	// (host configuration, tests excluded), from the listing.
	Graph map[string][]string
}

// Variant is one loaded package in one configuration.
type Variant struct {
	Pkg    *packages.Package
	Config BuildConfig
}

// Error is returned when the tree cannot be loaded at all; Msg is the
// go command's own reason.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// FindRoot returns the nearest directory at or above dir holding go.work
// or go.mod.
func FindRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, f := range []string{"go.work", "go.mod"} {
			if _, err := os.Stat(filepath.Join(d, f)); err == nil {
				return d, nil
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s: no go.mod or go.work here or above", abs)
		}
	}
}

const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax |
	packages.NeedTypesInfo | packages.NeedModule | packages.NeedForTest

// Load loads every package of every module under root in the host
// configuration and then, for files the host excludes, in a
// configuration that includes each of them. It always sees the whole
// module: re-exports, facades and compliance need every package, and
// package patterns restrict what changes, not what is found (see
// PatternDirs).
//
// With targets (import paths), only the packages that can refer to them
// are loaded with syntax and types: a cheap listing of every package's
// imports (no type-checking, no export data) selects the packages that
// import a target, or a package of the module that re-exports one.
// Everything else is never parsed; its cost is the listing.
//
// also names files (absolute paths) to load with full syntax and types
// whether or not they refer to a target: where Go's inliner changes
// code.
func Load(root string, targets, also []string, progress func(string)) (*Workspace, error) {
	if progress == nil {
		progress = func(string) {}
	}
	patterns, err := modulePatterns(root)
	if err != nil {
		return nil, err
	}
	ws := &Workspace{Root: root, Fset: token.NewFileSet(), Modules: map[string]*packages.Module{}, seenProblem: map[string]bool{}}
	host := Host()
	ignored := map[string]bool{}
	roots := patterns
	keep := func(string) bool { return true }
	if targets != nil {
		progress("listing packages")
		listed, err := walkModules(ws.Root)
		if err != nil {
			return nil, err
		}
		if len(listed) == 0 {
			return nil, &Error{Msg: fmt.Sprintf("no packages in %s", root)}
		}
		sel := selectAffected(ws, listed, targets, also)
		roots, keep = sel.roots, sel.fileImportsTarget
		ws.sel, ws.stripped = sel, map[string]bool{}
		for _, p := range listed {
			if !sel.refers(p) || len(p.Files) == 0 {
				continue
			}
			for _, f := range goFilesUnder(dirOfFile(p.Files[0]), false) {
				ignored[f] = true // loaded or not, decided below
			}
		}
	}
	seen := map[string]bool{}
	if len(roots) > 0 {
		progress(fmt.Sprintf("loading %d packages", len(roots)))
		pkgs, err := ws.load(host, roots)
		if err != nil {
			return nil, err
		}
		if len(pkgs) == 0 && targets == nil {
			return nil, &Error{Msg: fmt.Sprintf("no packages in %s", root)}
		}
		ws.addFiles(pkgs, host, seen, func(p *packages.Package) {
			for _, f := range p.IgnoredFiles {
				if strings.HasSuffix(f, ".go") {
					ignored[f] = true
				}
			}
		})
	}
	if ws.sel == nil {
		// Directories the host build lists nothing for (the walk of a
		// targeted listing has seen them already).
		for _, f := range ws.unlistedFiles(patterns) {
			ignored[f] = true
		}
	}
	var files []string
	for f := range ignored {
		if !seen[f] && keep(f) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	groups, unplaced := groupByConfig(files)
	for _, f := range unplaced {
		ws.Notes = append(ws.Notes, diag.Diagnostic{Pos: token.Position{Filename: f}, Msg: "no build configuration compiles this file; not scanned"})
	}
	for _, g := range groups {
		// Absolute directories are valid patterns.
		progress(fmt.Sprintf("loading %d packages for %s", len(g.Dirs), g.Config))
		more, err := ws.load(g.Config, g.Dirs)
		if err != nil {
			return nil, err
		}
		ws.addFiles(more, g.Config, seen, nil)
	}
	if err := ws.dropUnanalysable(); err != nil {
		return nil, err
	}
	sort.Slice(ws.Files, func(i, j int) bool { return ws.Files[i].Rel < ws.Files[j].Rel })
	return ws, nil
}

// dropUnanalysable leaves out, with a note each, the files whose package
// needs one that does not type-check: the go command compiles no such
// package, so no pass of canonize's Analyzer sees them, and the load
// scans what the passes scan.
func (ws *Workspace) dropUnanalysable() error {
	if len(ws.broken) == 0 {
		return nil
	}
	needs, err := Unanalysable(ws.Root, ws.broken)
	if err != nil {
		return err
	}
	ws.Unanalysable = map[string][]string{}
	var notes []diag.Diagnostic
	ws.Files = slices.DeleteFunc(ws.Files, func(f *SourceFile) bool {
		if b := needs[f.Abs]; len(b) > 0 {
			notes = append(notes, UnanalysableNote(f.Rel, b))
			ws.Unanalysable[f.Abs] = b
			return true
		}
		return false
	})
	slices.SortFunc(notes, func(a, b diag.Diagnostic) int { return strings.Compare(a.Pos.Filename, b.Pos.Filename) })
	ws.Notes = append(ws.Notes, notes...)
	// Nor is their package re-checked with the migration: what it would
	// say is for the cleanup's block on these files (see driver).
	ws.Variants = slices.DeleteFunc(ws.Variants, func(v *Variant) bool {
		return slices.ContainsFunc(v.Pkg.CompiledGoFiles, func(f string) bool { return ws.Unanalysable[f] != nil })
	})
	return nil
}

// UnanalysableNote is the warning for a file Unanalysable lists.
func UnanalysableNote(rel string, broken []string) diag.Diagnostic {
	verb := "needs %s, which does not type-check"
	if len(broken) > 1 {
		verb = "needs %s, which do not type-check"
	}
	return diag.Diagnostic{Pos: token.Position{Filename: rel}, Msg: "not scanned: its package " + fmt.Sprintf(verb, strings.Join(broken, ", "))}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// ModulePatterns lists ./... of every module: the root module, or each
// module a go.work uses.
func ModulePatterns(root string) ([]string, error) { return modulePatterns(root) }

func modulePatterns(root string) ([]string, error) {
	work := filepath.Join(root, "go.work")
	data, err := os.ReadFile(work)
	if errors.Is(err, os.ErrNotExist) {
		return []string{"./..."}, nil
	}
	if err != nil {
		return nil, err
	}
	wf, err := modfile.ParseWork(work, data, nil)
	if err != nil {
		return nil, &Error{Msg: err.Error()}
	}
	var pats []string
	for _, u := range wf.Use {
		dir := filepath.ToSlash(filepath.Clean(u.Path))
		if dir == "." {
			pats = append(pats, "./...")
		} else {
			pats = append(pats, "./"+strings.TrimPrefix(dir, "./")+"/...")
		}
	}
	if len(pats) == 0 {
		return nil, &Error{Msg: work + ": uses no modules"}
	}
	return pats, nil
}

func (ws *Workspace) load(cfg BuildConfig, patterns []string) ([]*packages.Package, error) {
	return ws.loadMode(cfg, patterns, loadMode)
}

func (ws *Workspace) loadMode(cfg BuildConfig, patterns []string, mode packages.LoadMode) ([]*packages.Package, error) {
	pc := &packages.Config{
		Mode:       mode,
		Dir:        ws.Root,
		Env:        cfg.env(),
		BuildFlags: cfg.flags(),
		Tests:      true,
		Fset:       ws.Fset,
	}
	if ws.sel != nil && mode == loadMode {
		pc.ParseFile = ws.parseFile
	}
	pkgs, err := packages.Load(pc, patterns...)
	if err != nil {
		// go/packages wraps the go command's message; show the go command's.
		msg := goListWrapper.ReplaceAllString(strings.TrimSpace(err.Error()), "")
		return nil, &Error{Msg: msg}
	}
	// A tree that cannot load at all (inconsistent vendoring, missing
	// modules) shows up as list errors on every package.
	var out []*packages.Package
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") && p.Name == "main" && len(p.Syntax) <= 1 && isSyntheticTestMain(p) {
			continue
		}
		if fatal := fatalListError(ws.Root, p); fatal != "" {
			return nil, &Error{Msg: fatal}
		}
		for _, imp := range p.Imports {
			if fatal := fatalListError(ws.Root, imp); fatal != "" {
				return nil, &Error{Msg: fatal}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// addFiles records each not-yet-seen file of the module under the
// configuration cfg. Package problems are recorded once.
func (ws *Workspace) addFiles(pkgs []*packages.Package, cfg BuildConfig, seen map[string]bool, each func(*packages.Package)) {
	for _, p := range pkgs {
		if each != nil {
			each(p)
		}
		if p.Module != nil {
			ws.Modules[p.Module.Path] = p.Module
		}
		if bad := packageProblems(ws.Root, p, ws.isStripped); len(bad) > 0 {
			ws.broken = appendUnique(ws.broken, p.PkgPath)
			for _, d := range bad {
				if !ws.seenProblem[d.String()] {
					ws.seenProblem[d.String()] = true
					ws.Problems = append(ws.Problems, d)
				}
			}
			continue
		}
		ws.Variants = append(ws.Variants, &Variant{Pkg: p, Config: cfg})
		ws.noteCgo(p, seen)
		for i, f := range p.CompiledGoFiles {
			if i >= len(p.Syntax) || seen[f] || !strings.HasSuffix(f, ".go") || !diag.Within(ws.Root, f) {
				continue
			}
			seen[f] = true
			rel, _ := filepath.Rel(ws.Root, f)
			sf := &SourceFile{Abs: f, Rel: filepath.ToSlash(rel), Syntax: p.Syntax[i], Pkg: p, Config: cfg,
				Generated: ast.IsGenerated(p.Syntax[i]), Test: strings.HasSuffix(f, "_test.go")}
			if cfg.String() != Host().String() {
				sf.Constrained = constraintOf(p.Syntax[i], f)
				if sf.Constrained == "" {
					sf.Constrained = "builds in " + cfg.String()
				}
			}
			ws.Files = append(ws.Files, sf)
		}
	}
}

// ImportGraph maps each module package to the module packages it
// imports (tests excluded): the listing's graph, which counts every
// build configuration, or else one from the loaded variants.
func (ws *Workspace) ImportGraph() map[string][]string {
	if ws.Graph != nil {
		return ws.Graph
	}
	imports := map[string][]string{}
	for _, v := range ws.Variants {
		p := v.Pkg
		if p.ForTest != "" || strings.HasSuffix(p.PkgPath, "_test") || strings.HasSuffix(p.ID, ".test") {
			continue
		}
		if _, ok := imports[p.PkgPath]; ok {
			continue
		}
		imports[p.PkgPath] = nil
		for path := range p.Imports {
			imports[p.PkgPath] = append(imports[p.PkgPath], path)
		}
	}
	return imports
}
