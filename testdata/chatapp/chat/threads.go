package chat

import (
	"context"
	"strconv"

	"example.com/chatapp/websocket"
)

// EventThreadReply tells a thread's starter about a new reply.
const EventThreadReply = "thread_reply"

// Thread is a reply chain under one message.
type Thread struct {
	RootID  string
	Starter string
	Replies []string
}

// Reply appends text to the thread and notifies its starter with the
// new reply count.
func (t *Thread) Reply(ctx context.Context, from, text string) error {
	t.Replies = append(t.Replies, from+": "+text)
	if from == t.Starter {
		return nil
	}
	m := websocket.NewWebSocketManager(ctx, t.Starter)
	defer m.Close()
	return m.Emit(EventThreadReply, t.RootID+"#"+strconv.Itoa(len(t.Replies)))
}
