package plan

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// BuildConfig is one GOOS/GOARCH/tags combination packages are loaded under.
type BuildConfig struct {
	GOOS, GOARCH string
	Tags         []string
	Cgo          bool
}

func (c BuildConfig) String() string {
	s := c.GOOS + "/" + c.GOARCH
	if c.Cgo != build.Default.CgoEnabled && c.GOOS == runtime.GOOS && c.GOARCH == runtime.GOARCH {
		if c.Cgo {
			s += " cgo"
		} else {
			s += " !cgo"
		}
	}
	if len(c.Tags) > 0 {
		s += " tags=" + strings.Join(c.Tags, ",")
	}
	return s
}

func (c BuildConfig) env() []string {
	cgo := "0"
	if c.Cgo {
		cgo = "1"
	}
	return append(os.Environ(), "GOOS="+c.GOOS, "GOARCH="+c.GOARCH, "CGO_ENABLED="+cgo)
}

func (c BuildConfig) flags() []string {
	if len(c.Tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(c.Tags, ",")}
}

// Host is the build configuration of the machine canonize runs on.
func Host() BuildConfig {
	return BuildConfig{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Cgo: build.Default.CgoEnabled}
}

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
	// Constrained names the configuration that compiles the file when the
	// host does not ("windows", "darwin tags=integration"); empty otherwise.
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
	Problems []Diagnostic                // unusable packages (syntax/type errors)
	Notes    []Diagnostic                // files no configuration compiles, etc.

	seenProblem map[string]bool // one report per problem across variants
	sel         *selection      // set when only what refers to the targets is loaded
	strippedMu  sync.Mutex
	stripped    map[string]bool // files parsed without function bodies
	// Graph maps each module package to the module packages it imports
	// (host configuration, tests excluded), from the listing.
	Graph map[string][]string
	// Partial is set when patterns restrict the load: references outside
	// them are unseen, so no declaration may be deleted.
	Partial bool
}

// Variant is one loaded package in one configuration.
type Variant struct {
	Pkg    *packages.Package
	Config BuildConfig
}

// Diagnostic is a positioned message.
type Diagnostic struct {
	Pos token.Position
	Msg string
	rel string // Pos.Filename relative to the root, when known
}

// relString is String with the file named relative to the root.
func (d Diagnostic) relString() string {
	if d.rel != "" {
		d.Pos.Filename = d.rel
	}
	return d.String()
}

func (d Diagnostic) String() string {
	if d.Pos.Filename == "" {
		return d.Msg
	}
	return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
}

// LoadError is returned when the tree cannot be loaded at all; Msg is the
// go command's own reason.
type LoadError struct{ Msg string }

func (e *LoadError) Error() string { return e.Msg }

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

// Load loads the packages matching patterns (default: every package of
// every module under root) in the host configuration and then, for files
// the host excludes, in a configuration that includes each of them.
//
// With targets (import paths), only the packages that can refer to them
// are loaded with syntax and types: a cheap listing of every package's
// imports (no type-checking, no export data) selects the packages that
// import a target, or a package of the module that re-exports one.
// Everything else is never parsed; its cost is the listing.
func Load(root string, patterns, targets []string) (*Workspace, error) {
	return load(root, patterns, targets, func(string) {})
}

func load(root string, patterns, targets []string, progress func(string)) (*Workspace, error) {
	partial := len(patterns) > 0
	if len(patterns) == 0 {
		var err error
		if patterns, err = modulePatterns(root); err != nil {
			return nil, err
		}
	}
	ws := &Workspace{Root: root, Fset: token.NewFileSet(), Modules: map[string]*packages.Module{}, seenProblem: map[string]bool{}, Partial: partial}
	host := Host()
	ignored := map[string]bool{}
	roots := patterns
	keep := func(string) bool { return true }
	if targets != nil {
		progress("listing packages")
		listed, err := ws.listing(host, patterns, partial)
		if err != nil {
			return nil, err
		}
		if len(listed) == 0 {
			return nil, &LoadError{fmt.Sprintf("no packages match %s in %s", strings.Join(patterns, " "), root)}
		}
		sel := selectAffected(ws, listed, targets)
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
			return nil, &LoadError{fmt.Sprintf("no packages match %s in %s", strings.Join(patterns, " "), root)}
		}
		ws.addFiles(pkgs, host, seen, func(p *packages.Package) {
			for _, f := range p.IgnoredFiles {
				if strings.HasSuffix(f, ".go") {
					ignored[f] = true
				}
			}
		})
	}
	if ws.sel == nil || partial {
		// Directories the host build lists nothing for (the walk of an
		// unrestricted listing has seen them already).
		for _, f := range ws.unlistedFiles(patterns) {
			ignored[f] = true
		}
	}
	groups := map[string][]string{} // config key -> dirs
	cfgs := map[string]BuildConfig{}
	var files []string
	for f := range ignored {
		if !seen[f] && keep(f) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		cfg, ok := configFor(f)
		if !ok {
			ws.Notes = append(ws.Notes, Diagnostic{Pos: token.Position{Filename: f}, Msg: "no build configuration compiles this file; not scanned"})
			continue
		}
		key := cfg.String()
		cfgs[key] = cfg
		groups[key] = appendUnique(groups[key], filepath.Dir(f))
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		// Absolute directories are valid patterns.
		progress(fmt.Sprintf("loading %d packages for %s", len(groups[k]), k))
		more, err := ws.load(cfgs[k], groups[k])
		if err != nil {
			return nil, err
		}
		ws.addFiles(more, cfgs[k], seen, nil)
	}
	sort.Slice(ws.Files, func(i, j int) bool { return ws.Files[i].Rel < ws.Files[j].Rel })
	return ws, nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// modulePatterns lists ./... of every module: the root module, or each
