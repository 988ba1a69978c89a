package audit

import (
	"context"
	"testing"

	"example.com/teamfactory/queue"
)

func TestFlushInTenantOrder(t *testing.T) {
	queue.Drain()
	err := Flush(context.Background(), map[string][]string{
		"globex": {"login"},
		"acme":   {"login", "logout"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := queue.Drain()
	if len(got) != 3 || got[0].Tenant != "acme" || got[2].Tenant != "globex" {
		t.Fatalf("Flush sent %+v", got)
	}
}

func TestSink(t *testing.T) {
	queue.Drain()
	send := Sink(context.Background(), "acme")
	if err := send("GET /admin", "audit"); err != nil {
		t.Fatal(err)
	}
	if got := queue.Drain(); len(got) != 1 || got[0].Topic != "audit" {
		t.Fatalf("Sink sent %+v", got)
	}
}
