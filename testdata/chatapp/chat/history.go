package chat

import (
	"context"
	"sync"

	"example.com/chatapp/websocket"
)

// EventHistory replays one stored message to a reconnecting client.
const EventHistory = "history"

// Entry is one stored chat message.
type Entry struct {
	Role string // "user" or "assistant"
	Text string
}

// History keeps the most recent messages of each user in memory.
type History struct {
	mu     sync.Mutex
	limit  int
	byUser map[string][]Entry
}

// Histories is the process-wide history store.
var Histories = NewHistory(50)

// NewHistory returns a store keeping at most limit entries per user.
func NewHistory(limit int) *History {
	return &History{limit: limit, byUser: make(map[string][]Entry)}
}

// Append stores a message for userID, evicting the oldest beyond limit.
func (h *History) Append(userID, role, text string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	list := append(h.byUser[userID], Entry{Role: role, Text: text})
	if len(list) > h.limit {
		list = list[len(list)-h.limit:]
	}
	h.byUser[userID] = list
}

// Recent returns up to n of the user's latest entries, oldest first.
func (h *History) Recent(userID string, n int) []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	list := h.byUser[userID]
	if n < len(list) {
		list = list[len(list)-n:]
	}
	return append([]Entry(nil), list...)
}

// Replay sends the user's latest n entries to their connections, for a
// client that reconnected and lost its scrollback.
func (h *History) Replay(ctx context.Context, userID string, n int) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	for _, e := range h.Recent(userID, n) {
		if err := m.Emit(EventHistory, e.Role+": "+e.Text); err != nil {
			return err
		}
	}
	return nil
}
