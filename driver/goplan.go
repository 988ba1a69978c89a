package driver

import (
	"context"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/mod/modfile"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/plan"
	"github.com/canonize/canonize/spec"
)

// Plan computes every site, the plan's phases with tiers and
// compliance, and each phase's files with their content, through the go
// command: the go vet run Check makes (canonize's Analyzer and Go's
// inliner, once per package, cached per package, in every build
// configuration), merged; then what no single pass can decide, decided
// over every package's sites: the re-exports the exports phase deletes
// (every call through them rewritten) and whether cleanup may delete
// the module's deprecated declarations (no deprecated site left).
// Where something is to be deleted, a second go vet run over just the
// packages declaring it renders those files with the decision
// (-canonize.delete) and type-checks their packages with it.
//
// A file whose package does not type-check with the phases' deletions
// or the inliner's fixes is withheld, and holds the cleanup back
// (withholdFailed); checkAPIChanges decides the rewrites a pass withheld
// because they change their package's API. A deprecated use in a file
// that uses cgo, which no pass scans, blocks cleanup where the cleanup
// would break its package (checkCgoCleanup). Errors are Check's.
func Plan(opts Options) (*Result, error) {
	root, sp, err := rootAndSpec(opts)
	if err != nil {
		return nil, err
	}
	who, err := readOwners(root, sp)
	if err != nil {
		return nil, err
	}
	// The rules compile from export data (go list -export) once the host
	// configuration's go vet has ended: on a cold cache both would
	// compile the same dependencies side by side; on a warm one the
	// other configurations' runs still overlap it.
	compiled := make(chan compiledRules, 1)
	hostDone := make(chan struct{})
	var once sync.Once
	done := func() { once.Do(func() { close(hostDone) }) }
	fp := fingerprintOf(root)
	go func() {
		<-hostDone
		var c compiledRules
		c.rules, c.gone, c.err = compileByExport(context.Background(), root, sp, hostConfig(), opts.CleanedUp, fp)
		compiled <- c
	}()
	m, req, err := vetAll(opts, root, sp, fp, done)
	done() // go vet did not run, or ran no configuration
	if err != nil {
		<-compiled
		return nil, err
	}
	sites := m.siteList()
	if len(sites) == 0 {
		sites = nil // JSON and the tests see no sites, not an empty list
	}
	fixes := m.inlineFixes()
	changed, unrendered := m.changes(fixes)
	api, err := m.checkAPIChanges(req, sites, changed)
	if err != nil {
		<-compiled
		return nil, err
	}
	changed = api.changed
	dels := decideDeletions(m, sites)
	dels.flag.API = api.accepted
	dels.flag.Inline = m.inlineRenders(fixes, unrendered, dels)
	var renders map[string]analyzer.RenderRecord
	var unrenderable []string
	if len(dels.flag.Exports)+len(dels.flag.Cleanup)+len(dels.flag.Inline) > 0 {
		var failed map[string]string
		if renders, failed, err = renderDeletions(req, m, dels); err != nil {
			<-compiled
			return nil, err
		}
		unrenderable = m.withholdFailed(sites, failed, &dels)
	}
	c := <-compiled
	rules, gone, err := c.rules, c.gone, c.err
	if err != nil {
		return nil, err
	}
	files, err := m.planFiles(changed, sites, rules, dels, renders)
	if err != nil {
		return nil, err
	}
	if len(dels.cleanupIn) > 0 {
		blockCleanup(&dels.cleanup, files, unrenderable)
	}
	m.blockOnFinalErrors(renders, &dels, files)
	graph, err := load.ImportGraph(root)
	if err != nil {
		return nil, err
	}
	if err := m.checkCgoCleanup(req, files, &dels, graph); err != nil {
		return nil, err
	}
	blockOnUnscanned(root, sp, m.unanalysable, &dels.cleanup, files)
	p, unplanned := plan.Build(plan.Input{Spec: sp, Rules: rules, Sites: sites, Files: files, Cleanup: dels.cleanup, Graph: graph, Owners: who})
	res := &Result{Root: root, Spec: sp, Sites: sites, Plan: p, Order: order(p, files)}
	res.Warnings = concat(unplacedWarnings(root, sp, m.unplaced), gone, m.warnings, withheldWarnings(sites), migrate.VersionWarnings(root, files))
	res.Problems = concat(m.problems, unplanned)
	res.Changes, res.All = changes(files)
	return res, nil
}

