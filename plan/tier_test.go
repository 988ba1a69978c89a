package plan

import (
	"encoding/json"
	"testing"

	"github.com/canonize/canonize/spec"
)

// Tiers are ordered low < medium < high, written by name and read back.
func TestTierText(t *testing.T) {
	tiers := Tiers()
	for i, tr := range tiers {
		if i > 0 && !(tiers[i-1] < tr) {
			t.Errorf("%s is not above %s", tr, tiers[i-1])
		}
		data, _ := json.Marshal(tr)
		var back Tier
		if err := json.Unmarshal(data, &back); err != nil || back != tr {
			t.Errorf("%s: round trip %s, %v", tr, back, err)
		}
	}
	var tr Tier
	if err := json.Unmarshal([]byte(`"extreme"`), &tr); err == nil {
		t.Error("unknown tier accepted")
	}
	if s := Tier(7).String(); s != "Tier(7)" {
		t.Errorf("Tier(7) = %s", s)
	}
}

// A rule's risk maps to the tier it asks for; no risk asks for none.
func TestTierOfRisk(t *testing.T) {
	for risk, want := range map[spec.Risk]Tier{spec.RiskLow: TierLow, spec.RiskMedium: TierMedium, spec.RiskHigh: TierHigh} {
		if got, ok := tierOf(risk); !ok || got != want {
			t.Errorf("tierOf(%s) = %s, %v", risk, got, ok)
		}
	}
	if _, ok := tierOf(spec.RiskNone); ok {
		t.Error("no risk raised a tier")
	}
}

// Thresholds: the reason names the threshold reached.
func TestCountTier(t *testing.T) {
	for _, c := range []struct {
		n    int
		tier Tier
		why  string
	}{
		{1, TierLow, "1 site"},
		{3, TierMedium, "3 sites (>= 3)"},
		{8, TierHigh, "8 sites (>= 8)"},
	} {
		tr, why := siteTier(c.n)
		if tr != c.tier || why != c.why {
			t.Errorf("siteTier(%d) = %s %q, want %s %q", c.n, tr, why, c.tier, c.why)
		}
	}
	if tr, why := fanInTier(15); tr != TierHigh || why != "imported by 15 packages of the module (>= 15)" {
		t.Errorf("fanInTier(15) = %s %q", tr, why)
	}
}
