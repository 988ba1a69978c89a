package store

import (
	"errors"
	"testing"
	"time"

	"golang.org/x/net/context"
)

func TestPutGet(t *testing.T) {
	ctx := context.Background()
	m := NewMem()
	if err := m.Put(ctx, Paste{ID: "a", Body: "hello"}); err != nil {
		t.Fatal(err)
	}
	p, err := m.Get(ctx, "a")
	if err != nil || p.Body != "hello" {
		t.Fatalf("Get = %+v, %v", p, err)
	}
	if _, err := m.Get(ctx, "b"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(b) = %v, want ErrNotFound", err)
	}
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := NewMem().Put(ctx, Paste{ID: "a"}); err != context.Canceled {
		t.Fatalf("Put on a canceled context = %v", err)
	}
}

func TestExpire(t *testing.T) {
	ctx := context.TODO()
	now := time.Date(2017, 1, 14, 5, 56, 0, 0, time.UTC)
	m := NewMem()
	m.Put(ctx, Paste{ID: "old", Expires: now.Add(-time.Minute)})
	m.Put(ctx, Paste{ID: "new", Expires: now.Add(time.Hour)})
	if n, err := m.Expire(ctx, now); n != 1 || err != nil {
		t.Fatalf("Expire = %d, %v", n, err)
	}
}