// module a go.work uses.
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
		return nil, &LoadError{err.Error()}
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
		return nil, &LoadError{work + ": uses no modules"}
	}
	return pats, nil
}

const listMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedModule | packages.NeedForTest

// listing lists every package with its files and imports only: by
// walking the modules when no patterns restrict the load, else with the
// go command.
func (ws *Workspace) listing(cfg BuildConfig, patterns []string, partial bool) ([]listedPkg, error) {
	if !partial {
		return walkModules(ws.Root)
	}
	pkgs, err := ws.loadMode(cfg, patterns, listMode)
	if err != nil {
		return nil, err
	}
	return fromPackages(ws, pkgs), nil
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
		return nil, &LoadError{msg}
	}
	// A tree that cannot load at all (inconsistent vendoring, missing
	// modules) shows up as list errors on every package.
	var out []*packages.Package
	for _, p := range pkgs {
		if strings.HasSuffix(p.ID, ".test") && p.Name == "main" && len(p.Syntax) <= 1 && isSyntheticTestMain(p) {
			continue
		}
		if fatal := fatalListError(ws.Root, p); fatal != "" {
			return nil, &LoadError{fatal}
		}
		for _, imp := range p.Imports {
			if fatal := fatalListError(ws.Root, imp); fatal != "" {
				return nil, &LoadError{fatal}
			}
		}
		out = append(out, p)
	}
	return out, nil
}

var unusedImport = regexp.MustCompile(`imported (as \S+ )?and not used`)

var goListWrapper = regexp.MustCompile(`^(?:go list: )?err: exit status \d+: stderr: `)

// isSyntheticTestMain reports whether p is the generated p.test main package.
func isSyntheticTestMain(p *packages.Package) bool {
	for _, f := range p.CompiledGoFiles {
		if !strings.Contains(f, string(filepath.Separator)+"go-build") && !strings.HasSuffix(f, "_testmain.go") {
			return false
		}
	}
	return true
}

func fatalListError(root string, p *packages.Package) string {
	for _, e := range p.Errors {
		if e.Kind != packages.ListError {
			continue
		}
		m := e.Msg
		if strings.Contains(m, "inconsistent vendoring") || strings.Contains(m, "missing go.sum entry") ||
			strings.Contains(m, "cannot find module providing package") || strings.Contains(m, "go.mod file not found") ||
			strings.Contains(m, "no required module provides package") || strings.Contains(m, "errors parsing go.mod") {
			if pos := parsePos(e.Pos); pos.Filename != "" {
				pos.Filename = relTo(root, pos.Filename)
				return pos.String() + ": " + m
			}
			return m
		}
	}
	return ""
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
			if i >= len(p.Syntax) || seen[f] || !strings.HasSuffix(f, ".go") || !within(ws.Root, f) {
				continue
			}
			seen[f] = true
			rel, _ := filepath.Rel(ws.Root, f)
			sf := &SourceFile{Abs: f, Rel: filepath.ToSlash(rel), Syntax: p.Syntax[i], Pkg: p, Config: cfg,
				Generated: ast.IsGenerated(p.Syntax[i]), Test: strings.HasSuffix(f, "_test.go")}
			if cfg.String() != Host().String() {
				sf.Constrained = cfg.String()
			}
			ws.Files = append(ws.Files, sf)
		}
	}
}

