//go:build !darwin

package notifications

import (
	"context"

	"example.com/chatapp/websocket"
)

// platformPush sends the note as plain "title\nbody" text, which the web
// and Linux clients render themselves.
func platformPush(ctx context.Context, userID string, n Note) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventPush, n.Title+"\n"+n.Body)
}
