package agents

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// EventProgress carries the completion percentage of a long tool call.
const EventProgress = "agent_progress"

// ReportProgress sends pct (clamped to 0..100) of a long-running tool to
// userID.
func ReportProgress(ctx context.Context, userID, tool string, pct int) error {
	pct = max(0, min(pct, 100))
	return websocket.GetWebSocketManagerFactory().Create(ctx, userID).Emit(EventProgress, fmt.Sprintf("%s %d%%", tool, pct))
}
