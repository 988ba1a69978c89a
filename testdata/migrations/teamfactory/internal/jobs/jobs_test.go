package jobs

import (
	"context"
	"testing"

	"example.com/teamfactory/queue"
)

func TestRegistered(t *testing.T) {
	got := Names()
	if len(got) != 2 || got[0] != "expire-sessions" || got[1] != "rebuild-index" {
		t.Fatalf("Names() = %v", got)
	}
}

func TestRunRebuild(t *testing.T) {
	queue.Drain()
	ok, err := Run(context.Background(), "rebuild-index", "acme", "products")
	if !ok || err != nil {
		t.Fatalf("Run = %v, %v", ok, err)
	}
	if got := queue.Drain(); len(got) != 1 || got[0].Topic != "index.rebuild" {
		t.Fatalf("sent %+v", got)
	}
}
