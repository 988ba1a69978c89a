package chat

import (
	"context"

	"example.com/chatapp/websocket"
)

// EventTyping tells a user that someone in the conversation is typing.
const EventTyping = "typing"

// NotifyTyping tells recipient that author is typing. Users never see
// their own typing indicator.
func NotifyTyping(ctx context.Context, author, recipient string) error {
	if author == recipient {
		return nil
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, recipient)
	defer m.Close()
	return m.Emit(EventTyping, author)
}
