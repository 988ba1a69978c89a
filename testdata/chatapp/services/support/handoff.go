package support

import (
	"context"

	"example.com/chatapp/websocket"
)

// EventHandoff tells the user a human took over from the agent.
const EventHandoff = "human_handoff"

// Handoff assigns ticket t to staff and tells both sides.
func Handoff(ctx context.Context, t Ticket, staff string) error {
	user := websocket.GetWebSocketManagerFactory().Create(ctx, t.UserID)
	defer user.Close()
	if err := user.Emit(EventHandoff, staff+" is now helping you with "+t.Number); err != nil {
		return err
	}
	agent := websocket.GetWebSocketManagerFactory().Create(ctx, staff)
	defer agent.Close()
	return agent.Emit("ticket_assigned", t.Number+": "+t.Subject)
}
