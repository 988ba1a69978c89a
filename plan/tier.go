package plan

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/spec"
)

// Tier is a file's risk, lowest first.
type Tier int

// Tiers, lowest risk first.
const (
	TierLow Tier = iota
	TierMedium
	TierHigh
)

// Tiers lists every tier, lowest first.
func Tiers() []Tier { return []Tier{TierLow, TierMedium, TierHigh} }

func (t Tier) String() string {
	switch t {
	case TierLow:
		return "low"
	case TierMedium:
		return "medium"
	case TierHigh:
		return "high"
	}
	return fmt.Sprintf("Tier(%d)", int(t))
}

// MarshalText writes the tier's name.
func (t Tier) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText accepts a tier's name.
func (t *Tier) UnmarshalText(b []byte) error {
	for _, v := range Tiers() {
		if v.String() == string(b) {
			*t = v
			return nil
		}
	}
	return fmt.Errorf("unknown tier %q", b)
}

// tierOf is the tier a rule's risk asks for at least.
func tierOf(r spec.Risk) (Tier, bool) {
	switch r {
	case spec.RiskLow:
		return TierLow, true
	case spec.RiskMedium:
		return TierMedium, true
	case spec.RiskHigh:
		return TierHigh, true
	case spec.RiskNone:
	}
	return TierLow, false
}

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

// planFile computes a file's tier, in its rewrite phase or in cleanup,
// and the reasons for it.
func (b *builder) planFile(f *migrate.File, cleanup bool) *PlanFile {
	src := f.Source
	pf := &PlanFile{Path: src.Rel, Tier: TierLow, Owners: b.in.Owners.Of(src.Rel)}
	raise := func(t Tier, why string) {
		pf.Tier = max(pf.Tier, t)
		pf.Reasons = append(pf.Reasons, why)
	}
	if cleanup {
		for _, d := range f.CleanupDeletes {
			pf.Deletes = append(pf.Deletes, d)
			raise(TierLow, "deletes deprecated "+d)
		}
	} else {
		if pf.Sites = f.Sites; pf.Sites > 0 {
			raise(siteTier(pf.Sites))
		}
		for _, d := range f.ExportDeletes {
			pf.Deletes = append(pf.Deletes, d)
			raise(exportTier(d))
		}
	}
	if src.Test {
		raise(TierLow, "test file")
	} else {
		raise(TierLow, "production file")
	}
	if k := leftSites(b.in.Sites, src.Rel); k > 0 {
		raise(TierMedium, fmt.Sprintf("%d review/manual site%s left for a person", k, plural(k)))
	}
	if pat := matchPackage(b.in.Spec.Critical, src.Rel); pat != "" {
		raise(criticalTier, "critical package "+pat)
	}
	if fi := b.fanIn[strings.TrimSuffix(src.PkgPath, "_test")]; fi > 0 {
		raise(fanInTier(fi))
	}
	if src.Constrained != "" {
		raise(TierMedium, "build-constrained ("+src.Constrained+"): not compiled on this host")
	}
	if f.Inlined > 0 {
		raise(TierLow, fmt.Sprintf("%d use%s of //go:fix inline symbols inlined by Go's inliner", f.Inlined, plural(f.Inlined)))
		if t, ok := tierOf(b.in.Spec.Inline.Risk); ok {
			raise(t, "inline: risk "+b.in.Spec.Inline.Risk.String())
		}
	}
	seen := map[string]bool{}
	for _, r := range f.Rules {
		if t, ok := tierOf(r.Risk); ok && !seen[r.ID] {
			seen[r.ID] = true
			raise(t, "rule "+r.ID+" is risk "+r.Risk.String())
		}
	}
	return pf
}

func siteTier(n int) (Tier, string) {
	return countTier(n, sitesMedium, sitesHigh, fmt.Sprintf("%d site%s", n, plural(n)))
}

func exportTier(name string) (Tier, string) {
	if token.IsExported(name[strings.LastIndexByte(name, '.')+1:]) {
		return TierMedium, "deletes exported re-export " + name + ": code outside the module may still use it"
	}
	return TierLow, "deletes re-export " + name
}

func fanInTier(n int) (Tier, string) {
	return countTier(n, fanInMedium, fanInHigh, fmt.Sprintf("imported by %d package%s of the module", n, plural(n)))
}

// countTier raises a count to medium and high at their thresholds,
// naming the threshold it reached.
func countTier(n, medium, high int, what string) (Tier, string) {
	switch {
	case n >= high:
		return TierHigh, fmt.Sprintf("%s (>= %d)", what, high)
	case n >= medium:
		return TierMedium, fmt.Sprintf("%s (>= %d)", what, medium)
	}
	return TierLow, what
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// leftSites counts the deprecated sites of the file at rel that stay
// for a person.
func leftSites(sites []engine.Site, rel string) int {
	n := 0
	for _, s := range sites {
		if s.Path == rel && s.Left() {
			n++
		}
	}
	return n
}
