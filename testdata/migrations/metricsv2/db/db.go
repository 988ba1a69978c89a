// Package db wraps the shop's queries with a counter per operation.
package db

import (
	"errors"
	"sync"

	"example.com/metricsv2/metrics"
)

// ErrNoRow is returned when a key has no row.
var ErrNoRow = errors.New("db: no row")

var queries = metrics.NewCounterVec(metrics.SubsystemDB, "queries_total", "Queries by operation and outcome.", "op", "outcome")

func init() {
	if err := metrics.DefaultRegistry.Register(queries); err != nil {
		panic(err)
	}
}

// KV is a key-value table (in memory here).
type KV struct {
	mu   sync.Mutex
	rows map[string]string
}

// NewKV returns an empty table.
func NewKV() *KV { return &KV{rows: map[string]string{}} }

// Get returns key's value.
func (kv *KV) Get(key string) (string, error) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	v, ok := kv.rows[key]
	if !ok {
		queries.Inc("get", "miss")
		return "", ErrNoRow
	}
	queries.Inc("get", "hit")
	return v, nil
}

// Put sets key's value.
func (kv *KV) Put(key, value string) {
	kv.mu.Lock()
	defer kv.mu.Unlock()
	kv.rows[key] = value
	queries.Inc("put", "ok")
}
