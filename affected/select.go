package affected

import (
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/canonize/canonize/load"
)

// Package is one selected package in one configuration.
type Package struct {
	ImportPath string `json:"import_path"`
	// Why says why the package is in: "changed: c/c.go", "imports
	// example.com/m/b → example.com/m/c (changed: c/c.go)", "its
	// external test imports …".
	Why string `json:"why"`
	// Chain runs from the package down to a changed one through the
	// imports that select it; just the package when it changed.
	Chain []string `json:"chain"`

	deps []string // the selected packages it imports (tests included), for keep
}

// Config is the selection in one build configuration.
type Config struct {
	Config load.BuildConfig
	// Execute says the tests run: the configuration has the host's
	// GOOS and GOARCH. Otherwise they are compiled and linked only.
	Execute  bool
	Packages []Package // sorted by import path
	Total    int       // the module's packages in this configuration
}

// Selection is what Select chose, in every configuration that has a
// package to check: the host's first, then by name.
type Selection struct {
	Files   []string // the changed files, slash paths relative to the root
	Configs []Config
	Total   int // distinct module packages over every configuration listed
}

// Selected counts the distinct packages selected over all configurations.
func (s *Selection) Selected() int {
	seen := map[string]bool{}
	for _, c := range s.Configs {
		for _, p := range c.Packages {
			seen[p.ImportPath] = true
		}
	}
	return len(seen)
}

// UnplacedError names changed files that no package holds in any
// configuration listed: their tests cannot be chosen.
type UnplacedError struct{ Files []string }

func (e *UnplacedError) Error() string {
	return "no package holds " + strings.Join(e.Files, ", ") + " in any build configuration: its tests cannot be selected"
}

// BrokenError is a package holding a changed file that go list reports
// broken in a configuration.
type BrokenError struct {
	Config     load.BuildConfig
	ImportPath string
	Err        string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("package %s (%s): %s", e.ImportPath, e.Config, e.Err)
}

// Select lists the module at root in every configuration that matters
// and selects the packages whose build the changed files (slash paths
// relative to root) can change.
func Select(root string, files []string) (*Selection, error) {
	patterns, err := load.ModulePatterns(root)
	if err != nil {
		return nil, err
	}
	changed := map[string]string{} // absolute -> relative
	for _, f := range files {
		if !strings.HasSuffix(f, ".go") {
			return nil, fmt.Errorf("%s: not a Go file: affected tests are chosen for Go files only", f)
		}
		changed[filepath.Join(root, filepath.FromSlash(f))] = f
	}
	cfgs, err := configs(root, changed)
	if err != nil {
		return nil, err
	}
	sel := &Selection{Files: append([]string(nil), files...)}
	sort.Strings(sel.Files)
	placed := map[string]bool{}
	var host *graph
	all := map[string]bool{}
	for i, cfg := range cfgs {
		pkgs, err := list(root, cfg, patterns)
		if err != nil {
			return nil, err
		}
		g := newGraph(root, cfg, pkgs)
		for p := range g.pkgs {
			all[p] = true
		}
		if err := g.choose(changed, placed); err != nil {
			return nil, err
		}
		if i == 0 {
			host = g
		}
		if c := g.config(host); len(c.Packages) > 0 {
			sel.Configs = append(sel.Configs, c)
		}
	}
	if err := unplaced(changed, placed); err != nil {
		return nil, err
	}
	sel.Total = len(all)
	return sel, nil
}

// configs are the host's, each changed file's and those the module's
// other files need; the host's first, then by name, each once.
func configs(root string, changed map[string]string) ([]load.BuildConfig, error) {
	host := load.Host()
	byName := map[string]load.BuildConfig{}
	for abs := range changed {
		if c, ok := load.ConfigFor(abs); ok {
			byName[c.String()] = c
		}
	}
	others, err := load.OtherConfigs(root)
	if err != nil {
		return nil, err
	}
	for _, cd := range others {
		byName[cd.Config.String()] = cd.Config
	}
	delete(byName, host.String())
	out := []load.BuildConfig{host}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		out = append(out, byName[n])
	}
	return out, nil
}

