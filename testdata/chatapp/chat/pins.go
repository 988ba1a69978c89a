package chat

import (
	"context"
	"errors"
	"slices"

	"example.com/chatapp/websocket"
)

// EventPinned tells a user their pinned messages changed.
const EventPinned = "pins_changed"

// MaxPins is how many messages a user may pin.
const MaxPins = 3

// ErrTooManyPins is returned when pinning beyond MaxPins.
var ErrTooManyPins = errors.New("chat: unpin a message first")

// Pin adds messageID to pins (if absent) and sends the new list to the
// user. It returns the updated list.
func Pin(ctx context.Context, userID string, pins []string, messageID string) ([]string, error) {
	if slices.Contains(pins, messageID) {
		return pins, nil
	}
	if len(pins) >= MaxPins {
		return pins, ErrTooManyPins
	}
	pins = append(pins, messageID)
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return pins, m.Emit(EventPinned, joinIDs(pins))
}

func joinIDs(ids []string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ","
		}
		out += id
	}
	return out
}
