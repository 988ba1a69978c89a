package vetrun

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
)

// site is a position in a file.
type site struct {
	file      string
	line, col int
}

// findingKey identifies a finding across packages and configurations.
type findingKey struct {
	site
	analyzer, category, message, fixes string
}

// merge deduplicates the findings of every configuration, sets aside
// the sites configurations disagree on, and sorts everything.
func merge(cfgs []Config, outs []*output) *Result {
	byKey := map[findingKey]*Finding{}
	// shapes records, per site and configuration, what was reported
	// there: configurations that report at a site must agree on it.
	shapes := map[site]map[int]map[string]bool{}
	res := &Result{}
	for i, out := range outs {
		if out == nil {
			continue
		}
		res.PackageErrors = append(res.PackageErrors, out.pkgErrs...)
		for _, f := range out.findings {
			k := keyOf(f)
			fd := byKey[k]
			if fd == nil {
				fd = &f
				byKey[k] = fd
			}
			if n := len(fd.Configs); n == 0 || fd.Configs[n-1] != cfgs[i].Name {
				fd.Configs = append(fd.Configs, cfgs[i].Name)
			}
			if shapes[k.site] == nil {
				shapes[k.site] = map[int]map[string]bool{}
			}
			if shapes[k.site][i] == nil {
				shapes[k.site][i] = map[string]bool{}
			}
			shapes[k.site][i][k.analyzer+"\x00"+k.category+"\x00"+k.fixes] = true
		}
	}
	conflicted := map[site]bool{}
	for s, byCfg := range shapes {
		if reason := disagreement(cfgs, s, byCfg); reason != "" {
			conflicted[s] = true
			res.Conflicts = append(res.Conflicts, Conflict{File: s.file, Reason: reason})
		}
	}
	keys := make([]findingKey, 0, len(byKey))
	for k := range byKey {
		if !conflicted[k.site] {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	for _, k := range keys {
		res.Findings = append(res.Findings, *byKey[k])
	}
	sortResult(res)
	return res
}

// keyOf is f's identity: where, what, and its fixes' exact content.
func keyOf(f Finding) findingKey {
	data, _ := json.Marshal(f.Fixes) // plain strings and ints: cannot fail
	return findingKey{site{f.File, f.Line, f.Col}, f.Analyzer, f.Category, f.Message, string(data)}
}

// disagreement says how two configurations that report at s differ, or
// "" when they all report the same categories with the same fixes.
func disagreement(cfgs []Config, s site, byCfg map[int]map[string]bool) string {
	idx := make([]int, 0, len(byCfg))
	for i := range byCfg {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	first := idx[0]
	for _, i := range idx[1:] {
		if !sameSet(byCfg[first], byCfg[i]) {
			return fmt.Sprintf("%d:%d: %s and %s give different fixes (or one none) here; a fix computed in one configuration is not known to be right in the other",
				s.line, s.col, cfgs[first].Name, cfgs[i].Name)
		}
	}
	return ""
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// compareKeys orders findings by File, Line, Col, Category, Message,
// then the rest of their identity, so that the order is total.
func compareKeys(a, b findingKey) int {
	return cmp.Or(
		cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col),
		cmp.Compare(a.category, b.category), cmp.Compare(a.message, b.message),
		cmp.Compare(a.analyzer, b.analyzer), cmp.Compare(a.fixes, b.fixes))
}

// sortResult puts conflicts and package errors in a fixed order and
// drops repeats (a package and its test variant fail alike).
func sortResult(res *Result) {
	slices.SortFunc(res.Conflicts, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Reason, b.Reason))
	})
	res.Conflicts = slices.Compact(res.Conflicts)
	slices.SortFunc(res.PackageErrors, func(a, b PackageError) int {
		return cmp.Or(cmp.Compare(a.Package, b.Package), cmp.Compare(a.Config, b.Config), cmp.Compare(a.Msg, b.Msg))
	})
	res.PackageErrors = slices.Compact(res.PackageErrors)
}
