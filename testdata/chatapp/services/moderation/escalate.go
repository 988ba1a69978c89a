package moderation

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// OnCallModerator is the pseudo-user of the moderators' pager channel.
const OnCallModerator = "__mod_oncall__"

// escalateAfter is how many reports against one user page a moderator.
const escalateAfter = 3

// Escalate pages the on-call moderator when offender has at least
// escalateAfter open reports. It reports whether it paged.
func (q *Queue) Escalate(ctx context.Context, offender string) (bool, error) {
	n := 0
	for _, r := range q.Open() {
		if r.Offender == offender {
			n++
		}
	}
	if n < escalateAfter {
		return false, nil
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, OnCallModerator)
	defer m.Close()
	return true, m.Emit("page", fmt.Sprintf("%s has %d open reports", offender, n))
}
