package driver

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/vetrun"
)

// apiDecision is what checkAPIChanges decided.
type apiDecision struct {
	// accepted are the files whose API-changing rewrite stands
	// (absolute, sorted): -canonize.delete's api list.
	accepted []string
	// changed is the Change list with the accepted files' content.
	changed []Change
}

// checkAPIChanges decides the rewrites the passes withheld only because
// they change their package's exported API (m.api): every package of
// the module importing such a
// package, transitively, and the package itself with its tests, is
// type-checked in every configuration with the migration's content in
// place (buildErrors). An error in code the migration leaves as it is
// withholds the changed files of the packages whose API moved under it,
// with the error; a package none of whose importers fails keeps its
// rewrite. sites are updated in place: a kept rewrite's sites become
// auto, a withheld one's carry the new reason.
//
// An importer's own rewrite failing against the moved API withholds the
// API change, not the importer's rewrite: its pass checked that rewrite
// against the API as it is. A package whose API moves may have other
// files rewritten: their pass checked them without the API change, and
// the build check here checks them with it.
func (m *checkMerge) checkAPIChanges(req vetrun.Request, sites []engine.Site, changed []Change) (apiDecision, error) {
	d := apiDecision{changed: changed}
	if len(m.api) == 0 {
		return d, nil
	}
	graph, err := load.ImportGraph(m.root)
	if err != nil {
		return d, err
	}
	withheldIn := map[string]bool{}
	for _, s := range sites {
		if s.Withheld {
			withheldIn[s.Path] = true
		}
	}
	contents := map[string][]byte{}
	for _, c := range changed {
		if !withheldIn[c.Path] {
			contents[c.Abs] = c.New
		}
	}
	moved := map[string]bool{}
	for abs, r := range m.api {
		contents[abs] = []byte(r.New)
		moved[m.pkgOf[abs]] = true
	}
	errs, err := buildErrors(req, m.root, contents, m.dirsOf(importersOf(moved, graph)))
	if err != nil {
		return d, err
	}
	bad := map[string]string{}
	for _, e := range errs {
		deps := movedDeps(e.Pkg, moved, graph)
		if p := strings.TrimSuffix(e.Pkg, "_test"); moved[p] {
			deps = []string{p} // the package's own tests
		}
		for _, p := range deps {
			for _, abs := range slices.Sorted(maps.Keys(m.api)) {
				if m.pkgOf[abs] == p && bad[abs] == "" {
					bad[abs] = e.apiReason(p)
				}
			}
		}
	}
	for _, abs := range slices.Sorted(maps.Keys(m.api)) {
		if f := firstBad(m, bad, abs); bad[abs] == "" && f != "" {
			bad[abs] = bad[f] // one package's files stand or fall together
		}
	}
	return m.decideAPI(d, sites, bad)
}

// decideAPI applies the decision: each file of m.api in bad keeps its
// sites withheld with bad's reason; the others' sites become auto and
// their content joins changed.
func (m *checkMerge) decideAPI(d apiDecision, sites []engine.Site, bad map[string]string) (apiDecision, error) {
	at := map[position]string{} // site -> the reason, "" when its rewrite stands
	for _, abs := range slices.Sorted(maps.Keys(m.api)) {
		for _, p := range m.api[abs].Sites {
			at[position{abs, p[0], p[1]}] = bad[abs]
		}
	}
	for i := range sites {
		s := &sites[i]
		why, ok := at[position{filepath.Join(m.root, filepath.FromSlash(s.Path)), s.Line, s.Col}]
		if !ok || s.Role != engine.RoleDeprecated {
			continue
		}
		if why == "" {
			s.Kind, s.Reason, s.Withheld = engine.KindAuto, "", false
		} else {
			s.Reason, s.Withheld = why, true
		}
	}
	byAbs := map[string]int{}
	for i, c := range d.changed {
		byAbs[c.Abs] = i
	}
	for _, abs := range slices.Sorted(maps.Keys(m.api)) {
		if bad[abs] != "" {
			continue
		}
		old, err := os.ReadFile(abs)
		if err != nil {
			return d, err
		}
		c := Change{Path: m.rel(abs), Abs: abs, Old: old, New: []byte(m.api[abs].New)}
		if i, ok := byAbs[abs]; ok {
			d.changed[i] = c // what salvage kept of it, now whole
		} else {
			d.changed = append(d.changed, c)
		}
		d.accepted = append(d.accepted, abs)
	}
	slices.SortFunc(d.changed, func(a, b Change) int { return strings.Compare(a.Abs, b.Abs) })
	return d, nil
}

// firstBad is the first file in bad of abs's package, or "".
func firstBad(m *checkMerge, bad map[string]string, abs string) string {
	for _, f := range slices.Sorted(maps.Keys(bad)) {
		if m.pkgOf[f] == m.pkgOf[abs] {
			return f
		}
	}
	return ""
}

// importersOf are the packages of moved and every package of the module
// importing one of them, transitively (graph: non-test imports).
func importersOf(moved map[string]bool, graph map[string][]string) []string {
	rev := map[string][]string{}
	for p, imps := range graph {
		for _, q := range imps {
			rev[q] = append(rev[q], p)
		}
	}
	seen := map[string]bool{}
	var visit func(p string)
	visit = func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, q := range rev[p] {
			visit(q)
		}
	}
	for p := range moved {
		visit(p)
	}
	return slices.Sorted(maps.Keys(seen))
}

// dirsOf are the directories of the packages' files the passes analysed.
func (m *checkMerge) dirsOf(pkgs []string) []string {
	var dirs []string
	for abs, p := range m.pkgOf {
		if slices.Contains(pkgs, p) {
			dirs = append(dirs, filepath.Dir(abs))
		}
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}
