package db

import (
	"errors"
	"testing"

	"example.com/metricsv2/metrics"
)

func TestCountsOutcomes(t *testing.T) {
	kv := NewKV()
	kv.Put("a", "1")
	if _, err := kv.Get("a"); err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Get("b"); !errors.Is(err, ErrNoRow) {
		t.Fatalf("Get(b) = %v", err)
	}
	for _, tc := range []struct {
		op, outcome string
	}{{"put", "ok"}, {"get", "hit"}, {"get", "miss"}} {
		if got := queries.Value(tc.op, tc.outcome); got != 1 {
			t.Errorf("queries{%s,%s} = %v, want 1", tc.op, tc.outcome, got)
		}
	}
}

// TestOwnRegistry registers a second table's counter in a registry of
// its own, the way the migration tool's dry runs do.
func TestOwnRegistry(t *testing.T) {
	r := metrics.NewRegistry()
	c := metrics.NewCounterVec(metrics.SubsystemDB, "queries_total", "", "op")
	if err := r.Register(c); err != nil {
		t.Fatal(err)
	}
	if err := metrics.DefaultRegistry.Register(c); err == nil {
		t.Fatal("db_queries_total registered twice in the default registry")
	}
}
