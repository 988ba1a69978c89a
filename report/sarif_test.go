package report

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/canonize/canonize/baseline"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/sarifschema"
	"github.com/canonize/canonize/plan"
	"github.com/canonize/canonize/spec"
)

// The file a.go before and after phases 1-3: two sites rewritten, an
// import swapped, and a non-ASCII string before the first site on its
// line, so byte and UTF-16 columns differ there.
const (
	oldA = "package a\n\nimport \"old\"\n\nfunc F() {\n\t_ = \"é\"; old.Get().Make(1)\n}\n\nfunc G() { old.Get().Make(2) }\n"
	newA = "package a\n\nimport \"new\"\n\nfunc F() {\n\t_ = \"é\"; new.Make(1)\n}\n\nfunc G() { new.Make(2) }\n"
)

func sampleCheck() *Check {
	sites := []engine.Site{
		// "é" is 2 bytes, 1 UTF-16 unit: byte column 12 is column 11.
		{Path: "a.go", Line: 6, Col: 12, EndLine: 6, EndCol: 29, Symbol: "old.Get", Role: engine.RoleDeprecated, Kind: engine.KindAuto,
			Rule: "make", Replacement: "new.Make", Func: "F", Text: "old . Get ( ) . Make ( 1 )"},
		{Path: "a.go", Line: 9, Col: 12, EndLine: 9, EndCol: 29, Symbol: "old.Get", Role: engine.RoleDeprecated, Kind: engine.KindAuto,
			Rule: "make", Replacement: "new.Make", Func: "G", Text: "old . Get ( ) . Make ( 2 )"},
		{Path: "b.go", Line: 4, Col: 7, EndLine: 4, EndCol: 14, Symbol: "old.Get", Role: engine.RoleDeprecated, Kind: engine.KindReview,
			Rule: "make", Reason: "function value old.Get: not called, so rule make cannot rewrite it", Func: "H", Text: "old . Get"},
		{Path: "b.go", Line: 8, Col: 2, EndLine: 8, EndCol: 12, Symbol: "old.Other", Role: engine.RoleDeprecated, Kind: engine.KindManual,
			Reason: "no rule rewrites Other", Func: "H", Text: "old . Other ( )"},
		{Path: "c.go", Line: 3, Col: 2, EndLine: 3, EndCol: 20, Symbol: "lib.Old", Role: engine.RoleDeprecated, Kind: engine.KindInline,
			Inline: true, Replacement: "its //go:fix inline body", Func: "I", Text: "lib . Old ( x )"},
		{Path: "z_gen.go", Line: 5, Col: 3, Symbol: "old.Get", Role: engine.RoleDeprecated, Kind: engine.KindGenerated,
			Rule: "make", Generated: true, Func: "J", Text: "old . Get ( )"},
		{Path: "a.go", Line: 6, Col: 20, Symbol: "new.Make", Role: engine.RoleCanonical},
	}
	sp := &spec.Spec{Name: "sample", Rules: []*spec.Rule{{ID: "make", Match: &spec.Template{Text: "old.Get().Make($n)"},
		Replace: &spec.Template{Text: "new.Make($n)"}, Risk: spec.Risk("low"), Note: "Get is deprecated <since v2> & gone in v3"}}}
	return &Check{Plan: &plan.Plan{Sites: sites}, Spec: sp, Tool: "test",
		Files: map[string]Source{"a.go": {Old: []byte(oldA), New: []byte(newA)}}}
}

