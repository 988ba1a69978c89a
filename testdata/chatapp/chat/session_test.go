package chat

import (
	"context"
	"errors"
	"strings"
	"testing"

	"example.com/chatapp/websocket"
)

func TestOpenSessionRequiresUser(t *testing.T) {
	if _, err := OpenSession(context.Background(), ""); !errors.Is(err, ErrAnonymous) {
		t.Fatalf("err = %v, want ErrAnonymous", err)
	}
}

func TestSessionReceivesEventsSentToItsUser(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSession(ctx, "chat-unit-erin")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	other := websocket.GetWebSocketManagerFactory().Create(ctx, "chat-unit-erin")
	defer other.Close()
	if err := other.Emit(EventTyping, "frank"); err != nil {
		t.Fatal(err)
	}
	got := s.Pending()
	if len(got) != 1 || got[0].Type != EventTyping || got[0].Payload != "frank" {
		t.Fatalf("Pending = %v", got)
	}
	if !strings.HasPrefix(s.ID, "chat-unit-erin-") {
		t.Errorf("session ID %q does not name its user", s.ID)
	}
}

func TestSendRejectsBadMessages(t *testing.T) {
	ctx := context.Background()
	s, err := OpenSession(ctx, "chat-unit-gina")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Send(ctx, "   "); !errors.Is(err, ErrEmptyMessage) {
		t.Errorf("blank: err = %v", err)
	}
	if _, err := s.Send(ctx, strings.Repeat("x", MaxMessageLen+1)); !errors.Is(err, ErrMessageTooLong) {
		t.Errorf("long: err = %v", err)
	}
	if n := len(s.Pending()); n != 0 {
		t.Errorf("rejected messages produced %d events", n)
	}
}

func TestHistoryReplay(t *testing.T) {
	ctx := context.Background()
	h := NewHistory(2)
	h.Append("chat-unit-hal", "user", "one")
	h.Append("chat-unit-hal", "assistant", "two")
	h.Append("chat-unit-hal", "user", "three")

	sub := websocket.GetWebSocketManagerFactory().Create(ctx, "chat-unit-hal")
	defer sub.Close()
	events := sub.Subscribe()
	if err := h.Replay(ctx, "chat-unit-hal", 10); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"assistant: two", "user: three"} {
		if ev := <-events; ev.Type != EventHistory || ev.Payload != want {
			t.Fatalf("got %v, want history %q", ev, want)
		}
	}
}
