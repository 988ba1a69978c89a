package billing

import (
	"context"
	"strconv"
	"sync"

	"example.com/chatapp/websocket"
)

// EventUsage updates the usage meter in the account page.
const EventUsage = "usage"

// Meter counts billable messages per user.
type Meter struct {
	mu     sync.Mutex
	counts map[string]int
}

// NewMeter returns an empty meter.
func NewMeter() *Meter { return &Meter{counts: make(map[string]int)} }

// Record adds n messages for userID and pushes the new total to the
// user's account page. It returns the previous and new totals.
func (mt *Meter) Record(ctx context.Context, userID string, n int) (prev, now int, err error) {
	mt.mu.Lock()
	prev = mt.counts[userID]
	mt.counts[userID] = prev + n
	now = prev + n
	mt.mu.Unlock()

	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return prev, now, m.Emit(EventUsage, strconv.Itoa(now))
}