// sarifOut is the part of a SARIF log the tests read back.
type sarifOut struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region region `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			BaselineState       string            `json:"baselineState"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Fixes               []struct {
				ArtifactChanges []struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Replacements []struct {
						DeletedRegion   region `json:"deletedRegion"`
						InsertedContent struct {
							Text string `json:"text"`
						} `json:"insertedContent"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

type region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func renderSARIF(t *testing.T, c *Check) ([]byte, sarifOut) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSARIF(&b, c); err != nil {
		t.Fatal(err)
	}
	var out sarifOut
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("SARIF is not JSON: %v\n%s", err, b.String())
	}
	return b.Bytes(), out
}

// The SARIF of every kind of site validates against the published
// SARIF 2.1.0 schema, and each result names a rule of the run.
func TestSARIFValidatesAgainstSchema(t *testing.T) {
	data, out := renderSARIF(t, sampleCheck())
	if err := sarifschema.Validate(data); err != nil {
		t.Fatalf("SARIF does not validate against %s: %v\n%s", sarifschema.URL, err, data)
	}
	run := out.Runs[0]
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if want := []string{"make", "canonize/deprecated", "canonize/inline"}; !slices.Equal(ids, want) {
		t.Errorf("rules %v, want %v", ids, want)
	}
	if len(run.Results) != 6 {
		t.Fatalf("%d results, want the 6 deprecated sites", len(run.Results))
	}
	levels := ""
	for _, r := range run.Results {
		if r.RuleIndex >= len(ids) || ids[r.RuleIndex] != r.RuleID {
			t.Errorf("result names rule %s at index %d", r.RuleID, r.RuleIndex)
		}
		levels += r.Level + " "
	}
	if want := "note note warning warning note note "; levels != want {
		t.Errorf("levels %q, want %q (auto, auto, review, manual, inline, generated)", levels, want)
	}
	if got := run.Results[0].Locations[0].PhysicalLocation.Region; got != (region{6, 11, 6, 28}) {
		t.Errorf("region of the site after \"é\": %+v, want columns in UTF-16 units 11-28", got)
	}
	if got := run.Results[2].Locations[0].PhysicalLocation.Region; got != (region{4, 7, 4, 14}) {
		t.Errorf("region in a file whose bytes are unknown: %+v, want Go's columns", got)
	}
}

// The validator is not vacuous: a log that breaks the schema fails.
func TestSARIFSchemaRejectsInvalid(t *testing.T) {
	data, _ := renderSARIF(t, sampleCheck())
	for _, bad := range []struct{ from, to string }{
		{`"level": "warning"`, `"level": "severe"`},
		{`"version": "2.1.0"`, `"version": "2.0"`},
		{`"startLine": 4`, `"startLine": 0`},
	} {
		broken := strings.Replace(string(data), bad.from, bad.to, 1)
		if broken == string(data) {
			t.Fatalf("%s not in the log", bad.from)
		}
		if err := sarifschema.Validate([]byte(broken)); err == nil {
			t.Errorf("%s accepted", bad.to)
		}
	}
}

// A rewritten site's fix, applied as a SARIF consumer applies it, gives
// exactly the bytes of the file after phases 1-3; sites canonize does
// not rewrite carry none.
func TestSARIFFixGivesTheDiffsBytes(t *testing.T) {
	_, out := renderSARIF(t, sampleCheck())
	for i, r := range out.Runs[0].Results {
		if i >= 2 {
			if len(r.Fixes) > 0 {
				t.Errorf("result %d (%s) has a fix", i, r.Level)
			}
			continue
		}
		if len(r.Fixes) != 1 || len(r.Fixes[0].ArtifactChanges) != 1 {
			t.Fatalf("result %d: fixes %+v", i, r.Fixes)
		}
		ch := r.Fixes[0].ArtifactChanges[0]
		if ch.ArtifactLocation.URI != "a.go" {
			t.Errorf("fix changes %s", ch.ArtifactLocation.URI)
		}
		got := []byte(oldA)
		// Replacements name regions of the unmodified file: apply the
		// last first so that earlier offsets stay valid.
		for k := len(ch.Replacements) - 1; k >= 0; k-- {
			rep := ch.Replacements[k]
			start := offset(t, oldA, rep.DeletedRegion.StartLine, rep.DeletedRegion.StartColumn)
			end := offset(t, oldA, rep.DeletedRegion.EndLine, rep.DeletedRegion.EndColumn)
			got = append(append(append([]byte(nil), got[:start]...), rep.InsertedContent.Text...), got[end:]...)
		}
		if string(got) != newA {
			t.Errorf("result %d: the fix gives\n%s\nwant\n%s", i, got, newA)
		}
	}
}

// offset is the byte offset of SARIF's line and UTF-16 column in src.
func offset(t *testing.T, src string, line, col int) int {
	t.Helper()
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			t.Fatalf("line %d past the end", line)
		}
		off += i + 1
	}
	units := 0
	for i, r := range src[off:] {
		if units == col-1 {
			return off + i
		}
		if r == '\n' {
			break
		}
		units += len(utf16.Encode([]rune{r}))
	}
	if units == col-1 {
		return off + len(strings.SplitN(src[off:], "\n", 2)[0])
	}
	t.Fatalf("column %d past line %d", col, line)
	return 0
}

// Against a baseline, counted sites say whether they are new; the
// generated one, which a baseline does not record, says nothing; and
// two identical calls get different fingerprints.
func TestSARIFBaselineState(t *testing.T) {
	c := sampleCheck()
	b := baseline.Make(baseline.Spec{Name: "sample"}, c.Plan.Sites[1:]) // all but the first
	c.Baseline = &BaselineResult{File: "base.json", Comparison: baseline.Compare(b, c.Plan.Sites)}
	data, out := renderSARIF(t, c)
	if err := sarifschema.Validate(data); err != nil {
		t.Fatalf("SARIF with baseline states does not validate: %v", err)
	}
	var states []string
	for _, r := range out.Runs[0].Results {
		states = append(states, r.BaselineState)
	}
	if want := []string{"new", "unchanged", "unchanged", "unchanged", "unchanged", ""}; !slices.Equal(states, want) {
		t.Errorf("baseline states %q, want %q", states, want)
	}

	c = sampleCheck()
	twin := c.Plan.Sites[2]
	twin.Line++
	c.Plan.Sites = append(c.Plan.Sites[:3], append([]engine.Site{twin}, c.Plan.Sites[3:]...)...)
	_, out = renderSARIF(t, c)
	res := out.Runs[0].Results
	if res[2].PartialFingerprints[fingerprintKey] == res[3].PartialFingerprints[fingerprintKey] {
		t.Errorf("identical calls share fingerprint %s", res[2].PartialFingerprints[fingerprintKey])
	}
}
