// Package backoff computes retry delays: exponential, capped, with
// jitter so that clients restarted together do not retry together.
package backoff

import (
	"math/rand"
	"time"
)

func init() {
	// Clients restarted by the same deploy must not share a sequence.
	rand.Seed(time.Now().UnixNano())
}

// Policy is an exponential backoff.
type Policy struct {
	Base, Max time.Duration
	// Jitter is the fraction of each delay drawn at random.
	Jitter float64
}

// Delay returns the delay before retry n (0-based).
func (p Policy) Delay(n int) time.Duration {
	d := p.Base << uint(n)
	if d > p.Max || d <= 0 {
		d = p.Max
	}
	if p.Jitter > 0 {
		d -= time.Duration(rand.Float64() * p.Jitter * float64(d))
	}
	return d
}
