// Package diagnostics checks the event path end to end for on-call.
package diagnostics

import (
	"context"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// Probe sends n numbered events to a private subscription of userID and
// reports how many came back, in order, before ctx ended.
func Probe(ctx context.Context, userID string, n int) (int, error) {
	m := websocket.NewWebSocketManager(ctx, userID, websocket.WithBuffer(n))
	defer m.Close()
	sub := m.Subscribe()
	for i := 0; i < n; i++ {
		if err := m.Emit("probe", fmt.Sprint(i)); err != nil {
			return 0, err
		}
	}
	got := 0
	for got < n {
		select {
		case ev := <-sub:
			if ev.Payload != fmt.Sprint(got) {
				return got, fmt.Errorf("diagnostics: event %d out of order: %s", got, ev)
			}
			got++
		case <-ctx.Done():
			return got, ctx.Err()
		}
	}
	return got, nil
}

// ProbeWithin runs Probe with a deadline.
func ProbeWithin(userID string, n int, d time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return Probe(ctx, userID, n)
}
