package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"example.com/chatapp/websocket"
)

func TestLoginAndRefresh(t *testing.T) {
	ctx := context.Background()
	Register("auth-unit-zoe", "hunter2")
	if _, err := Login(ctx, "auth-unit-zoe", "hunter3"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	tok, err := Login(ctx, "auth-unit-zoe", "hunter2")
	if err != nil {
		t.Fatal(err)
	}

	tabs := websocket.GetWebSocketManagerFactory().Create(ctx, "auth-unit-zoe")
	defer tabs.Close()
	events := tabs.Subscribe()
	fresh, err := Refresh(ctx, tok, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if ev := <-events; ev.Type != EventTokenRefreshed || ev.Payload != fresh.Value {
		t.Fatalf("got %v", ev)
	}
	if _, err := Refresh(ctx, tok, tok.Expires); !errors.Is(err, ErrExpired) {
		t.Fatalf("refresh at expiry: %v", err)
	}
}

func TestChallengeCodeIsStableWithinWindow(t *testing.T) {
	secret := []byte("k")
	t0 := time.Unix(1_700_000_010, 0)
	a := ChallengeCode(secret, "u", t0)
	b := ChallengeCode(secret, "u", t0.Add(15*time.Second))
	c := ChallengeCode(secret, "u", t0.Add(45*time.Second))
	if a != b || len(a) != 6 {
		t.Fatalf("codes in one window differ: %s %s", a, b)
	}
	if a == c {
		t.Logf("next window collided (1 in a million): %s", c)
	}
}
