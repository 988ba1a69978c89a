package ratelimit

import (
	"context"
	"time"

	"example.com/chatapp/canonical"
)

// EventSlowDown tells a user they hit the rate limit and when to retry.
const EventSlowDown = "slow_down"

// Guard checks the limiter and, when userID is over the limit, tells the
// user when they may send again. It reports whether the event is allowed.
func Guard(ctx context.Context, l *Limiter, userID string, now time.Time) (bool, error) {
	ok, reset := l.Allow(userID, now)
	if ok {
		return true, nil
	}
	m := canonical.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return false, m.Emit(EventSlowDown, "retry in "+reset.Sub(now).Round(time.Second).String())
}
