package admin

import (
	"context"
	"sync"
	"time"

	"example.com/chatapp/websocket"
)

// EventBanned tells a user they are banned and until when.
const EventBanned = "banned"

var (
	bansMu sync.Mutex
	bans   = map[string]time.Time{}
)

// Ban bans userID until the given time and disconnects them.
func Ban(ctx context.Context, op Operator, userID string, until time.Time) error {
	if err := op.require(Moderator); err != nil {
		return err
	}
	bansMu.Lock()
	bans[userID] = until
	bansMu.Unlock()
	if err := websocket.GetWebSocketManagerFactory().Create(ctx, userID).Emit(EventBanned, until.UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	Audit(ctx, op, "ban", userID)
	return nil
}

// Banned reports whether userID is banned at t.
func Banned(userID string, t time.Time) bool {
	bansMu.Lock()
	defer bansMu.Unlock()
	until, ok := bans[userID]
	return ok && t.Before(until)
}
