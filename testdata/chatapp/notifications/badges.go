package notifications

import (
	"context"
	"strconv"

	"example.com/chatapp/websocket"
)

// EventBadge sets the unread badge on the app icon.
const EventBadge = "badge"

// badgeText renders a count the way the icon shows it.
func badgeText(n int) string {
	switch {
	case n <= 0:
		return ""
	case n > 99:
		return "99+"
	default:
		return strconv.Itoa(n)
	}
}

// UpdateBadge sets userID's unread badge to n.
func UpdateBadge(ctx context.Context, userID string, n int) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventBadge, badgeText(n))
}
