package notifications

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// platformPush formats the note the way the macOS desktop client's
// notification center bridge expects (APNs-style alert JSON).
func platformPush(ctx context.Context, userID string, n Note) error {
	alert := fmt.Sprintf(`{"aps":{"alert":{"title":%q,"body":%q}},"link":%q}`, n.Title, n.Body, n.Link)
	return websocket.GetWebSocketManagerFactory().Create(ctx, userID).Emit(EventPush, alert)
}
