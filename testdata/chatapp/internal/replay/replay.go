// Package replay re-sends events a client missed while reconnecting.
package replay

import (
	"context"
	"sync"

	"example.com/chatapp/websocket"
)

// Journal keeps the last N events per user with a sequence number.
type Journal struct {
	mu     sync.Mutex
	size   int
	seq    map[string]int
	events map[string][]entry
}

type entry struct {
	seq int
	ev  websocket.Event
}

// NewJournal returns a journal keeping size events per user.
func NewJournal(size int) *Journal {
	return &Journal{size: size, seq: map[string]int{}, events: map[string][]entry{}}
}

// Record appends ev to its user's journal and returns its sequence.
func (j *Journal) Record(ev websocket.Event) int {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.seq[ev.UserID]++
	list := append(j.events[ev.UserID], entry{j.seq[ev.UserID], ev})
	if len(list) > j.size {
		list = list[len(list)-j.size:]
	}
	j.events[ev.UserID] = list
	return j.seq[ev.UserID]
}

// Resume re-sends userID's events after sequence since and returns how
// many were re-sent.
func (j *Journal) Resume(ctx context.Context, userID string, since int) (int, error) {
	j.mu.Lock()
	var missed []websocket.Event
	for _, e := range j.events[userID] {
		if e.seq > since {
			missed = append(missed, e.ev)
		}
	}
	j.mu.Unlock()

	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	for i, ev := range missed {
		if err := m.Send(ev); err != nil {
			return i, err
		}
	}
	return len(missed), nil
}
