package plan

import (
	"fmt"
	"go/token"
	"math"
	"path"
	"sort"
	"strings"
)

// Phase names of the default policy, in order.
const (
	PhaseExports    = "exports"
	PhaseProduction = "production"
	PhaseTests      = "tests"
	PhaseCleanup    = "cleanup"
)

// Tiers, lowest risk first.
const (
	TierLow    = "low"
	TierMedium = "medium"
	TierHigh   = "high"
)

// Tier thresholds. A file starts low and is raised by the highest signal:
//
//	sites rewritten in the file   >= 3 medium, >= 8 high
//	review or manual sites left   >= 1 medium
//	module packages importing it  >= 5 medium, >= 15 high (transitively)
//	build-constrained file        medium (not compiled on this host)
//	exported re-export deleted    medium (code outside the module may use it)
//	package matches critical:     high
//	a rule's risk:                that tier at least
const (
	sitesMedium  = 3
	sitesHigh    = 8
	fanInMedium  = 5
	fanInHigh    = 15
	criticalTier = TierHigh
)

// Plan is the migration as phases of files, with compliance. It is the
// one data model that the text, JSON and Markdown renderings print.
type Plan struct {
	Name       string     `json:"name,omitempty"`
	Compliance Compliance `json:"compliance"`
	Phases     []*Phase   `json:"phases"`
	Sites      []Site     `json:"sites"`
	Verify     []string   `json:"verify,omitempty"`
	// Hashes, in a saved plan, is the sha256 of every file the plan
	// reads or writes (and of the spec), to refuse a stale plan.
	Hashes map[string]string `json:"hashes,omitempty"`
}

// Compliance is canonical / (canonical + deprecated) sites, in percent,
// over sites outside generated files.
type Compliance struct {
	Percent    float64             `json:"percent"`
	Deprecated int                 `json:"deprecated"`
	Canonical  int                 `json:"canonical"`
	ByPackage  []PackageCompliance `json:"by_package"`
}

// PackageCompliance is the compliance of one package.
type PackageCompliance struct {
	Package    string  `json:"package"`
	Percent    float64 `json:"percent"`
	Deprecated int     `json:"deprecated"`
	Canonical  int     `json:"canonical"`
}

// Phase is a group of files applied, verified and rolled back together.
type Phase struct {
	Number          int         `json:"number"`
	Name            string      `json:"name"`
	ComplianceAfter float64     `json:"compliance_after"`
	Blocked         bool        `json:"blocked"`
	BlockedBy       []string    `json:"blocked_by,omitempty"`
	Files           []*PlanFile `json:"files"`
}

// PlanFile is one file of a phase with its risk tier and the reasons.
type PlanFile struct {
	Path    string   `json:"path"`
	Tier    string   `json:"tier"`
	Reasons []string `json:"reasons"`
	Sites   int      `json:"sites"`
	Deletes []string `json:"deletes,omitempty"` // declarations the phase deletes
	// BeforeHash and AfterHash (sha256) are set in a saved plan.
	BeforeHash string `json:"before_sha256,omitempty"`
	AfterHash  string `json:"after_sha256,omitempty"`

	// Before and After are the file's content before and after the phase.
	Before, After []byte `json:"-"`
	Mode          uint32 `json:"-"`
}

// Phase returns phase n (1-based) or nil.
func (p *Plan) Phase(n int) *Phase {
	if n < 1 || n > len(p.Phases) {
		return nil
	}
	return p.Phases[n-1]
}

func percent(can, dep int) float64 {
	if can+dep == 0 {
		return 100
	}
	return math.Round(float64(can)*1000/float64(can+dep)) / 10
}

