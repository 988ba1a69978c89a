package onboarding

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// Checklist is the getting-started checklist of one user.
type Checklist struct {
	Done map[string]bool
}

// checklistItems are the items in display order.
var checklistItems = []string{"verify_email", "send_first_message", "try_an_agent", "invite_teammate"}

// Complete marks item done and shows progress to userID.
func (c *Checklist) Complete(ctx context.Context, userID, item string) error {
	if c.Done == nil {
		c.Done = map[string]bool{}
	}
	c.Done[item] = true
	n := 0
	for _, it := range checklistItems {
		if c.Done[it] {
			n++
		}
	}
	m := websocket.NewWebSocketManager(ctx, userID)
	defer m.Close()
	return m.Emit("checklist", fmt.Sprintf("%d/%d", n, len(checklistItems)))
}
