package billing

import (
	"context"
	"testing"

	"example.com/teamfactory/platform"
	"example.com/teamfactory/queue"
)

func TestIssueAndRemind(t *testing.T) {
	queue.Drain()
	ctx := platform.WithTenant(context.Background(), "acme")
	if err := Issue(ctx, Invoice{ID: "inv-7", Cents: 1250}); err != nil {
		t.Fatal(err)
	}
	n, err := Remind(ctx, []Invoice{{ID: "inv-7"}, {ID: "inv-8", Closed: true}})
	if err != nil || n != 1 {
		t.Fatalf("Remind = %d, %v; want 1, nil", n, err)
	}
	got := queue.Drain()
	want := []queue.Message{
		{Tenant: "acme", Topic: "invoices", Payload: "inv-7:1250"},
		{Tenant: "acme", Topic: "reminders", Payload: "inv-7"},
	}
	if len(got) != len(want) {
		t.Fatalf("sent %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("message %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestVoidUsesItsOwnTopic checks the topic through a client the test
// makes itself, the way the on-call runbook replays a void.
func TestVoidUsesItsOwnTopic(t *testing.T) {
	queue.Drain()
	ctx := platform.WithTenant(context.Background(), "globex")
	if err := Void(ctx, Invoice{ID: "inv-9"}); err != nil {
		t.Fatal(err)
	}
	replay := platform.GetClientFactory().Create(ctx, "globex")
	if err := replay.SendLegacy("inv-9", "invoices.void"); err != nil {
		t.Fatal(err)
	}
	got := queue.Drain()
	if len(got) != 2 || got[0] != got[1] {
		t.Fatalf("replayed void differs: %+v", got)
	}
}
