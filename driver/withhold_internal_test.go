package driver

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/migrate"
)

// TestInlineRendersOwnEdits: a file whose own edits do not combine as
// bytes is handed to the second pass with no inliner fixes, and the
// flag keeps it listed (a null list, not a missing key).
func TestInlineRendersOwnEdits(t *testing.T) {
	m := &checkMerge{root: "/m"}
	fixes := map[string][][]migrate.TextEdit{"/m/b.go": {{{Start: 1, End: 2, New: "x"}}}}
	got := m.inlineRenders(fixes, []string{"a.go", "b.go"}, deletions{})
	if fx, ok := got["/m/a.go"]; !ok || fx != nil {
		t.Errorf("a.go (own edits only): listed %v with %v, want listed with no fixes", ok, fx)
	}
	if len(got["/m/b.go"]) != 1 {
		t.Errorf("b.go: %v, want its inliner fix", got["/m/b.go"])
	}
	data, err := json.Marshal(analyzer.Deletions{Inline: got})
	if err != nil {
		t.Fatal(err)
	}
	var back analyzer.Deletions
	if err := back.Set(string(data)); err != nil {
		t.Fatal(err)
	}
	if _, ok := back.Inline["/m/a.go"]; !ok {
		t.Errorf("the flag %s loses a.go", data)
	}
}

// TestWithholdFailed: a file whose rendering with the phases'
// deletions does not type-check is withheld like a rewrite that does
// not: its rewritten sites become review sites with the reason (so the
// plan leaves the file out), the re-exports it would delete stay, and
// it blocks the cleanup.
func TestWithholdFailed(t *testing.T) {
	m := &checkMerge{root: "/m"}
	sites := []engine.Site{
		{Path: "f/f.go", Line: 3, Role: engine.RoleDeprecated, Kind: engine.KindAuto, Symbol: "ws.Old"},
		{Path: "f/f.go", Line: 4, Role: engine.RoleDeprecated, Kind: engine.KindManual, Symbol: "ws.Other", Reason: "no rule"},
		{Path: "g/g.go", Line: 3, Role: engine.RoleDeprecated, Kind: engine.KindAuto, Symbol: "ws.Old"},
	}
	d := deletions{exportsIn: map[string][]string{"/m/f/f.go": {"F"}, "/m/g/g.go": {"G"}}}
	want := "rewrite does not type-check (linux/amd64): f/f.go:3:9: undefined: ws.New"
	failed := map[string]string{"/m/f/f.go": renderReason(analyzer.RenderRecord{
		Error: "rewrite does not type-check (linux/amd64): /m/f/f.go:3:9: undefined: ws.New", Withheld: true}, "/m", "linux/amd64")}
	blockers := m.withholdFailed(sites, failed, &d)
	if sites[0].Kind != engine.KindReview || sites[0].Reason != want || !sites[0].Withheld {
		t.Errorf("f.go's auto site: %s %q withheld %v, want review %q withheld", sites[0].Kind, sites[0].Reason, sites[0].Withheld, want)
	}
	if sites[1].Kind != engine.KindManual || sites[2].Kind != engine.KindAuto {
		t.Errorf("other sites changed: %s, %s", sites[1].Kind, sites[2].Kind)
	}
	if !whollyWithheld(sites)["f/f.go"] || whollyWithheld(sites)["g/g.go"] {
		t.Errorf("wholly withheld: %v, want f/f.go only", whollyWithheld(sites))
	}
	if _, ok := d.exportsIn["/m/f/f.go"]; ok || d.exportsIn["/m/g/g.go"] == nil {
		t.Errorf("exports deleted: %v, want g/g.go's only", d.exportsIn)
	}
	if len(blockers) != 1 || !strings.HasPrefix(blockers[0], "f/f.go: "+want) {
		t.Errorf("blockers %q", blockers)
	}
	render := analyzer.RenderRecord{Error: "inlining withheld: overlaps\nmore"}
	if r, want := renderReason(render, "/m", "linux/amd64"), "rewrite does not render with its deletions (linux/amd64): inlining withheld: overlaps"; r != want {
		t.Errorf("a failure to render: %q, want %q", r, want)
	}
}
