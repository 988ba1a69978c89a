package agents

import (
	"context"

	"example.com/chatapp/websocket"
)

// EventCancelled tells the UI to stop the spinner of a run the user
// abandoned.
const EventCancelled = "agent_cancelled"

// Cancel notifies userID that the run runID was abandoned.
func Cancel(ctx context.Context, userID, runID string) error {
	m := websocket.NewWebSocketManager(ctx, userID, websocket.WithBuffer(1))
	defer m.Close()
	return m.Emit(EventCancelled, runID)
}
