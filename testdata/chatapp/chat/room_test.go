package chat_test

import (
	"context"
	"testing"

	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

func TestRoomBroadcastSkipsAuthor(t *testing.T) {
	ctx := context.Background()
	room := chat.NewRoom("ops")
	members := []string{"room-ivy", "room-jack", "room-kim"}
	subs := map[string]<-chan websocket.Event{}
	for _, u := range members {
		room.Join(u)
		m := websocket.GetWebSocketManagerFactory().Create(ctx, u)
		defer m.Close()
		subs[u] = m.Subscribe()
	}

	if err := room.Broadcast(ctx, "room-ivy", "deploy done"); err != nil {
		t.Fatal(err)
	}
	if room.Seq() != 2 {
		t.Errorf("Seq = %d, want 2 deliveries", room.Seq())
	}
	for _, u := range []string{"room-jack", "room-kim"} {
		ev := <-subs[u]
		if ev.Type != chat.EventRoomMessage || ev.Payload != "ops/room-ivy: deploy done" {
			t.Errorf("%s got %v", u, ev)
		}
	}
	select {
	case ev := <-subs["room-ivy"]:
		t.Errorf("author got own message %v", ev)
	default:
	}
}

func TestPinLimit(t *testing.T) {
	ctx := context.Background()
	var pins []string
	var err error
	for _, id := range []string{"m1", "m2", "m2", "m3"} {
		if pins, err = chat.Pin(ctx, "room-lee", pins, id); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chat.Pin(ctx, "room-lee", pins, "m4"); err != chat.ErrTooManyPins {
		t.Fatalf("fourth pin: err = %v", err)
	}
}
