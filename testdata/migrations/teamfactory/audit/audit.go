// Package audit writes the audit trail of every tenant to the queue.
package audit

import (
	"context"
	"sort"

	"example.com/teamfactory/queue"
)

// Flush sends each tenant's entries on its "audit" topic, tenants in
// name order. It makes one client per tenant from one factory, which
// the factory's lock made cheap once.
func Flush(ctx context.Context, entries map[string][]string) error {
	tenants := make([]string, 0, len(entries))
	for t := range entries {
		tenants = append(tenants, t)
	}
	sort.Strings(tenants)
	f := queue.GetClientFactory()
	for _, t := range tenants {
		c := f.Create(ctx, t)
		for _, e := range entries[t] {
			if err := c.Send("audit", e); err != nil {
				return err
			}
		}
		c.Close()
	}
	return nil
}

// Sink returns a function that sends one audit entry for tenant: the
// HTTP middleware keeps it per request.
func Sink(ctx context.Context, tenant string) func(payload, topic string) error {
	c := queue.NewClient(ctx, tenant)
	return c.SendLegacy
}
