package chat

import (
	"context"
	"fmt"
	"unicode/utf8"

	"example.com/chatapp/websocket"
)

// EventReaction tells a message's author someone reacted to it.
const EventReaction = "reaction"

// React records an emoji reaction by reactor on author's message.
func React(ctx context.Context, author, reactor, messageID, emoji string) error {
	if utf8.RuneCountInString(emoji) != 1 {
		return fmt.Errorf("chat: reaction must be a single emoji, got %q", emoji)
	}
	return websocket.GetWebSocketManagerFactory().Create(ctx, author).Emit(EventReaction, reactor+" "+emoji+" "+messageID)
}
