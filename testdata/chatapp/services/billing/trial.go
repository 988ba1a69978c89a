package billing

import (
	"context"
	"fmt"
	"math"
	"time"

	"example.com/chatapp/websocket"
)

// EventTrialEnding reminds a user when their trial ends.
const EventTrialEnding = "trial_ending"

// RemindTrial tells userID how many days of trial are left, on the days
// the product team chose (7, 3 and 1). It reports whether it sent one.
func RemindTrial(ctx context.Context, userID string, ends, now time.Time) (bool, error) {
	days := int(math.Ceil(ends.Sub(now).Hours() / 24))
	if days != 7 && days != 3 && days != 1 {
		return false, nil
	}
	m := websocket.NewWebSocketManager(ctx, userID)
	defer m.Close()
	return true, m.Emit(EventTrialEnding, fmt.Sprintf("%d day(s) left", days))
}
