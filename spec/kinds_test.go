package spec

import (
	"encoding/json"
	"testing"
)

// A phase kind survives JSON both ways; an unknown one is refused.
func TestPhaseKindText(t *testing.T) {
	for _, k := range []PhaseKind{Exports, Production, Tests, Cleanup} {
		data, err := json.Marshal(k)
		if err != nil {
			t.Fatal(err)
		}
		var back PhaseKind
		if err := json.Unmarshal(data, &back); err != nil || back != k {
			t.Errorf("%s: round trip gave %q, %v", k, back, err)
		}
	}
	var k PhaseKind
	if err := json.Unmarshal([]byte(`"later"`), &k); err == nil {
		t.Error("unknown phase kind accepted")
	}
}

// KeyPos points at a top-level key, or at the spec's start when absent;
// Targets lists every package the spec names, once, sorted.
func TestKeyPosAndTargets(t *testing.T) {
	s, err := Parse("c.yaml", []byte(`version: 1
imports:
  ws: example.com/m/ws
  io: io
rules:
  - id: r
    match: ws.Old($x)
    replace: ws.New($x)
deprecated: [example.com/m/legacy.F]
canonical:
  - io.ReadAll
`))
	if err != nil {
		t.Fatal(err)
	}
	if p := s.KeyPos("canonical"); p.Line != 11 || p.Column != 3 {
		t.Errorf("KeyPos(canonical) = %v, want 11:3", p)
	}
	if p := s.KeyPos("verify"); p.Line != 1 || p.Column != 1 || p.Filename != "c.yaml" {
		t.Errorf("KeyPos(absent) = %v, want c.yaml:1:1", p)
	}
	got := s.Targets()
	want := []string{"example.com/m/legacy", "example.com/m/ws", "io"}
	if len(got) != len(want) {
		t.Fatalf("Targets = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Targets = %v, want %v", got, want)
		}
	}
	if s.Rules[0].Risk != RiskNone || s.Rules[0].Risk.String() != "" {
		t.Errorf("risk of a rule without one: %q", s.Rules[0].Risk)
	}
}
