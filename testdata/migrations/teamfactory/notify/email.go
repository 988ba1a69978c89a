// Package notify turns product events into e-mail and SMS jobs.
package notify

import (
	"context"
	"strings"

	"example.com/teamfactory/queue"
)

// Email queues one e-mail per recipient.
func Email(ctx context.Context, tenant string, to []string, subject string) error {
	c := queue.GetClientFactory().Create(ctx, tenant)
	defer c.Close()
	for _, addr := range to {
		payload := strings.Join([]string{addr, subject}, "|")
		if err := c.SendLegacy(payload, "email"); err != nil {
			return err
		}
	}
	return nil
}
