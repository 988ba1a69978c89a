// Package billing issues invoices and announces them on the queue.
package billing

import (
	"context"
	"fmt"

	"example.com/teamfactory/platform"
)

// Invoice is one bill for one tenant.
type Invoice struct {
	ID     string
	Cents  int64
	Closed bool
}

// Issue announces inv on the tenant's "invoices" topic.
func Issue(ctx context.Context, inv Invoice) error {
	c := platform.GetClientFactory().Create(ctx, platform.Tenant(ctx))
	defer c.Close()
	return c.SendLegacy(fmt.Sprintf("%s:%d", inv.ID, inv.Cents), "invoices")
}

// Void announces that inv was cancelled.
func Void(ctx context.Context, inv Invoice) error {
	c := platform.GetClientFactory().Create(ctx, platform.Tenant(ctx))
	defer c.Close()
	return c.SendLegacy(inv.ID, "invoices.void")
}
