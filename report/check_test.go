package report

import (
	"errors"
	"strings"
	"testing"

	"github.com/canonize/canonize/baseline"
	"github.com/canonize/canonize/plan"
)

// Every format name parses to itself; another is a *FormatError that
// lists them.
func TestParseFormat(t *testing.T) {
	for _, f := range Formats() {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	_, err := ParseFormat("xml")
	var fe *FormatError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "text, json, sarif, github") {
		t.Errorf("ParseFormat(xml): %v", err)
	}
}

// Check's JSON against a baseline prints the new sites and the
// comparison, every list as [] when empty.
func TestCheckJSONWithBaseline(t *testing.T) {
	c := &Check{Plan: &plan.Plan{}}
	c.Baseline = &BaselineResult{File: "base.json", Comparison: baseline.Compare(baseline.Make(baseline.Spec{}, nil), nil)}
	var b strings.Builder
	if err := WriteCheckAs(&b, FormatJSON, c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"sites": []`, `"fixed": []`, `"file": "base.json"`, `"new": 0`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "null") {
		t.Errorf("JSON has a null:\n%s", b.String())
	}
}
