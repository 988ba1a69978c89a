package store

import (
	"sync"
	"time"

	"golang.org/x/net/context"
)

// Mem is a Store in memory.
type Mem struct {
	mu     sync.Mutex
	pastes map[string]Paste
}

// NewMem returns an empty Mem.
func NewMem() *Mem { return &Mem{pastes: map[string]Paste{}} }

// Get returns the paste id.
func (m *Mem) Get(ctx context.Context, id string) (Paste, error) {
	if err := ctx.Err(); err != nil {
		return Paste{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.pastes[id]
	if !ok {
		return Paste{}, ErrNotFound
	}
	return p, nil
}

// Put stores p, replacing any paste with its ID.
func (m *Mem) Put(ctx context.Context, p Paste) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pastes[p.ID] = p
	return nil
}

// Expire deletes every paste whose expiry is not after now.
func (m *Mem) Expire(ctx context.Context, now time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for id, p := range m.pastes {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		if !p.Expires.After(now) {
			delete(m.pastes, id)
			n++
		}
	}
	return n, nil
}