// unplacedWarnings warns of the files no build configuration compiles
// that import a package the spec names (any file, for a spec whose
// rules name none): no engine scans them.
func unplacedWarnings(root string, sp *spec.Spec, files []string) []diag.Diagnostic {
	targets := sp.Targets()
	tmpl := templateFiles(root, sp) // rules, kept out of the build on purpose
	var out []diag.Diagnostic
	for _, f := range files {
		if tmpl[relTo(root, f)] || targets != nil && !importsAny(f, targets) {
			continue
		}
		out = append(out, diag.Diagnostic{Pos: token.Position{Filename: f}, Msg: "no build configuration compiles this file; not scanned"})
	}
	return out
}

// importsAny reports whether the file imports one of paths.
func importsAny(file string, paths []string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		return false
	}
	for _, imp := range f.Imports {
		if p, err := strconv.Unquote(imp.Path.Value); err == nil && slices.Contains(paths, p) {
			return true
		}
	}
	return false
}

// withheldWarnings warns of the rewrites the passes withheld because
// they did not type-check: each
// site withheld in a file whose other rewrites stand, or the file when
// none does (with the first site's reason).
func withheldWarnings(sites []engine.Site) []diag.Diagnostic {
	var out []diag.Diagnostic
	byFile := map[string][]engine.Site{}
	var order []string
	for _, s := range sites {
		if s.Role != engine.RoleDeprecated {
			continue
		}
		if _, ok := byFile[s.Path]; !ok {
			order = append(order, s.Path)
		}
		byFile[s.Path] = append(byFile[s.Path], s)
	}
	for _, path := range order {
		var withheld []engine.Site
		kept := false
		for _, s := range byFile[path] {
			switch {
			case s.Withheld:
				withheld = append(withheld, s)
			case s.Kind == engine.KindAuto:
				kept = true
			}
		}
		switch {
		case len(withheld) == 0:
		case kept:
			for _, s := range withheld {
				out = append(out, diag.Diagnostic{Pos: token.Position{Filename: path, Line: s.Line, Column: s.Col}, Msg: "site withheld: " + s.Reason})
			}
		default:
			out = append(out, diag.Diagnostic{Pos: token.Position{Filename: path}, Msg: "withheld: " + withheld[0].Reason})
		}
	}
	return out
}

// planFiles turns the changed files, and the files the exports and
// cleanup phases delete from, into the migration's files, as plan reads
// them: each with its package, whether it is a test or generated, what
// keeps it out of the host build, its mode, its content through the
// phases, and the sites and rules that rewrite it.
func (m *checkMerge) planFiles(changed []Change, sites []engine.Site, rules *engine.Rules, dels deletions, renders map[string]analyzer.RenderRecord) ([]*migrate.File, error) {
	byFile := map[string][]engine.Site{}
	for _, s := range sites {
		byFile[s.Path] = append(byFile[s.Path], s)
	}
	byAbs := map[string]Change{}
	for _, c := range changed {
		byAbs[c.Abs] = c
	}
	for _, abs := range slices.Concat(slices.Collect(maps.Keys(dels.exportsIn)), slices.Collect(maps.Keys(dels.cleanupIn)), slices.Collect(maps.Keys(dels.flag.Inline))) {
		if _, ok := byAbs[abs]; !ok {
			byAbs[abs] = Change{Path: m.rel(abs), Abs: abs} // read below: the second pass renders it
		}
	}
	var out []*migrate.File
	whole := whollyWithheld(sites)
	for _, abs := range slices.Sorted(maps.Keys(byAbs)) {
		c := byAbs[abs]
		if whole[c.Path] {
			continue // a withheld file is not planned, nor what it would delete
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, err
		}
		if c.Old == nil {
			if c.Old, err = os.ReadFile(abs); err != nil {
				return nil, err
			}
			c.New = c.Old
		}
		f := &migrate.File{Source: m.source(c, byFile[c.Path]), Old: c.Old, New: c.New, Mode: info.Mode().Perm(),
			ExportDeletes: dels.exportsIn[abs], CleanupDeletes: dels.cleanupIn[abs]}
		if r, ok := renders[abs]; ok {
			f.New = []byte(r.New)
			if r.Final != "" {
				f.Final = []byte(r.Final)
			}
		}
		countSites(f, byFile[c.Path], rules)
		out = append(out, f)
	}
	return out, nil
}

