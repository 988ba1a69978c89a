// Package randutil is the team's thin layer over math/rand: the
// process-wide source, and helpers the services share.
package randutil

import (
	"math/rand"
	"sync"
	"time"
)

var (
	mu   sync.Mutex
	seed int64
)

// Seed seeds the process-wide source and returns the seed, so callers
// can log it to replay a run.
//
// Deprecated: the process-wide source has been seeded randomly since
// Go 1.20, and from Go 1.24 math/rand.Seed does nothing (GODEBUG
// randseednop). Delete the call; where a run must be reproducible, make
// a source with rand.New(rand.NewSource(seed)) and pass it down.
func Seed(s int64) int64 {
	mu.Lock()
	defer mu.Unlock()
	seed = s
	rand.Seed(s)
	return s
}

// Jitter returns d plus or minus up to frac of d, at random.
func Jitter(d time.Duration, frac float64) time.Duration {
	if d <= 0 || frac <= 0 {
		return d
	}
	delta := float64(d) * frac
	return d + time.Duration((rand.Float64()*2-1)*delta)
}

// Pick returns one of items at random, or "" when there are none.
func Pick(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return items[rand.Intn(len(items))]
}
