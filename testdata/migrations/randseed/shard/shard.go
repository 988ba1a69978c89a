// Package shard assigns new tenants to shards at random, weighted by
// each shard's free capacity.
package shard

import (
	"log"
	"math/rand"
	"time"

	"example.com/randseed/internal/randutil"
)

// Shard is one database shard.
type Shard struct {
	Name string
	Free int
}

// Assigner picks shards.
type Assigner struct {
	shards []Shard
}

// NewAssigner returns an assigner over shards. When replay is not 0 the
// process-wide source is seeded with it and the seed is logged, so an
// incident's assignments can be reproduced.
func NewAssigner(shards []Shard, replay int64) *Assigner {
	if replay != 0 {
		log.Printf("shard: seeding with %d", randutil.Seed(replay))
	}
	return &Assigner{shards: shards}
}

// Pick returns the name of a shard, drawn with weight Free; "" when no
// shard has room.
func (a *Assigner) Pick() string {
	total := 0
	for _, s := range a.shards {
		total += s.Free
	}
	if total == 0 {
		return ""
	}
	n := rand.Intn(total)
	for _, s := range a.shards {
		if n < s.Free {
			return s.Name
		}
		n -= s.Free
	}
	return ""
}

// Rebalance reseeds before a rebalancing pass: every pass used to start
// from the wall clock.
func (a *Assigner) Rebalance() {
	seed := time.Now().UnixNano()
	randutil.Seed(seed)
}
