package driver

import (
	"cmp"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/inliner"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/vetrun"
)

// checkMerge gathers the go vet results of every configuration into
// one tree's sites: each file's from the first configuration that
// analysed it, the host's first (load.ConfigFor).
type checkMerge struct {
	root    string
	cfgs    []vetrun.Config
	names   map[string]string // re-export key -> name, from the records
	owner   map[string]int    // file (absolute) -> index of the configuration speaking for it
	sites   map[siteKey]siteFrom
	edits   map[string][]vetrun.Edit  // by file: the edits of canonize's fixes reported in it
	inlined map[siteKey][]vetrun.Edit // the inliner's fix of each site it rewrites
	// inlineIDs identify the inliner's findings where its passes did
	// (-inline.sites), so that the files need no parse here.
	inlineIDs map[position]inliner.SiteRecord
	// parsed is the last file the inliner reported on, parsed (in fset)
	// to identify its sites; findings come sorted by file, so keeping
	// one bounds memory by the largest file, not the tree.
	parsedName string
	parsed     *ast.File
	fset       *token.FileSet
	warnings   []diag.Diagnostic
	// pkgOf maps each file analysed to its package's path (a test
	// variant's "p", an external test's "p_test"); decls are the
	// deprecated declarations the packages reported, by file (absolute).
	pkgOf map[string]string
	decls map[string][]analyzer.DeclRecord
	// renders are the files the passes rendered ahead of any decision,
	// every re-export and deprecated declaration deleted (absolute).
	renders map[string]analyzer.RenderRecord
	// api are the files a pass withheld only because their rewrite
	// changes their package's API (absolute): checkAPIChanges decides.
	api map[string]analyzer.APIRecord
	// cgo lists the packages a pass saw as cgo's output (files outside
	// the tree): their own files were not scanned.
	cgo []string
	// cgoUses are the deprecated uses in files that use cgo.
	cgoUses []position
	// unanalysable are the files whose package needs one that does not
	// type-check, with those packages (absolute; load.Unanalysable).
	unanalysable map[string][]string
	// unplaced are the files no build configuration compiles (absolute).
	unplaced []string
	// only reports whether a file (absolute) lies in the packages the
	// patterns name; nil without patterns. Sites elsewhere are found and
	// counted, never changed (kind outside).
	only func(abs string) bool
	// problems are the packages go vet could not analyse, positioned.
	problems []diag.Diagnostic
	// mods caches moduleOf by directory.
	mods map[string]*migrate.Module
}

// position is a place in a file (absolute).
type position struct {
	file      string
	line, col int
}

// siteKey identifies a site across a package's variants.
type siteKey struct {
	path      string
	line, col int
	role      engine.Role
	symbol    string
}

func keyOf(s engine.Site) siteKey { return siteKey{s.Path, s.Line, s.Col, s.Role, s.Symbol} }

// siteFrom is a site and whether a test variant ("p [p.test]")
// reported it: a non-test file belongs to the plain variant, so that
// one is preferred when the two disagree.
type siteFrom struct {
	site        engine.Site
	testVariant bool
}

// mergeChecks reads every configuration's findings (results[i] is
// cfgs[i]'s, host first).
func mergeChecks(root string, cfgs []vetrun.Config, results []*vetrun.Result) *checkMerge {
	m := &checkMerge{root: root, cfgs: cfgs, names: map[string]string{}, owner: fileOwners(results), sites: map[siteKey]siteFrom{},
		edits: map[string][]vetrun.Edit{}, inlined: map[siteKey][]vetrun.Edit{}, pkgOf: map[string]string{}, decls: map[string][]analyzer.DeclRecord{}, renders: map[string]analyzer.RenderRecord{}, api: map[string]analyzer.APIRecord{}, inlineIDs: map[position]inliner.SiteRecord{}}
	for _, r := range results {
		for _, f := range r.Findings {
			if f.Analyzer == "inline" && f.Category == inliner.CategorySite {
				var rec inliner.SiteRecord
				if json.Unmarshal([]byte(f.Message), &rec) == nil {
					m.inlineIDs[position{f.File, f.Line, f.Col}] = rec
				}
			}
		}
	}
	for i, r := range results {
		for _, f := range r.Findings {
			if f.Analyzer == "inline" && f.Category == inliner.CategorySite {
				continue
			}
			if f.Category == analyzer.CategoryFiles {
				m.addFiles(f, i)
				continue
			}
			if !diag.Within(root, f.File) {
				continue // not a file of the tree: cgo's generated Go, say
			}
			if o, ok := m.owner[f.File]; !ok {
				m.owner[f.File] = i // only the inliner ran: the first configuration reporting the file
			} else if o != i {
				continue
			}
			m.add(f)
		}
	}
	return m
}