func within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// packageProblems returns the syntax and type errors of p, positioned.
// A package whose files are all excluded by build constraints is not a
// problem: another configuration loads it.
func packageProblems(root string, p *packages.Package, stripped func(string) bool) []Diagnostic {
	var out []Diagnostic
	typed := false
	for _, e := range p.Errors {
		typed = typed || e.Kind == packages.TypeError || e.Kind == packages.ParseError
	}
	for _, e := range p.Errors {
		if strings.Contains(e.Msg, "build constraints exclude all Go files") {
			continue
		}
		// The go command's compile output ("# pkg\nfile:line: msg")
		// repeats the type errors go/packages reports itself.
		if typed && e.Kind == packages.ListError && strings.HasPrefix(e.Msg, "# ") {
			continue
		}
		// A file parsed without its function bodies leaves the imports
		// only they used unused: not a problem of the user's code.
		if stripped(parsePos(e.Pos).Filename) && unusedImport.MatchString(e.Msg) {
			continue
		}
		d := Diagnostic{Pos: parsePos(e.Pos), Msg: e.Msg}
		if d.Pos.Filename == "" {
			d.Msg = p.PkgPath + ": " + e.Msg
		} else {
			d.Pos.Filename = relTo(root, d.Pos.Filename)
		}
		out = append(out, d)
	}
	return out
}

func parsePos(s string) token.Position {
	if s == "" || s == "-" {
		return token.Position{}
	}
	var p token.Position
	parts := strings.Split(s, ":")
	p.Filename = parts[0]
	if len(parts) > 1 {
		fmt.Sscanf(parts[1], "%d", &p.Line)
	}
	if len(parts) > 2 {
		fmt.Sscanf(parts[2], "%d", &p.Column)
	}
	return p
}

// Platforms are tried in this order for files the host excludes.
var platforms = [][2]string{
	{"linux", "amd64"}, {"darwin", "arm64"}, {"darwin", "amd64"}, {"windows", "amd64"},
	{"freebsd", "amd64"}, {"openbsd", "amd64"}, {"netbsd", "amd64"}, {"dragonfly", "amd64"},
	{"solaris", "amd64"}, {"illumos", "amd64"}, {"aix", "ppc64"}, {"android", "arm64"},
	{"ios", "arm64"}, {"js", "wasm"}, {"wasip1", "wasm"}, {"plan9", "amd64"},
	{"linux", "arm64"}, {"linux", "386"}, {"linux", "arm"}, {"windows", "arm64"}, {"windows", "386"},
	{"linux", "riscv64"}, {"linux", "ppc64le"}, {"linux", "s390x"}, {"linux", "loong64"},
	{"linux", "mips64"}, {"linux", "ppc64"}, {"linux", "mips"},
}

// configFor finds a configuration whose build includes the file: the
// host platform first, then others, each with the largest subset of the
// custom tags the file's constraint mentions.
func configFor(file string) (BuildConfig, bool) {
	tags := customTags(file)
	host := Host()
	type cand struct {
		goos, goarch string
		cgo          bool
	}
	// The host first, with cgo as it is and then flipped (for //go:build
	// !cgo files); other platforms cross-compile without cgo.
	cands := []cand{{host.GOOS, host.GOARCH, host.Cgo}, {host.GOOS, host.GOARCH, !host.Cgo}}
	for _, pl := range platforms {
		cands = append(cands, cand{pl[0], pl[1], false})
	}
	for _, c := range cands {
		for _, sub := range subsets(tags) {
			ctx := build.Default
			ctx.GOOS, ctx.GOARCH, ctx.BuildTags, ctx.CgoEnabled = c.goos, c.goarch, sub, c.cgo
			ok, err := ctx.MatchFile(filepath.Dir(file), filepath.Base(file))
			if err == nil && ok {
				return BuildConfig{GOOS: c.goos, GOARCH: c.goarch, Tags: sub, Cgo: c.cgo}, true
			}
		}
	}
	return BuildConfig{}, false
}

// customTags returns the tags of the file's //go:build line that are not
// platforms, toolchains or release tags. "ignore" is never offered: such
// files are not part of any package.
func customTags(file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	set := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			break
		}
		if !constraint.IsGoBuild(line) {
			continue
		}
		expr, err := constraint.Parse(line)
		if err != nil {
			continue
		}
		expr.Eval(func(tag string) bool {
			if !knownTag(tag) {
				set[tag] = true
			}
			return false
		})
	}
	var out []string
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func knownTag(tag string) bool {
	if strings.HasPrefix(tag, "go1.") || tag == "ignore" || tag == "cgo" || tag == "gc" || tag == "gccgo" || tag == "unix" {
		return true
	}
	for _, pl := range platforms {
		if tag == pl[0] || tag == pl[1] {
			return true
		}
	}
	return false
}

