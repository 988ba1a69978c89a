package chat

import (
	"context"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// EventRead tells a message's author that it was read.
const EventRead = "message_read"

// Receipt records that Reader read message MessageID of Author.
type Receipt struct {
	MessageID string
	Author    string
	Reader    string
	At        time.Time
}

// DeliverReceipt sends r to the message's author.
func DeliverReceipt(ctx context.Context, r Receipt) error {
	author := websocket.GetWebSocketManagerFactory().Create(ctx, r.Author)
	defer author.Close()
	return author.Emit(EventRead, fmt.Sprintf("%s read %s at %s", r.Reader, r.MessageID, r.At.UTC().Format(time.RFC3339)))
}
