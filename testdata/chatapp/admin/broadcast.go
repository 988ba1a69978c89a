package admin

import (
	"context"
	"fmt"

	"example.com/chatapp/canonical"
)

// EventBroadcast is a banner shown to every recipient.
const EventBroadcast = "admin_broadcast"

// Broadcast shows text to each of users and returns how many had an
// open connection at the time.
func Broadcast(ctx context.Context, op Operator, users []string, text string) (int, error) {
	if err := op.require(Moderator); err != nil {
		return 0, err
	}
	reached := 0
	for _, u := range users {
		m := canonical.GetWebSocketManagerFactory().Create(ctx, u)
		if m.Listeners() > 0 {
			reached++
		}
		err := m.Emit(EventBroadcast, text)
		m.Close()
		if err != nil {
			return reached, fmt.Errorf("admin: broadcast to %s: %w", u, err)
		}
	}
	Audit(ctx, op, "broadcast", fmt.Sprintf("%d users", len(users)))
	return reached, nil
}
