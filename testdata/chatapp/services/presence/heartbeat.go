// Package presence tracks who is online and tells contacts about it.
package presence

import (
	"context"
	"sync"
	"time"

	ws "example.com/chatapp/websocket"
)

// EventHeartbeatAck answers a client heartbeat with the server time, so
// the client can measure its clock skew.
const EventHeartbeatAck = "heartbeat_ack"

// Tracker remembers the last heartbeat of each user.
type Tracker struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

// NewTracker returns an empty tracker.
func NewTracker() *Tracker { return &Tracker{seen: make(map[string]time.Time)} }

// Heartbeat records that u is alive at now and acknowledges it.
func (t *Tracker) Heartbeat(ctx context.Context, u string, now time.Time) error {
	t.mu.Lock()
	t.seen[u] = now
	t.mu.Unlock()

	m := ws.GetWebSocketManagerFactory().Create(ctx, u)
	defer m.Close()
	return m.Emit(EventHeartbeatAck, now.UTC().Format(time.RFC3339Nano))
}

// Online reports whether u sent a heartbeat within ttl before now.
func (t *Tracker) Online(u string, now time.Time, ttl time.Duration) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	last, ok := t.seen[u]
	return ok && now.Sub(last) <= ttl
}