// fileOwners maps each file canonize's Analyzer analysed to the first
// configuration that analysed it.
func fileOwners(results []*vetrun.Result) map[string]int {
	owner := map[string]int{}
	for i, r := range results {
		for _, f := range r.Findings {
			if f.Analyzer != "canonize" || f.Category != analyzer.CategoryFiles {
				continue
			}
			var files []string
			if json.Unmarshal([]byte(f.Message), &files) != nil {
				continue
			}
			for _, file := range files {
				if _, ok := owner[file]; !ok {
					owner[file] = i
				}
			}
		}
	}
	return owner
}

// add takes one finding of the configuration that speaks for its file.
func (m *checkMerge) add(f vetrun.Finding) {
	switch {
	case f.Analyzer == "canonize" && f.Category == analyzer.CategorySite:
		var r analyzer.SiteRecord
		if json.Unmarshal([]byte(f.Message), &r) != nil {
			return
		}
		if !diag.Within(m.root, r.Path) {
			// cgo's generated Go (positioned in the tree by //line) is not
			// a file to rewrite; a deprecated use there still holds its
			// declaration.
			if r.Site("").Role == engine.RoleDeprecated {
				m.cgoUses = append(m.cgoUses, position{f.File, f.Line, f.Col})
			}
			return
		}
		s := r.Site(m.rel(r.Path))
		s.Reason = localReason(s.Reason, m.root)
		if r.InReexportName != "" {
			m.names[r.InReexport] = r.InReexportName
		}
		m.addSite(s, f.Package)
	case f.Analyzer == "canonize" && f.Category == analyzer.CategoryDecls:
		m.addDecls(f)
	case f.Analyzer == "canonize" && f.Category == analyzer.CategoryRender:
		var r analyzer.RenderRecord
		if json.Unmarshal([]byte(f.Message), &r) == nil {
			m.renders[r.Path] = r
		}
	case f.Analyzer == "canonize" && f.Category == analyzer.CategoryAPI:
		var r analyzer.APIRecord
		if json.Unmarshal([]byte(f.Message), &r) == nil {
			m.api[r.Path] = r
		}
	case f.Analyzer == "canonize":
		m.addFixes(f) // the deprecated site's diagnostic: its record says the rest
	case f.Analyzer == "inline" && f.Category == inliner.CategoryDirective:
		m.warnings = append(m.warnings, diag.Diagnostic{Pos: token.Position{Filename: m.rel(f.File), Line: f.Line, Column: f.Col}, Msg: f.Message})
	case f.Analyzer == "inline":
		m.addInline(f)
	}
}

// addFiles records the package of the files a pass of configuration i
// analysed, for the files that configuration speaks for.
func (m *checkMerge) addFiles(f vetrun.Finding, i int) {
	var files []string
	if json.Unmarshal([]byte(f.Message), &files) != nil {
		return
	}
	pkg, _, _ := strings.Cut(f.Package, " [")
	for _, file := range files {
		if !diag.Within(m.root, file) && !slices.Contains(m.cgo, pkg) {
			m.cgo = append(m.cgo, pkg)
		}
		if m.owner[file] == i {
			m.pkgOf[file] = pkg
		}
	}
}

// addDecls keeps the deprecated declarations a package reported, once
// (a package and its test variant both report them).
func (m *checkMerge) addDecls(f vetrun.Finding) {
	var decls []analyzer.DeclRecord
	if json.Unmarshal([]byte(f.Message), &decls) != nil {
		return
	}
	for _, d := range decls {
		if !slices.Contains(m.decls[d.Path], d) {
			m.decls[d.Path] = append(m.decls[d.Path], d)
		}
	}
}

