package chat

import (
	"context"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// EventMuted confirms that a room was muted.
const EventMuted = "room_muted"

// Mute silences room for userID for d and confirms on the user's other
// devices. Zero means until unmuted.
func Mute(ctx context.Context, userID, room string, d time.Duration) error {
	until := "until unmuted"
	if d > 0 {
		until = "for " + d.String()
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventMuted, fmt.Sprintf("%s muted %s", room, until))
}
