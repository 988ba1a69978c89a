package websocket

import (
	"sort"
	"sync"
)

// Hub routes events to the subscriptions of their user. All managers
// share the default hub unless created WithHub.
type Hub struct {
	mu   sync.RWMutex
	subs map[string]map[*subscription]struct{}
}

var defaultHub = NewHub()

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{subs: make(map[string]map[*subscription]struct{})}
}

// Subscribers returns the number of open subscriptions for userID.
func (h *Hub) Subscribers(userID string) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.subs[userID])
}

// Users returns the users with at least one open subscription, sorted.
func (h *Hub) Users() []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	users := make([]string, 0, len(h.subs))
	for u := range h.subs {
		users = append(users, u)
	}
	sort.Strings(users)
	return users
}

func (h *Hub) add(s *subscription) {
	h.mu.Lock()
	defer h.mu.Unlock()
	set := h.subs[s.userID]
	if set == nil {
		set = make(map[*subscription]struct{})
		h.subs[s.userID] = set
	}
	set[s] = struct{}{}
}

func (h *Hub) remove(s *subscription) {
	h.mu.Lock()
	defer h.mu.Unlock()
	set := h.subs[s.userID]
	delete(set, s)
	if len(set) == 0 {
		delete(h.subs, s.userID)
	}
}

// publish delivers ev to every subscription of ev.UserID. It never
// blocks: a full subscription loses the event and publish reports
// ErrSlowConsumer after delivering to the others.
func (h *Hub) publish(ev Event) error {
	h.mu.RLock()
	targets := make([]*subscription, 0, len(h.subs[ev.UserID]))
	for s := range h.subs[ev.UserID] {
		targets = append(targets, s)
	}
	h.mu.RUnlock()

	var err error
	for _, s := range targets {
		if !s.deliver(ev) {
			err = ErrSlowConsumer
		}
	}
	return err
}

type subscription struct {
	userID string
	mu     sync.Mutex
	ch     chan Event
	closed bool
}

func newSubscription(userID string, buffer int) *subscription {
	return &subscription{userID: userID, ch: make(chan Event, buffer)}
}

func (s *subscription) deliver(ev Event) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return true // closed concurrently; nothing to deliver to
	}
	select {
	case s.ch <- ev:
		return true
	default:
		return false
	}
}

func (s *subscription) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.ch)
	}
}