// addSite keeps one site per position, role and symbol.
func (m *checkMerge) addSite(s engine.Site, pkgID string) {
	k := keyOf(s)
	test := strings.Contains(pkgID, " [")
	if old, ok := m.sites[k]; ok && (test || !old.testVariant) {
		return
	}
	m.sites[k] = siteFrom{s, test}
}

// addInline turns an inliner finding into a site and keeps its fix's
// edits.
func (m *checkMerge) addInline(f vetrun.Finding) {
	pkgPath, _, _ := strings.Cut(f.Package, " [")
	var site engine.Site
	if r, ok := m.inlineIDs[position{f.File, f.Line, f.Col}]; ok { // the pass identified it (-inline.sites)
		site = inlineSiteOf(m.rel(f.File), pkgPath, r.Generated, f)
		site.Func, site.Text, site.EndLine, site.EndCol = r.Func, r.Text, r.EndLine, r.EndCol
	} else {
		file := m.parse(f.File)
		if file == nil {
			return
		}
		site = inlineSiteIn(m.fset, file, m.rel(f.File), pkgPath, ast.IsGenerated(file), f)
		site.Pos, site.End = token.NoPos, token.NoPos // of this merge's file set: meaningless to a caller
	}
	site, _, fix := classifyInline(site, site.Generated, f)
	m.addSite(site, f.Package)
	if fix && len(f.Fixes) > 0 {
		m.inlined[keyOf(site)] = f.Fixes[0].Edits
	}
}

// addFixes keeps the edits of a finding's first fix, as canonize applies
// it.
func (m *checkMerge) addFixes(f vetrun.Finding) {
	if len(f.Fixes) == 0 {
		return
	}
	for _, e := range f.Fixes[0].Edits {
		m.edits[e.File] = append(m.edits[e.File], e)
	}
}

// parse parses a file for the position of an inliner finding, once
// for a run of findings in that file.
func (m *checkMerge) parse(abs string) *ast.File {
	if m.parsedName == abs {
		return m.parsed
	}
	m.fset = token.NewFileSet()
	f, err := parser.ParseFile(m.fset, abs, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		f = nil
	}
	m.parsedName, m.parsed = abs, f
	return f
}

// rel is a file's slash path from the root.
func (m *checkMerge) rel(abs string) string {
	if r, err := filepath.Rel(m.root, abs); err == nil {
		return filepath.ToSlash(r)
	}
	return abs
}

// siteList is every site, sorted by path, line, col (then role and
// symbol, so that the order is total).
func (m *checkMerge) siteList() []engine.Site {
	out := make([]engine.Site, 0, len(m.sites))
	for _, s := range m.sites {
		out = append(out, s.site)
	}
	m.restrict(out)
	markDeletedExports(out, m.names, m.outside)
	out = m.dropCovered(out)
	slices.SortFunc(out, func(a, b engine.Site) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Role, b.Role), cmp.Compare(a.Symbol, b.Symbol))
	})
	return out
}

// dropCovered drops the inliner's sites (and fixes) where a rule's
// rewrite covers the same code: the rule wins and the site is the
// rule's. A
// file outside the package patterns counts the sites it would have
// rewritten (kind outside) the same way.
func (m *checkMerge) dropCovered(sites []engine.Site) []engine.Site {
	var rules []engine.Site
	for _, s := range sites {
		if (s.Kind == engine.KindAuto || s.Kind == engine.KindOutside) && !s.Inline {
			rules = append(rules, s)
		}
	}
	return slices.DeleteFunc(sites, func(s engine.Site) bool {
		if s.Kind != engine.KindInline && (s.Kind != engine.KindOutside || !s.Inline) {
			return false
		}
		for _, r := range rules {
			if r.Path == s.Path && overlaps(r, s) {
				delete(m.inlined, keyOf(s))
				return true
			}
		}
		return false
	})
}

// overlaps reports whether the spans of two sites in one file overlap.
func overlaps(a, b engine.Site) bool {
	before := func(l1, c1, l2, c2 int) bool { return l1 < l2 || l1 == l2 && c1 < c2 }
	return before(a.Line, a.Col, b.EndLine, b.EndCol) && before(b.Line, b.Col, a.EndLine, a.EndCol)
}
