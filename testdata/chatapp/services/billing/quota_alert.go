// Package billing meters usage and warns users about their plan limits.
package billing

import (
	"context"
	"fmt"

	"example.com/chatapp/canonical"
)

// EventQuota warns a user that they are close to their message quota.
const EventQuota = "quota_warning"

// thresholds are the usage percentages that trigger a warning.
var thresholds = []int{80, 95, 100}

// CheckQuota warns userID when used/limit crosses a threshold that prev
// (the previous usage) had not crossed. It returns the threshold crossed,
// or 0.
func CheckQuota(ctx context.Context, userID string, prev, used, limit int) (int, error) {
	if limit <= 0 {
		return 0, nil
	}
	crossed := 0
	for _, t := range thresholds {
		if prev*100 < t*limit && used*100 >= t*limit {
			crossed = t
		}
	}
	if crossed == 0 {
		return 0, nil
	}
	m := canonical.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return crossed, m.Emit(EventQuota, fmt.Sprintf("%d%% of %d messages used", crossed, limit))
}
