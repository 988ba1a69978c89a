package admin

import (
	"context"

	"example.com/chatapp/websocket"
)

// EventKicked forces the user's clients to disconnect and show reason.
const EventKicked = "kicked"

// Kick disconnects every session of userID.
func Kick(ctx context.Context, op Operator, userID, reason string) error {
	if err := op.require(Moderator); err != nil {
		return err
	}
	if reason == "" {
		reason = "disconnected by an administrator"
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	if err := m.Emit(EventKicked, reason); err != nil {
		return err
	}
	Audit(ctx, op, "kick", userID)
	return nil
}
