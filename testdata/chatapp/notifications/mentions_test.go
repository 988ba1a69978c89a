package notifications

import (
	"context"
	"slices"
	"testing"

	"example.com/chatapp/websocket"
)

func TestMentions(t *testing.T) {
	got := Mentions("hey @sam and @tia, also @sam again; mail a@b.c")
	if want := []string{"sam", "tia"}; !slices.Equal(got, want) {
		t.Fatalf("Mentions = %v, want %v", got, want)
	}
}

func TestNotifyMentionsSkipsAuthor(t *testing.T) {
	ctx := context.Background()
	sam := websocket.GetWebSocketManagerFactory().Create(ctx, "sam")
	defer sam.Close()
	samEvents := sam.Subscribe()
	uma := websocket.GetWebSocketManagerFactory().Create(ctx, "uma")
	defer uma.Close()
	umaEvents := uma.Subscribe()

	if err := NotifyMentions(ctx, "uma", "design", "@sam @uma review please"); err != nil {
		t.Fatal(err)
	}
	if ev := <-samEvents; ev.Type != EventMention || ev.Payload != "uma in design: @sam @uma review please" {
		t.Errorf("sam got %v", ev)
	}
	select {
	case ev := <-umaEvents:
		t.Errorf("author notified of own mention: %v", ev)
	default:
	}
}

func TestBadgeText(t *testing.T) {
	for n, want := range map[int]string{0: "", 7: "7", 99: "99", 250: "99+"} {
		if got := badgeText(n); got != want {
			t.Errorf("badgeText(%d) = %q, want %q", n, got, want)
		}
	}
}
