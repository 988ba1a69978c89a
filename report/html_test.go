package report

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/canonize/canonize/apply"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/plan"
)

// hostile is a plan and order whose every string tries to break out of
// the page: a path, a reason, a symbol, an owner and a diff line.
func hostile() Page {
	evil := `<script>alert(1)</script>`
	f := &plan.PlanFile{Path: "a/" + evil + ".go", Tier: plan.TierHigh, Reasons: []string{evil}, Sites: 1, Owners: []string{"@o/" + evil}}
	p := &plan.Plan{
		Name:       evil,
		Compliance: plan.Compliance{Percent: 20, Canonical: 1, Deprecated: 4},
		Phases: []*plan.Phase{
			{Number: 1, Name: "exports", ComplianceAfter: 60, Files: []*plan.PlanFile{f},
				Shares: []plan.Share{{Owner: "@o/" + evil, Files: []string{f.Path}, Sites: 1, ComplianceAfter: 60}}},
			{Number: 2, Name: "cleanup", ComplianceAfter: 100, Blocked: true, BlockedBy: []string{evil}},
		},
		Sites:  []engine.Site{{Path: "b.go", Line: 3, Col: 4, Symbol: evil, Role: engine.RoleDeprecated, Kind: engine.KindReview, Reason: evil}},
		Verify: []string{"go test ./... " + evil},
	}
	ord := apply.Order{Phases: []apply.Phase{
		{Number: 1, Name: "exports", Files: []apply.FileChange{{Path: f.Path, Before: []byte("x := 1\n</pre>\n"), After: []byte("x := 2\n</pre>" + evil + "\n")}}},
		{Number: 2, Name: "cleanup"},
	}}
	return Page{Plan: p, Order: ord, Now: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)}
}

// TestHTMLEscapesEverything: no string from the code, the spec or the
// journal becomes markup, and the page refers to nothing outside itself.
func TestHTMLEscapesEverything(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Contains(page, "<script") || strings.Count(page, "</pre>") != strings.Count(page, "<pre") {
		t.Fatalf("a string became markup:\n%s", page)
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile text is not on the page, escaped")
	}
	for _, ref := range []string{"http:", "https:", "//", "src=", "@import", "url("} {
		for _, m := range regexp.MustCompile(`[^\n]*`+regexp.QuoteMeta(ref)+`[^\n]*`).FindAllString(page, -1) {
			// "//" is allowed in text, e.g. a comment of a diff line, never
			// in an attribute or CSS.
			if ref == "//" && !strings.Contains(m, `="//`) && !strings.Contains(m, "(//") {
				continue
			}
			t.Errorf("the page refers outside itself (%s): %s", ref, m)
		}
	}
}

// TestHTMLDeterministic: the same page renders to the same bytes.
func TestHTMLDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteHTML(&a, hostile()); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&b, hostile()); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("two renderings differ")
	}
}

// TestPhaseChart: one point for now and one per phase, in order, with
// the plan's values; a blocked phase is drawn as such, dashed.
func TestPhaseChart(t *testing.T) {
	c := phaseChart(hostile().Plan)
	var got []string
	for _, p := range c.Points {
		got = append(got, p.Label+"="+p.Value+"/"+p.Class)
	}
	want := []string{"now=20.0%/measured", "1. exports=60.0%/projected", "2. cleanup=100.0%/blocked"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("points %q, want %q", got, want)
	}
	if len(c.Segments) != 2 || c.Segments[0].Dashed || !c.Segments[1].Dashed {
		t.Errorf("segments %+v: want two, the one into the blocked phase dashed", c.Segments)
	}
	for i := 1; i < len(c.Points); i++ {
		if c.Points[i].X <= c.Points[i-1].X {
			t.Errorf("point %d is not right of point %d", i, i-1)
		}
	}
	if c.Points[2].Y >= c.Points[1].Y || c.Points[2].Y != c.Top {
		t.Errorf("100%% is not drawn at the top (y %v, top %v)", c.Points[2].Y, c.Top)
	}
}

// TestTimeChart: a point when each kept phase began and committed, then
// now; phases rolled back since and phases without a recorded
// compliance draw nothing; no kept phase, no chart.
func TestTimeChart(t *testing.T) {
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	now := t0.Add(48 * time.Hour)
	kept := apply.Commit{Phase: 1, Name: "exports", State: apply.Applied, Began: t0, Committed: t0.Add(time.Minute),
		Compliance: &apply.Compliance{Before: 19.1, After: 25.6}}
	undone := apply.Commit{Phase: 2, Name: "production", State: apply.RolledBack, Began: t0.Add(time.Hour), Committed: t0.Add(2 * time.Hour),
		Compliance: &apply.Compliance{Before: 25.6, After: 84.5}}
	old := apply.Commit{Phase: 3, Name: "tests", State: apply.Applied, Began: t0.Add(3 * time.Hour), Committed: t0.Add(4 * time.Hour)}
	if c := timeChart([]apply.Commit{undone, old}, 25.6, now); c != nil {
		t.Errorf("a chart without a kept phase with compliance: %+v", c.Points)
	}
	c := timeChart([]apply.Commit{kept, undone, old}, 26, now)
	if c == nil || len(c.Points) != 3 {
		t.Fatalf("chart: %+v, want 3 points", c)
	}
	labels := []string{"before 1. exports", "1. exports applied", "now"}
	for i, p := range c.Points {
		if p.Label != labels[i] {
			t.Errorf("point %d: %q, want %q", i, p.Label, labels[i])
		}
	}
	if c.Points[0].X != c.Left || c.Points[2].X != c.Right || c.Points[1].X <= c.Left {
		t.Errorf("x positions %v %v %v: not by time from %v to %v", c.Points[0].X, c.Points[1].X, c.Points[2].X, c.Left, c.Right)
	}
	if c.Points[0].ShowValue || !c.Points[1].ShowValue {
		t.Error("the value before phase 1 should give way to the one a minute later, drawn over it")
	}
}

// TestDiffLines: header lines are told from changed lines by position,
// so a deleted line that reads like a header is still a deletion.
func TestDiffLines(t *testing.T) {
	diff := "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n--- old\n+++ new\n ctx\n\\ No newline at end of file\n"
	var got []string
	for _, l := range diffLines([]byte(diff)) {
		got = append(got, l.Class)
	}
	want := "meta meta meta hunk del add ctx meta"
	if strings.Join(got, " ") != want {
		t.Errorf("classes %q, want %q", strings.Join(got, " "), want)
	}
}
