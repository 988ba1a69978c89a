package plan

import (
	"maps"
	"math"
	"slices"

	"github.com/canonize/canonize/engine"
)

// countImporters counts, for each package of the graph, the packages of
// the graph that reach it.
func countImporters(imports map[string][]string) map[string]int {
	out := map[string]int{}
	for from := range imports {
		seen := map[string]bool{}
		var visit func(p string)
		visit = func(p string) {
			for _, q := range imports[p] {
				if _, inModule := imports[q]; !inModule || seen[q] {
					continue
				}
				seen[q] = true
				visit(q)
			}
		}
		visit(from)
		for q := range seen {
			if q != from {
				out[q]++
			}
		}
	}
	return out
}

func percent(can, dep int) float64 {
	if can+dep == 0 {
		return 100
	}
	return math.Round(float64(can)*1000/float64(can+dep)) / 10
}

// compliance counts the sites outside generated files.
func compliance(sites []engine.Site) Compliance {
	var c Compliance
	by := map[string]*PackageCompliance{}
	for _, s := range sites {
		if s.Generated {
			continue
		}
		pc := by[s.Package]
		if pc == nil {
			pc = &PackageCompliance{Package: s.Package}
			by[s.Package] = pc
		}
		if s.Role == engine.RoleCanonical {
			c.Canonical++
			pc.Canonical++
		} else {
			c.Deprecated++
			pc.Deprecated++
		}
	}
	c.Percent = percent(c.Canonical, c.Deprecated)
	for _, k := range slices.Sorted(maps.Keys(by)) {
		pc := by[k]
		pc.Percent = percent(pc.Canonical, pc.Deprecated)
		c.ByPackage = append(c.ByPackage, *pc)
	}
	return c
}

// projectCompliance sets each phase's compliance once it and every
// earlier phase are applied. Cleanup deletes the deprecated API, which
// compiles only once no reference is left: applied, it leaves 100%.
func (b *builder) projectCompliance(phases []*Phase, phaseOf map[string]int) {
	c := compliance(b.in.Sites)
	can, dep := c.Canonical, c.Deprecated
	last := len(phases)
	for n := 1; n < last; n++ {
		ph := phases[n-1]
		shareOf := map[string]int{}
		for i, sh := range ph.Shares {
			for _, path := range sh.Files {
				shareOf[path] = i
			}
		}
		shareCan, shareDep := make([]int, len(ph.Shares)), make([]int, len(ph.Shares))
		for _, s := range b.in.Sites {
			if !s.Rewritten() || s.Generated || phaseOf[s.Path] != n {
				continue
			}
			gain := 0
			if s.InReexport == "" && !s.Inline {
				gain = b.in.Rules.CanonicalIn(s.Rule)
			}
			i := shareOf[s.Path]
			shareCan[i] += gain
			shareDep[i]++
		}
		for i := range ph.Shares {
			ph.Shares[i].ComplianceAfter = percent(can+shareCan[i], dep-shareDep[i])
		}
		for i := range ph.Shares {
			can, dep = can+shareCan[i], dep-shareDep[i]
		}
		ph.ComplianceAfter = percent(can, dep)
	}
	for i := range phases[last-1].Shares {
		phases[last-1].Shares[i].ComplianceAfter = 100
	}
	phases[last-1].ComplianceAfter = 100
}
