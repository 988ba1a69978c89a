package notifications

import (
	"context"
	"time"

	"example.com/chatapp/websocket"
)

// QuietHours is a daily window, in the user's local time, during which
// notifications are held back.
type QuietHours struct {
	From, To int // hours 0..23; From > To wraps past midnight
	Location *time.Location
}

// Active reports whether t falls inside the quiet window.
func (q QuietHours) Active(t time.Time) bool {
	h := t.In(q.Location).Hour()
	if q.From <= q.To {
		return h >= q.From && h < q.To
	}
	return h >= q.From || h < q.To
}

// NotifyUnlessQuiet sends n now unless the user is in quiet hours. It
// reports whether the note was sent.
func NotifyUnlessQuiet(ctx context.Context, userID string, q QuietHours, now time.Time, n Note) (bool, error) {
	if q.Active(now) {
		return false, nil
	}
	m := websocket.NewWebSocketManager(ctx, userID)
	defer m.Close()
	return true, m.Emit(EventPush, n.Title)
}
