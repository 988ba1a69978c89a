package spec

import "fmt"

// Risk is the tier a rule's rewrites are at least (risk: in the spec).
type Risk string

// Risks a rule may declare; RiskNone leaves the tier to the planner.
const (
	RiskNone   Risk = ""
	RiskLow    Risk = "low"
	RiskMedium Risk = "medium"
	RiskHigh   Risk = "high"
)

func (r Risk) String() string { return string(r) }

// PhaseKind is the default phase a changed file belongs to, which a
// phases: selector may name with kind:.
type PhaseKind string

// Kinds of phases, in the default order. Cleanup always comes last and
// no selector may name it.
const (
	Exports    PhaseKind = "exports"
	Production PhaseKind = "production"
	Tests      PhaseKind = "tests"
	Cleanup    PhaseKind = "cleanup"
)

func (k PhaseKind) String() string { return string(k) }

// MarshalText writes the kind's name.
func (k PhaseKind) MarshalText() ([]byte, error) { return []byte(k), nil }

// UnmarshalText accepts the name of a kind and refuses anything else.
func (k *PhaseKind) UnmarshalText(b []byte) error {
	switch v := PhaseKind(b); v {
	case Exports, Production, Tests, Cleanup:
		*k = v
		return nil
	}
	return fmt.Errorf("unknown phase kind %q", b)
}