// subsets lists the subsets of tags, largest first (tags are few).
func subsets(tags []string) [][]string {
	if len(tags) > 6 {
		return [][]string{tags, nil}
	}
	var out [][]string
	for mask := (1 << len(tags)) - 1; mask >= 0; mask-- {
		var s []string
		for i, t := range tags {
			if mask&(1<<i) != 0 {
				s = append(s, t)
			}
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// relTo returns path relative to root when it lies inside it.
func relTo(root, path string) string {
	if filepath.IsAbs(path) && within(root, path) {
		if rel, err := filepath.Rel(root, path); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return path
}

// noteCgo records the files of p that use cgo: go/packages gives their
// preprocessed form, whose offsets are not the file's, so they are
// reported instead of rewritten.
func (ws *Workspace) noteCgo(p *packages.Package, seen map[string]bool) {
	compiled := map[string]bool{}
	for _, f := range p.CompiledGoFiles {
		compiled[f] = true
	}
	for _, f := range p.GoFiles {
		if compiled[f] || seen[f] || !within(ws.Root, f) {
			continue
		}
		seen[f] = true
		ws.Notes = append(ws.Notes, Diagnostic{Pos: token.Position{Filename: relTo(ws.Root, f)}, Msg: "uses cgo (import \"C\"): not scanned; migrate it by hand"})
	}
}

// unlistedFiles finds .go files in the directories the patterns cover
// that go list did not report at all: a directory whose every file the
// host excludes (a windows-only package, an integration-tagged e2e test
// directory) is not listed by ./... on this host.
func (ws *Workspace) unlistedFiles(patterns []string) []string {
	var out []string
	for _, pat := range patterns {
		dir, recursive := strings.CutSuffix(pat, "/...")
		if pat == "..." || dir == "." || dir == "" {
			dir = "."
		}
		if !filepath.IsAbs(dir) {
			if !strings.HasPrefix(dir, ".") {
				continue // an import path pattern
			}
			dir = filepath.Join(ws.Root, dir)
		}
		out = append(out, goFilesUnder(dir, recursive)...)
	}
	return out
}

// goFilesUnder lists .go files in dir (and below, if recursive), skipping
// what the go command skips: testdata, vendor, _ and . directories, and
// nested modules.
func goFilesUnder(dir string, recursive bool) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p == dir {
				return nil
			}
			name := d.Name()
			if !recursive || name == "testdata" || name == "vendor" || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		if strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, "_") && !strings.HasPrefix(name, ".") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// parseFile parses a file for go/packages. A file that imports none of
// the targets (and is not in a target package) cannot hold a site: its
// function bodies are dropped before type-checking, which is most of the
// cost of checking it; its declarations are still checked, so the files
// that matter get full types.
func (ws *Workspace) parseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	const mode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution
	if ws.sel.importsTarget(filename, src) {
		return parser.ParseFile(fset, filename, src, mode)
	}
	// Blank the bodies before parsing (positions are kept), so that
	// parsing costs about a scan; the source as it is on a parse error.
	f, err := parser.ParseFile(fset, filename, skimBodies(src), mode&^parser.ParseComments)
	if err != nil {
		return parser.ParseFile(fset, filename, src, mode)
	}
	if hasGeneric(f) {
		// go/types wants the body of a generic function: parse it whole.
		if f, err = parser.ParseFile(fset, filename, src, mode&^parser.ParseComments); err != nil {
			return f, err
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		switch {
		case !ok || isGeneric(fd):
		case fd.Recv == nil && fd.Name.Name == "init":
			// init must have a body; an empty one checks the same.
			fd.Body.List = nil
		default:
			fd.Body = nil
		}
	}
	ws.strippedMu.Lock()
	ws.stripped[filename] = true
	ws.strippedMu.Unlock()
	return f, nil
}

func (ws *Workspace) isStripped(file string) bool {
	ws.strippedMu.Lock()
	defer ws.strippedMu.Unlock()
	return ws.stripped[file]
}

func hasGeneric(f *ast.File) bool {
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && isGeneric(fd) {
			return true
		}
	}
	return false
}

// isGeneric reports whether fd has type parameters or is a method of a
// generic type.
func isGeneric(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil {
		return true
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return false
	}
	t := fd.Recv.List[0].Type
	if st, ok := t.(*ast.StarExpr); ok {
		t = st.X
	}
	switch t.(type) {
	case *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}