func unplaced(changed map[string]string, placed map[string]bool) error {
	var missing []string
	for abs, rel := range changed {
		if !placed[abs] {
			missing = append(missing, rel)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	return &UnplacedError{Files: missing}
}

// graph is the module's packages in one configuration.
type graph struct {
	root  string
	cfg   load.BuildConfig
	pkgs  map[string]*listed
	order []string            // import paths, sorted
	users map[string][]string // import path -> the module packages whose non-test files import it
	sel   map[string]*Package
}

func newGraph(root string, cfg load.BuildConfig, pkgs []listed) *graph {
	g := &graph{root: root, cfg: cfg, pkgs: map[string]*listed{}, users: map[string][]string{}, sel: map[string]*Package{}}
	for i := range pkgs {
		p := &pkgs[i]
		if len(p.GoFiles)+len(p.CgoFiles)+len(p.TestGoFiles)+len(p.XTestGoFiles) == 0 {
			continue // no file in this configuration ("build constraints exclude all Go files")
		}
		g.pkgs[p.ImportPath] = p
		g.order = append(g.order, p.ImportPath)
	}
	sort.Strings(g.order)
	for _, path := range g.order {
		for _, imp := range g.pkgs[path].Imports {
			if g.pkgs[imp] != nil {
				g.users[imp] = append(g.users[imp], path)
			}
		}
	}
	return g
}

// choose selects the packages by the three rules of the package doc
// and marks the changed files it found in placed.
func (g *graph) choose(changed map[string]string, placed map[string]bool) error {
	var queue []string
	for _, path := range g.order {
		p := g.pkgs[path]
		build, test := p.files()
		inBuild, inTest := g.changedAmong(build, changed, placed), g.changedAmong(test, changed, placed)
		if (len(inBuild) > 0 || len(inTest) > 0) && p.Error != nil {
			return &BrokenError{Config: g.cfg, ImportPath: path, Err: p.Error.Err}
		}
		switch {
		case len(inBuild) > 0:
			g.sel[path] = &Package{ImportPath: path, Chain: []string{path}, Why: "changed: " + strings.Join(append(inBuild, inTest...), ", ")}
			queue = append(queue, path)
		case len(inTest) > 0:
			g.sel[path] = &Package{ImportPath: path, Chain: []string{path}, Why: "test changed: " + strings.Join(inTest, ", ")}
		}
	}
	// Rule 2, breadth first so that each chain is a shortest one.
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		for _, u := range g.users[q] {
			if g.sel[u] != nil {
				continue
			}
			chain := append([]string{u}, g.sel[q].Chain...)
			g.sel[u] = &Package{ImportPath: u, Chain: chain, Why: "imports " + g.describe(chain[1:])}
			queue = append(queue, u)
		}
	}
	g.testImporters()
	g.linkDeps()
	return nil
}

// testImporters applies rule 3 to the packages whose tests import a
// package rules 1 and 2 chose.
func (g *graph) testImporters() {
	built := map[string]bool{}
	for p := range g.sel {
		built[p] = true
	}
	for _, path := range g.order {
		if g.sel[path] != nil {
			continue
		}
		p := g.pkgs[path]
		for _, imps := range []struct {
			list []string
			who  string
		}{{p.TestImports, "its test imports "}, {p.XTestImports, "its external test imports "}} {
			if i := slices.IndexFunc(imps.list, func(s string) bool { return built[s] }); i >= 0 && g.sel[path] == nil {
				chain := append([]string{path}, g.sel[imps.list[i]].Chain...)
				g.sel[path] = &Package{ImportPath: path, Chain: chain, Why: imps.who + g.describe(chain[1:])}
			}
		}
	}
}

// linkDeps records, for each selected package, the selected packages
// it imports from any of its files.
func (g *graph) linkDeps() {
	for path, s := range g.sel {
		p := g.pkgs[path]
		for _, l := range [][]string{p.Imports, p.TestImports, p.XTestImports} {
			for _, imp := range l {
				if g.sel[imp] != nil && imp != path && !slices.Contains(s.deps, imp) {
					s.deps = append(s.deps, imp)
				}
			}
		}
		sort.Strings(s.deps)
	}
}

// describe renders an import chain ending in a changed package.
func (g *graph) describe(chain []string) string {
	last := g.sel[chain[len(chain)-1]]
	return strings.Join(chain, " → ") + " (" + last.Why + ")"
}

// changedAmong returns the changed files among files (relative, in
// order) and marks them placed.
func (g *graph) changedAmong(files []string, changed map[string]string, placed map[string]bool) []string {
	var out []string
	for _, f := range files {
		if rel, ok := changed[f]; ok {
			out = append(out, rel)
			placed[f] = true
		}
	}
	return out
}

// config returns the selection as a Config. In a configuration other
// than the host's a package is kept only if its build there can differ
// from what the host checks: the host does not select it or compiles
// other files of it, or it imports a package kept for that reason.
func (g *graph) config(host *graph) Config {
	c := Config{Config: g.cfg, Execute: g.cfg.GOOS == host.cfg.GOOS && g.cfg.GOARCH == host.cfg.GOARCH, Total: len(g.pkgs)}
	keep := func(string) bool { return true }
	if g != host {
		keep = g.keeper(host)
	}
	for _, path := range g.order {
		if s := g.sel[path]; s != nil && keep(path) {
			c.Packages = append(c.Packages, *s)
		}
	}
	return c
}

// keeper decides, with memory, which selected packages differ from the
// host's build (see config).
func (g *graph) keeper(host *graph) func(string) bool {
	memo := map[string]bool{}
	visiting := map[string]bool{}
	var keep func(string) bool
	keep = func(path string) bool {
		if v, ok := memo[path]; ok {
			return v
		}
		if visiting[path] {
			return false // an import cycle through tests: decided by its other edges
		}
		visiting[path] = true
		hp := host.pkgs[path]
		v := hp == nil || host.sel[path] == nil || hp.fileSet() != g.pkgs[path].fileSet()
		for _, d := range g.sel[path].deps {
			v = keep(d) || v
		}
		delete(visiting, path)
		memo[path] = v
		return v
	}
	return keep
}
