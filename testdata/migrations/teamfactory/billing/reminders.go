package billing

import (
	"context"

	"example.com/teamfactory/platform"
)

// Remind sends a payment reminder for every open invoice.
func Remind(ctx context.Context, open []Invoice) (int, error) {
	c := platform.NewClient(ctx, platform.Tenant(ctx))
	defer c.Close()
	n := 0
	for _, inv := range open {
		if inv.Closed {
			continue
		}
		if err := c.SendLegacy(inv.ID, "reminders"); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
