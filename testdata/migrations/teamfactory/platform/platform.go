// Package platform is the facade product teams import instead of the
// platform team's packages: one import for the queue, the tenant
// context and the defaults.
package platform

import (
	"context"

	"example.com/teamfactory/queue"
)

// Client is the queue client.
type Client = queue.Client

// NewClient returns a queue client for tenant.
var NewClient = queue.NewClient

// GetClientFactory is kept for the teams that have not moved yet.
var GetClientFactory = queue.GetClientFactory

type tenantKey struct{}

// WithTenant returns a context carrying tenant.
func WithTenant(ctx context.Context, tenant string) context.Context {
	return context.WithValue(ctx, tenantKey{}, tenant)
}

// Tenant returns the tenant ctx carries, or "default".
func Tenant(ctx context.Context) string {
	if t, ok := ctx.Value(tenantKey{}).(string); ok {
		return t
	}
	return "default"
}
