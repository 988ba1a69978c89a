package notify

import (
	"context"
	"strings"
	"testing"

	"example.com/teamfactory/queue"
)

func TestEmailOnePerRecipient(t *testing.T) {
	queue.Drain()
	if err := Email(context.Background(), "acme", []string{"a@x", "b@x"}, "hi"); err != nil {
		t.Fatal(err)
	}
	got := queue.Drain()
	if len(got) != 2 || got[1].Payload != "b@x|hi" || got[1].Topic != "email" {
		t.Fatalf("Email sent %+v", got)
	}
}

func TestSMSTruncates(t *testing.T) {
	queue.Drain()
	long := strings.Repeat("x", 200)
	if err := SMS(context.Background(), "acme", "+100", long); err != nil {
		t.Fatal(err)
	}
	got := queue.Drain()
	if len(got) != 1 || len(got[0].Payload) != len("+100|")+maxSMS {
		t.Fatalf("SMS sent %+v", got)
	}
}

func TestPage(t *testing.T) {
	queue.Drain()
	p := NewPager(context.Background(), "acme", "sre")
	if err := p.Page("disk full"); err != nil {
		t.Fatal(err)
	}
	// A test helper of the on-call team still uses the factory.
	direct := queue.GetClientFactory().Create(context.Background(), "acme")
	if err := direct.SendLegacy("sre|disk full", "page"); err != nil {
		t.Fatal(err)
	}
	got := queue.Drain()
	if len(got) != 2 || got[0] != got[1] {
		t.Fatalf("Page sent %+v", got)
	}
}
