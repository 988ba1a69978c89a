package export

import (
	"context"
	"time"

	"example.com/chatapp/websocket"
)

// EventErasureScheduled confirms a right-to-erasure request.
const EventErasureScheduled = "erasure_scheduled"

// ErasureDelay is the grace period before an account is erased, during
// which the user may cancel.
const ErasureDelay = 30 * 24 * time.Hour

// RequestErasure schedules the erasure of userID's data and confirms the
// date to the user. It returns the scheduled time.
func RequestErasure(ctx context.Context, userID string, now time.Time) (time.Time, error) {
	at := now.Add(ErasureDelay).UTC().Truncate(24 * time.Hour)
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return at, m.Emit(EventErasureScheduled, at.Format("2006-01-02"))
}
