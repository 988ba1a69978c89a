package apply

import (
	"testing"
)

// TestTimeline: applies that committed are listed oldest first with
// their times, their state now and the compliance Options gave them; a
// phase rolled back since says when; an apply without compliance (an
// older canonize) has none, not 0%.
func TestTimeline(t *testing.T) {
	root, files := twoFiles(t)
	if got, err := Timeline(root); err != nil || len(got) != 0 {
		t.Fatalf("Timeline before any apply: %v, %v", got, err)
	}
	order := Order{Phases: []Phase{
		{Number: 1, Name: "exports", Files: files[:1]},
		{Number: 2, Name: "production", Files: files[1:]},
	}}
	if _, err := Apply(Options{Root: root, Order: order, Phase: 1, Compliance: &Compliance{Before: 0, After: 40}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Apply(Options{Root: root, Order: order, Phase: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := Rollback(RollbackOptions{Root: root, Phase: 2}); err != nil {
		t.Fatal(err)
	}
	got, err := Timeline(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("Timeline: %d commits, want 2: %+v", len(got), got)
	}
	one, two := got[0], got[1]
	if one.Phase != 1 || one.Name != "exports" || one.State != Applied || !one.Undone.IsZero() {
		t.Errorf("first commit: %+v", one)
	}
	if one.Compliance == nil || *one.Compliance != (Compliance{Before: 0, After: 40}) {
		t.Errorf("first commit's compliance: %+v, want 0 -> 40", one.Compliance)
	}
	if one.Began.IsZero() || one.Committed.Before(one.Began) || two.Began.Before(one.Committed) {
		t.Errorf("times out of order: %v %v %v", one.Began, one.Committed, two.Began)
	}
	if two.Phase != 2 || two.State != RolledBack || two.Undone.Before(two.Committed) || two.Compliance != nil {
		t.Errorf("second commit: %+v", two)
	}
}
