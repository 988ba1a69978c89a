package moderation

import (
	"context"
	"testing"
)

func TestScreenBlocksAndTellsAuthor(t *testing.T) {
	ctx := context.Background()
	author := factory().Create(ctx, "mod-unit-xena")
	defer author.Close()
	notices := author.Subscribe()

	ok, err := Screen(ctx, "mod-unit-xena", "get FREE CRYPTO now")
	if err != nil || ok {
		t.Fatalf("Screen = %v, %v; want blocked", ok, err)
	}
	if ev := <-notices; ev.Type != EventBlocked || ev.Payload != "contains free crypto" {
		t.Errorf("notice = %v", ev)
	}
	if ok, _ := Screen(ctx, "mod-unit-xena", "good morning"); !ok {
		t.Error("clean message blocked")
	}
}

func TestEscalateAfterThreeReports(t *testing.T) {
	ctx := context.Background()
	var q Queue
	for i := range 3 {
		paged, err := q.Escalate(ctx, "mod-unit-troll")
		if err != nil || paged {
			t.Fatalf("paged after %d reports", i)
		}
		if _, err := q.File(ctx, Report{Reporter: "mod-unit-yan", Offender: "mod-unit-troll", MessageID: "m"}); err != nil {
			t.Fatal(err)
		}
	}
	if paged, err := q.Escalate(ctx, "mod-unit-troll"); err != nil || !paged {
		t.Fatalf("not paged after 3 reports: %v", err)
	}
}
