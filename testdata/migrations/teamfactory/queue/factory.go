package queue

import (
	"context"
	"sync"
)

// ClientFactory made clients before NewClient existed.
//
// Deprecated: call NewClient directly (PLAT-2291).
type ClientFactory struct {
	mu      sync.Mutex
	created int
}

var sharedFactory = &ClientFactory{}

// GetClientFactory returns the process-wide factory.
//
// Deprecated: call NewClient directly (PLAT-2291). The shared factory
// hid a global lock on every client construction.
func GetClientFactory() *ClientFactory { return sharedFactory }

// Create returns a client for tenant.
func (f *ClientFactory) Create(ctx context.Context, tenant string) *Client {
	f.mu.Lock()
	f.created++
	f.mu.Unlock()
	return NewClient(ctx, tenant)
}
