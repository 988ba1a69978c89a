// Package ratelimit limits how many messages a user may send per window.
package ratelimit

import (
	"sync"
	"time"
)

// Limiter is a fixed-window counter per user.
type Limiter struct {
	Limit  int
	Window time.Duration

	mu     sync.Mutex
	counts map[string]int
	start  map[string]time.Time
}

// New returns a limiter allowing limit events per window.
func New(limit int, window time.Duration) *Limiter {
	return &Limiter{Limit: limit, Window: window, counts: map[string]int{}, start: map[string]time.Time{}}
}

// Allow records one event of userID at now and reports whether it is
// within the limit, plus when the current window resets.
func (l *Limiter) Allow(userID string, now time.Time) (bool, time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s, ok := l.start[userID]; !ok || now.Sub(s) >= l.Window {
		l.start[userID] = now
		l.counts[userID] = 0
	}
	l.counts[userID]++
	return l.counts[userID] <= l.Limit, l.start[userID].Add(l.Window)
}