// buildPlan sorts the changed files into the default four phases.
func (a *analysis) buildPlan() *Plan {
	p := &Plan{Name: a.spec.Name, Verify: a.spec.Verify, Sites: a.res.Sites}
	p.Compliance = a.compliance()
	fanIn := a.fanIn()
	phases := []*Phase{{Number: 1, Name: PhaseExports}, {Number: 2, Name: PhaseProduction},
		{Number: 3, Name: PhaseTests}}
	for i, sel := range a.spec.Phases {
		if i == 0 {
			phases = nil
		}
		phases = append(phases, &Phase{Number: i + 1, Name: sel.Name})
	}
	cleanup := &Phase{Number: len(phases) + 1, Name: PhaseCleanup}
	phases = append(phases, cleanup)
	phaseOf := map[string]int{} // path -> phase of its exports/production/tests change
	newOf := map[string][]byte{}
	for _, c := range a.res.Changes {
		w := a.work[c.Abs]
		n := a.phaseFor(w)
		if n == 0 {
			const why = "matches no phase of the spec's phases: list; not planned"
			a.res.Problems = append(a.res.Problems, Diagnostic{Pos: token.Position{Filename: c.Path}, Msg: why})
			// Its references stay, so the deprecated API cannot go.
			a.cleanup.blocked = true
			a.cleanup.blockedBy = append(a.cleanup.blockedBy, c.Path+": "+why)
			continue
		}
		phaseOf[c.Path] = n
		newOf[c.Abs] = c.New
		pf := a.planFile(w, false, fanIn)
		pf.Before, pf.After = c.Old, c.New
		phases[n-1].Files = append(phases[n-1].Files, pf)
	}
	// Cleanup lists the files holding deprecated declarations even when
	// it is blocked; its content then stays as phases 1-3 leave it.
	for _, abs := range sortedKeys(a.work) {
		w := a.work[abs]
		if len(w.cleanDel) == 0 || w.withheld != "" {
			continue
		}
		pf := a.planFile(w, true, fanIn)
		pf.Before = w.old
		if b, ok := newOf[abs]; ok {
			pf.Before = b
		}
		pf.After = pf.Before
		if w.final != nil && !a.cleanup.blocked {
			pf.After = w.final
		}
		cleanup.Files = append(cleanup.Files, pf)
	}
	for _, ph := range phases {
		sortFiles(ph.Files)
	}
	cleanup.Blocked, cleanup.BlockedBy = a.cleanup.blocked, a.cleanup.blockedBy
	a.projectCompliance(phases, phaseOf)
	p.Phases = phases
	return p
}

func (a *analysis) viaExport(w *fileWork) bool {
	for _, i := range w.sites {
		if a.res.Sites[i].viaKey != "" {
			return true
		}
	}
	return false
}

var tierRank = map[string]int{TierLow: 0, TierMedium: 1, TierHigh: 2}

// sortFiles orders a phase low tier first, then by path.
func sortFiles(fs []*PlanFile) {
	sort.SliceStable(fs, func(i, j int) bool {
		if tierRank[fs[i].Tier] != tierRank[fs[j].Tier] {
			return tierRank[fs[i].Tier] < tierRank[fs[j].Tier]
		}
		return fs[i].Path < fs[j].Path
	})
}

