package analytics

import (
	"context"
	"fmt"
	"sort"
	"time"

	"example.com/chatapp/websocket"
)

// MedianSession returns the median of the session lengths, or 0.
func MedianSession(lengths []time.Duration) time.Duration {
	if len(lengths) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), lengths...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// PushSessionStats shows the median session length to owner.
func PushSessionStats(ctx context.Context, owner string, lengths []time.Duration) error {
	m := websocket.NewWebSocketManager(ctx, owner)
	defer m.Close()
	return m.Emit("session_median", fmt.Sprintf("%s over %d sessions", MedianSession(lengths).Round(time.Second), len(lengths)))
}
