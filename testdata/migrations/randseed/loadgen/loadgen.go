// Package loadgen generates synthetic traffic against a staging
// service: a mix of request kinds drawn at random.
package loadgen

import (
	"math/rand"

	"example.com/randseed/internal/randutil"
)

// Config configures a generator.
type Config struct {
	// Seed, when not 0, seeds the process-wide source so that a run can
	// be replayed.
	Seed  int64
	Kinds []string
}

// Generator draws request kinds.
type Generator struct {
	kinds []string
}

// New returns a generator for cfg.
func New(cfg Config) *Generator {
	if cfg.Seed != 0 {
		rand.Seed(cfg.Seed)
	}
	return &Generator{kinds: cfg.Kinds}
}

// Next returns the next request kind.
func (g *Generator) Next() string { return randutil.Pick(g.kinds) }

// Batch returns n request kinds.
func (g *Generator) Batch(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

// Shuffled returns kinds in a random order (a warm-up pass touches
// each kind once).
func (g *Generator) Shuffled() []string {
	out := append([]string(nil), g.kinds...)
	rand.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
