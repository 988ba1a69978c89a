package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// A site's kind and role are written as their names and read back; an
// unknown name is refused, so a tampered saved plan is not half-read.
func TestSiteJSON(t *testing.T) {
	in := Site{Path: "a.go", Line: 3, Col: 4, Symbol: "ws.Old", Role: RoleDeprecated, Kind: KindReview, Pos: 99, Package: "p"}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(data); !strings.Contains(s, `"role":"deprecated"`) || !strings.Contains(s, `"kind":"review"`) || strings.Contains(s, "99") {
		t.Errorf("JSON %s: want role and kind by name, no position", s)
	}
	var back Site
	if err := json.Unmarshal(data, &back); err != nil || back.Kind != KindReview || back.Role != RoleDeprecated {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	canonical, _ := json.Marshal(Site{Role: RoleCanonical})
	if strings.Contains(string(canonical), "kind") {
		t.Errorf("a canonical site has no kind: %s", canonical)
	}
	for _, bad := range []string{`{"role":"obsolete"}`, `{"role":"canonical","kind":"maybe"}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestDisplayKey(t *testing.T) {
	for key, want := range map[string]string{
		"example.com/m/ws.GetFactory":   "ws.GetFactory",
		"example.com/m/ws.Manager.Old":  "ws.Manager.Old",
		"io/ioutil.ReadAll":             "ioutil.ReadAll",
		"gopkg.in/yaml.v3.Unmarshal":    "yaml.v3.Unmarshal",
		"example.com/m/ws.v2/ws.Create": "ws.Create",
	} {
		if got := DisplayKey(key); got != want {
			t.Errorf("DisplayKey(%s) = %s, want %s", key, got, want)
		}
	}
}
