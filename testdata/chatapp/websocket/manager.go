package websocket

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

var (
	// ErrClosed is returned by Send after the manager was closed or its
	// context was cancelled.
	ErrClosed = errors.New("websocket: manager closed")
	// ErrNoUser is returned by Send on a manager created for "".
	ErrNoUser = errors.New("websocket: manager has no user")
	// ErrUserMismatch is returned when an event names another user than
	// the manager's. Managers never deliver across users.
	ErrUserMismatch = errors.New("websocket: event addressed to another user")
	// ErrSlowConsumer is returned when a subscriber's buffer was full and
	// the event was dropped for it.
	ErrSlowConsumer = errors.New("websocket: subscriber buffer full, event dropped")
)

// Manager is a per-user event channel. Events sent through it are
// delivered to the subscribers of its user only.
type Manager struct {
	userID string
	hub    *Hub
	buffer int

	mu     sync.Mutex
	stop   func() bool
	subs   []*subscription
	closed bool
}

// NewWebSocketManager returns a manager for userID. The manager is closed
// when ctx is done or when Close is called, whichever comes first.
//
// This is the canonical way to obtain a manager.
func NewWebSocketManager(ctx context.Context, userID string, opts ...Option) *Manager {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	m := &Manager{userID: userID, hub: cfg.hub, buffer: cfg.buffer}
	// If ctx is already done, AfterFunc runs Close right away on another
	// goroutine, so stop is only ever touched under mu.
	stop := context.AfterFunc(ctx, m.Close)
	m.mu.Lock()
	m.stop = stop
	m.mu.Unlock()
	return m
}

// UserID returns the user the manager is bound to.
func (m *Manager) UserID() string { return m.userID }

// Send delivers ev to the subscribers of the manager's user. An empty
// ev.UserID is filled in; a different one is rejected with
// ErrUserMismatch.
func (m *Manager) Send(ev Event) error {
	if m.userID == "" {
		return ErrNoUser
	}
	if ev.UserID == "" {
		ev.UserID = m.userID
	}
	if ev.UserID != m.userID {
		return fmt.Errorf("%w: manager for %q, event for %q", ErrUserMismatch, m.userID, ev.UserID)
	}
	if m.Closed() {
		return ErrClosed
	}
	return m.hub.publish(ev)
}

// Emit is shorthand for Send(Event{Type: typ, Payload: payload}).
func (m *Manager) Emit(typ, payload string) error {
	return m.Send(Event{Type: typ, Payload: payload})
}

// Subscribe opens a subscription to the user's events. The channel is
// closed when the manager is closed.
func (m *Manager) Subscribe() <-chan Event {
	s := newSubscription(m.userID, m.buffer)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		s.close()
		return s.ch
	}
	m.subs = append(m.subs, s)
	m.hub.add(s)
	return s.ch
}

// Listeners returns how many subscriptions, from any manager, are open
// for the manager's user.
func (m *Manager) Listeners() int { return m.hub.Subscribers(m.userID) }

// Closed reports whether the manager has been closed.
func (m *Manager) Closed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.closed
}

// Close closes the manager and the subscriptions it opened. It is safe
// to call more than once.
func (m *Manager) Close() {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return
	}
	m.closed = true
	subs, stop := m.subs, m.stop
	m.subs = nil
	m.mu.Unlock()

	if stop != nil {
		stop()
	}
	for _, s := range subs {
		m.hub.remove(s)
		s.close()
	}
}
