// Package sampler picks which traces to keep. It is what the rest of
// the module should look like: a run that must be reproducible owns its
// source (rand.New) instead of seeding the process-wide one.
package sampler

import "math/rand"

// Sampler keeps each trace with probability Rate.
type Sampler struct {
	Rate float64
	rng  *rand.Rand
}

// New returns a sampler whose decisions are a function of seed.
func New(rate float64, seed int64) *Sampler {
	return &Sampler{Rate: rate, rng: rand.New(rand.NewSource(seed))}
}

// Keep reports whether to keep the next trace.
func (s *Sampler) Keep() bool { return s.rng.Float64() < s.Rate }
