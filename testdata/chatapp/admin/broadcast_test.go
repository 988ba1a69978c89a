package admin_test

import (
	"context"
	"errors"
	"testing"

	"example.com/chatapp/admin"
	"example.com/chatapp/websocket"
)

func TestBroadcastNeedsModerator(t *testing.T) {
	_, err := admin.Broadcast(context.Background(), admin.Operator{Name: "intern"}, []string{"x"}, "hi")
	if !errors.Is(err, admin.ErrForbidden) {
		t.Fatalf("err = %v, want ErrForbidden", err)
	}
}

func TestBroadcastCountsOnlineUsers(t *testing.T) {
	ctx := context.Background()
	online := websocket.GetWebSocketManagerFactory().Create(ctx, "admin-ext-vic")
	defer online.Close()
	banners := online.Subscribe()

	op := admin.Operator{Name: "wes", Role: admin.Moderator}
	reached, err := admin.Broadcast(ctx, op, []string{"admin-ext-vic", "admin-ext-offline"}, "v2 is live")
	if err != nil {
		t.Fatal(err)
	}
	if reached != 1 {
		t.Errorf("reached = %d, want 1", reached)
	}
	if ev := <-banners; ev.Type != admin.EventBroadcast || ev.Payload != "v2 is live" {
		t.Errorf("banner = %v", ev)
	}
	log := admin.AuditLog()
	if len(log) == 0 || log[len(log)-1].Action != "broadcast" {
		t.Errorf("broadcast not audited: %v", log)
	}
}

func TestLegacyBridgeIsNotTheChatFactory(t *testing.T) {
	b := admin.DialLegacy(context.Background(), "acme")
	defer b.Close()
	if err := b.Forward(admin.Operator{Name: "wes"}, "hello partners"); err != nil {
		t.Fatal(err)
	}
}
