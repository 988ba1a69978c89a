package shard

import "testing"

func TestPickOnlyFreeShards(t *testing.T) {
	a := NewAssigner([]Shard{{"s1", 0}, {"s2", 5}}, 3)
	for i := 0; i < 100; i++ {
		if got := a.Pick(); got != "s2" {
			t.Fatalf("Pick = %q, want s2", got)
		}
	}
	a.Rebalance()
	if got := NewAssigner(nil, 0).Pick(); got != "" {
		t.Fatalf("Pick with no shards = %q", got)
	}
}
