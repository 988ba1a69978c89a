package worker

import (
	"testing"
	"time"

	"golang.org/x/net/context"

	"example.com/xnetcontext/store"
)

func TestExpireStopsOnCancel(t *testing.T) {
	m := store.NewMem()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Expire(ctx, m, time.Millisecond, time.Now) }()
	time.Sleep(5 * time.Millisecond)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Expire after cancel = %v, want nil", err)
	}
}

func TestExpireDeadline(t *testing.T) {
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(5*time.Millisecond))
	defer cancel()
	if err := Expire(ctx, store.NewMem(), time.Millisecond, time.Now); err != context.DeadlineExceeded {
		t.Fatalf("Expire past its deadline = %v", err)
	}
}
