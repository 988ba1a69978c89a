package support

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// AskSatisfaction asks the user to rate a closed ticket, and tells the
// staff member that the survey went out.
func AskSatisfaction(ctx context.Context, t Ticket, staff string) error {
	user := websocket.GetWebSocketManagerFactory().Create(ctx, t.UserID)
	defer user.Close()
	if err := user.Emit("csat_survey", fmt.Sprintf("How did %s do on %s? (1-5)", staff, t.Number)); err != nil {
		return err
	}
	return websocket.GetWebSocketManagerFactory().Create(ctx, staff).Emit("csat_sent", t.Number)
}
