package notifications

import (
	"context"

	"example.com/chatapp/websocket"
)

// NotifyReply tells the author of a message that someone replied, using
// the "reply" template. Replies to oneself are not notified.
func NotifyReply(ctx context.Context, author, replier, room string) error {
	if author == replier {
		return nil
	}
	title, err := Render("reply", replier, room)
	if err != nil {
		return err
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, author)
	defer m.Close()
	return m.Emit(EventPush, title)
}