// planFile computes a file's tier, in its rewrite phase or in cleanup,
// and the reasons for it.
func (a *analysis) planFile(w *fileWork, cleanup bool, fanIn map[string]int) *PlanFile {
	f := w.file
	pf := &PlanFile{Path: f.Rel, Tier: TierLow, Mode: uint32(w.mode)}
	raise := func(t, why string) {
		if tierRank[t] > tierRank[pf.Tier] {
			pf.Tier = t
		}
		pf.Reasons = append(pf.Reasons, why)
	}
	if !cleanup {
		pf.Sites = len(w.sites)
		switch {
		case pf.Sites >= sitesHigh:
			raise(TierHigh, fmt.Sprintf("%d sites (>= %d)", pf.Sites, sitesHigh))
		case pf.Sites >= sitesMedium:
			raise(TierMedium, fmt.Sprintf("%d sites (>= %d)", pf.Sites, sitesMedium))
		case pf.Sites > 0:
			raise(TierLow, fmt.Sprintf("%d site%s", pf.Sites, plural(pf.Sites)))
		}
		for _, d := range w.exportDel {
			pf.Deletes = append(pf.Deletes, d.name)
			if last := d.name[strings.LastIndexByte(d.name, '.')+1:]; isExported(last) {
				raise(TierMedium, "deletes exported re-export "+d.name+": code outside the module may still use it")
			} else {
				raise(TierLow, "deletes re-export "+d.name)
			}
		}
	} else {
		for _, d := range w.cleanDel {
			pf.Deletes = append(pf.Deletes, d.name)
			raise(TierLow, "deletes deprecated "+d.name)
		}
	}
	if f.Test {
		raise(TierLow, "test file")
	} else {
		raise(TierLow, "production file")
	}
	if k := a.leftSites(f); k > 0 {
		raise(TierMedium, fmt.Sprintf("%d review/manual site%s left for a person", k, plural(k)))
	}
	if pat := a.critical(f); pat != "" {
		raise(criticalTier, "critical package "+pat)
	}
	if fi := fanIn[pkgPath(f)]; fi >= fanInHigh {
		raise(TierHigh, fmt.Sprintf("imported by %d packages of the module (>= %d)", fi, fanInHigh))
	} else if fi >= fanInMedium {
		raise(TierMedium, fmt.Sprintf("imported by %d packages of the module (>= %d)", fi, fanInMedium))
	} else if fi > 0 {
		raise(TierLow, fmt.Sprintf("imported by %d package%s of the module", fi, plural(fi)))
	}
	if f.Constrained != "" {
		raise(TierMedium, "build-constrained ("+f.Constrained+"): not compiled on this host")
	}
	seen := map[string]bool{}
	for _, r := range w.rules {
		if r.Risk != "" && !seen[r.ID] {
			seen[r.ID] = true
			raise(r.Risk, "rule "+r.ID+" is risk "+r.Risk)
		}
	}
	return pf
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func isExported(name string) bool { return name != "" && strings.ToUpper(name[:1]) == name[:1] }

// leftSites counts the deprecated sites of f that stay for a person.
func (a *analysis) leftSites(f *SourceFile) int {
	n := 0
	for _, s := range a.res.Sites {
		if s.file == f && s.Role == RoleDeprecated && (s.Kind == KindReview || s.Kind == KindManual) {
			n++
		}
	}
	return n
}

// critical returns the spec's critical pattern the file's package matches.
func (a *analysis) critical(f *SourceFile) string {
	return matchPackage(a.spec.Critical, f.Rel)
}

// matchPackage returns the first pattern the directory of the file at rel
// matches: "./chat/..." matches chat and below, "./chat" only chat.
func matchPackage(patterns []string, rel string) string {
	dir := path.Dir(rel)
	for _, pat := range patterns {
		p := strings.TrimPrefix(strings.TrimPrefix(pat, "./"), ".")
		if rest, ok := strings.CutSuffix(p, "/..."); ok || p == "..." {
			if p == "..." || dir == rest || strings.HasPrefix(dir, rest+"/") {
				return pat
			}
			continue
		}
		if dir == strings.TrimSuffix(p, "/") || (p == "" && dir == ".") {
			return pat
		}
	}
	return ""
}

// pkgPath is the import path of the file's package, external test
// packages folded into the package they test.
func pkgPath(f *SourceFile) string {
	return strings.TrimSuffix(f.Pkg.PkgPath, "_test")
}

// fanIn counts, for each module package, the module packages that import
// it directly or transitively (tests excluded; the listing's graph counts
// every build configuration).
func (a *analysis) fanIn() map[string]int {
	imports := a.ws.Graph
	if imports == nil {
		imports = a.variantGraph()
	}
	return countImporters(imports)
}

// variantGraph is the module's import graph from the loaded variants,
// when no listing of every package was made.
func (a *analysis) variantGraph() map[string][]string {
	imports := map[string][]string{}
	for _, v := range a.ws.Variants {
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

// compliance counts the sites outside generated files.
func (a *analysis) compliance() Compliance {
	var c Compliance
	by := map[string]*PackageCompliance{}
	for _, s := range a.res.Sites {
		if s.file != nil && s.file.Generated {
			continue
		}
		pkg := pkgPath(s.file)
		pc := by[pkg]
		if pc == nil {
			pc = &PackageCompliance{Package: pkg}
			by[pkg] = pc
		}
		if s.Role == RoleCanonical {
			c.Canonical++
			pc.Canonical++
		} else {
			c.Deprecated++
			pc.Deprecated++
		}
	}
	c.Percent = percent(c.Canonical, c.Deprecated)
	for _, k := range sortedKeys(by) {
		pc := by[k]
		pc.Percent = percent(pc.Canonical, pc.Deprecated)
		c.ByPackage = append(c.ByPackage, *pc)
	}
	return c
}

// projectCompliance sets each phase's compliance once it and every
// earlier phase are applied. Cleanup deletes the deprecated API, which
// compiles only once no reference is left: applied, it leaves 100%.
func (a *analysis) projectCompliance(phases []*Phase, phaseOf map[string]int) {
	can, dep := a.res.counts()
	last := len(phases)
	for n := 1; n < last; n++ {
		for _, s := range a.res.Sites {
			if s.Role != RoleDeprecated || s.Kind != KindAuto || s.file.Generated || phaseOf[s.Path] != n {
				continue
			}
			dep--
			if s.inAlias == "" {
				can += a.canonicalIn(s.Rule)
			}
		}
		phases[n-1].ComplianceAfter = percent(can, dep)
	}
	phases[last-1].ComplianceAfter = 100
}

// defaultPhase is the phase of the default policy a changed file is in.
func (a *analysis) defaultPhase(w *fileWork) string {
	switch {
	case a.viaExport(w) || len(w.exportDel) > 0:
		return PhaseExports
	case w.file.Test:
		return PhaseTests
	}
	return PhaseProduction
}

// phaseFor numbers the phase of a changed file: by the default policy,
// or the first of the spec's selectors that matches it (0 if none).
func (a *analysis) phaseFor(w *fileWork) int {
	kind := a.defaultPhase(w)
	if len(a.spec.Phases) == 0 {
		return map[string]int{PhaseExports: 1, PhaseProduction: 2, PhaseTests: 3}[kind]
	}
	for i, sel := range a.spec.Phases {
		if sel.Kind != "" && sel.Kind != kind {
			continue
		}
		if len(sel.Packages) > 0 && matchPackage(sel.Packages, w.file.Rel) == "" {
			continue
		}
		if len(sel.Files) > 0 && !matchAnyGlob(sel.Files, w.file.Rel) {
			continue
		}
		return i + 1
	}
	return 0
}

// matchAnyGlob matches a slash path against globs where * and ? stay in
// one path element and ** spans any number of them.
func matchAnyGlob(globs []string, p string) bool {
	for _, g := range globs {
		if matchGlob(strings.Split(g, "/"), strings.Split(p, "/")) {
			return true
		}
	}
	return false
}

func matchGlob(g, p []string) bool {
	if len(g) == 0 {
		return len(p) == 0
	}
	if g[0] == "**" {
		for i := 0; i <= len(p); i++ {
			if matchGlob(g[1:], p[i:]) {
				return true
			}
		}
		return false
	}
	if len(p) == 0 {
		return false
	}
	ok, _ := path.Match(g[0], p[0])
	return ok && matchGlob(g[1:], p[1:])
}

// canonicalIn counts the canonical symbols a rule's replacement names.
func (a *analysis) canonicalIn(ruleID string) int {
	r := a.ruleByID(ruleID)
	if r == nil {
		return 0
	}
	n := 0
	for _, k := range r.replSyms {
		if _, ok := a.canonical[k]; ok {
			n++
		}
	}
	return n
}

// counts returns the canonical and deprecated site counts outside
// generated files.
func (r *Result) counts() (can, dep int) {
	for _, s := range r.Sites {
		if s.file != nil && s.file.Generated {
			continue
		}
		if s.Role == RoleCanonical {
			can++
		} else {
			dep++
		}
	}
	return can, dep
}