// whollyWithheld are the files (relative) whose every rewrite the
// passes withheld, none of the inliner's standing either: the load
// lists no such file.
func whollyWithheld(sites []engine.Site) map[string]bool {
	out := map[string]bool{}
	kept := map[string]bool{}
	for _, s := range sites {
		switch {
		case s.Role != engine.RoleDeprecated:
		case s.Withheld:
			out[s.Path] = true
		case s.Rewritten(): // a rule's or the inliner's
			kept[s.Path] = true
		}
	}
	for path := range kept {
		delete(out, path)
	}
	return out
}

// countSites records in f the sites that rewrite it and their rules,
// as migrate counts them: rule edits and inlined calls, not the
// references inside a re-export the exports phase deletes.
func countSites(f *migrate.File, sites []engine.Site, rules *engine.Rules) {
	for _, s := range sites {
		if !s.Rewritten() || deletedReexport(s) {
			continue
		}
		f.Sites++
		if s.Kind == engine.KindInline {
			f.Inlined++
			continue
		}
		if r := rules.Rule(s.Rule); r != nil {
			f.Rules = append(f.Rules, r)
		}
		f.ViaExport = f.ViaExport || s.ViaKey != ""
	}
}

// source is what plan reads of a changed file.
func (m *checkMerge) source(c Change, sites []engine.Site) migrate.Source {
	pkg := m.pkgOf[c.Abs]
	generated := false
	for _, s := range sites {
		if pkg == "" {
			pkg = s.Package
		}
		generated = generated || s.Generated
	}
	src := migrate.Source{Abs: c.Abs, Rel: c.Path, PkgPath: pkg, Module: m.moduleOf(filepath.Dir(c.Abs)), Generated: generated,
		Test: strings.HasSuffix(c.Abs, "_test.go")}
	if i, ok := m.owner[c.Abs]; ok && i > 0 {
		src.Constrained = load.Constraint(c.Abs, m.cfgs[i].Name)
	} else if !ok {
		// Only the inliner ran (no spec): the file's configuration is
		// the first that compiles it.
		if cfg, ok := load.ConfigFor(c.Abs); ok && cfg.String() != load.Host().String() {
			src.Constrained = load.Constraint(c.Abs, cfg.String())
		}
	}
	return src
}

// moduleOf is the module whose go.mod is nearest above dir, within the
// tree (its path, go version and go.mod file), or nil.
func (m *checkMerge) moduleOf(dir string) *migrate.Module {
	if mod, ok := m.mods[dir]; ok {
		return mod
	}
	var mod *migrate.Module
	gomod := filepath.Join(dir, "go.mod")
	if data, err := os.ReadFile(gomod); err == nil {
		if f, err := modfile.ParseLax(gomod, data, nil); err == nil && f.Module != nil {
			mod = &migrate.Module{Path: f.Module.Mod.Path, GoMod: gomod}
			if f.Go != nil {
				mod.GoVersion = f.Go.Version
			}
		}
	} else if parent := filepath.Dir(dir); parent != dir && diag.Within(m.root, parent) {
		mod = m.moduleOf(parent)
	}
	if m.mods == nil {
		m.mods = map[string]*migrate.Module{}
	}
	m.mods[dir] = mod
	return mod
}
