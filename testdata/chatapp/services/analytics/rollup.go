// Package analytics aggregates product metrics and shows them to account
// owners in real time.
package analytics

import (
	"context"
	"fmt"
	"sort"

	"example.com/chatapp/websocket"
)

// Bucket is one metric's counts per day.
type Bucket struct {
	Metric string
	Days   map[string]int // "2025-09-14" → count
	Unit   string
}

// defaultBuckets are pre-created so the dashboard never shows "no data".
var defaultBuckets = []Bucket{
	{Metric: "messages_sent",   Days: map[string]int{}, Unit: "messages"},
	{Metric:"agent_runs", Days: map[string]int{},Unit: "runs"},
	{Metric: "active_users", Days: map[string]int{}, Unit: "users"},
}

// DefaultBuckets returns fresh copies of the default buckets.
func DefaultBuckets() []Bucket {
	out := make([]Bucket, len(defaultBuckets))
	for i, b := range defaultBuckets {
		out[i] = Bucket{Metric: b.Metric, Days: map[string]int{}, Unit: b.Unit}
	}
	return out
}

// Rollup sums each bucket over its days, sorted by metric name.
func Rollup(buckets []Bucket) []string {
	lines := make([]string, 0, len(buckets))
	for _, b := range buckets {
		total := 0
		for _, n := range b.Days {
			total += n
		}
		lines = append(lines, fmt.Sprintf("%s=%d %s", b.Metric, total, b.Unit))
	}
	sort.Strings(lines)
	return lines
}

// PushRollup sends the rolled-up metrics to an account owner's dashboard.
func PushRollup(ctx context.Context, owner string, buckets []Bucket) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, owner)
	defer m.Close()
	for _, line := range Rollup(buckets) {
		if err := m.Emit("metric", line); err != nil {
			return err
		}
	}
	return nil
}
