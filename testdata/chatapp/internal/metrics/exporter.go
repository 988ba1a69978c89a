// Package metrics streams live service counters to the ops dashboard.
package metrics

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"example.com/chatapp/canonical"
)

// DashboardUser is the pseudo-user the ops dashboard subscribes as.
const DashboardUser = "__ops_dashboard__"

// Counters is a set of named monotonic counters.
type Counters struct {
	mu sync.Mutex
	c  map[string]int64
}

// Inc adds one to name.
func (c *Counters) Inc(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.c == nil {
		c.c = map[string]int64{}
	}
	c.c[name]++
}

// Export sends every counter, sorted by name, to the ops dashboard.
func (c *Counters) Export(ctx context.Context) error {
	c.mu.Lock()
	names := make([]string, 0, len(c.c))
	for n := range c.c {
		names = append(names, n)
	}
	sort.Strings(names)
	lines := make([]string, len(names))
	for i, n := range names {
		lines[i] = fmt.Sprintf("%s %d", n, c.c[n])
	}
	c.mu.Unlock()

	m := canonical.NewWebSocketManager(ctx, DashboardUser, canonical.WithBuffer(len(lines)+1))
	defer m.Close()
	for _, l := range lines {
		if err := m.Emit("counter", l); err != nil {
			return err
		}
	}
	return nil
}
