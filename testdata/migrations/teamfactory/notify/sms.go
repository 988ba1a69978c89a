package notify

import (
	"context"
	"fmt"

	"example.com/teamfactory/queue"
)

// maxSMS is the carrier's limit for one message.
const maxSMS = 160

// SMS queues text for number, truncated to one message.
func SMS(ctx context.Context, tenant, number, text string) error {
	if len(text) > maxSMS {
		text = text[:maxSMS]
	}
	return queue.GetClientFactory().Create(ctx, tenant).SendLegacy(fmt.Sprintf("%s|%s", number, text), "sms")
}

// Pager wraps a client for the on-call pager.
type Pager struct {
	*queue.Client
	Team string
}

// NewPager returns a pager for team.
func NewPager(ctx context.Context, tenant, team string) Pager {
	return Pager{Client: queue.NewClient(ctx, tenant), Team: team}
}

// Page sends msg to the team's pager; SendLegacy is promoted from the
// embedded client.
func (p Pager) Page(msg string) error {
	return p.SendLegacy(p.Team+"|"+msg, "page")
}
