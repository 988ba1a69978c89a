package chat

import (
	"context"
	"errors"
	"sort"
	"sync"

	"example.com/chatapp/websocket"
)

// EventRoomMessage carries a message posted to a room.
const EventRoomMessage = "room_message"

type seqKey struct{}

// Room is a group conversation.
type Room struct {
	Name string

	mu      sync.Mutex
	members map[string]bool
	seq     int
}

// NewRoom returns an empty room.
func NewRoom(name string) *Room {
	return &Room{Name: name, members: make(map[string]bool)}
}

// Join adds userID to the room.
func (r *Room) Join(userID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.members[userID] = true
}

// Leave removes userID from the room.
func (r *Room) Leave(userID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.members, userID)
}

// Members returns the members, sorted.
func (r *Room) Members() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.members))
	for u := range r.members {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

// Seq returns the number of deliveries made so far.
func (r *Room) Seq() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seq
}

// Broadcast delivers text from author to every other member. Each
// delivery gets its own sequence number in its context, which the
// per-user managers log with.
func (r *Room) Broadcast(ctx context.Context, author, text string) error {
	nextCtx := func() context.Context {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.seq++
		return context.WithValue(ctx, seqKey{}, r.seq)
	}
	userIDs := r.Members()
	var errs []error
	for i := range userIDs {
		if userIDs[i] == author {
			continue
		}
		m := websocket.GetWebSocketManagerFactory().Create(nextCtx(), userIDs[i])
		errs = append(errs, m.Emit(EventRoomMessage, r.Name+"/"+author+": "+text))
		m.Close()
	}
	return errors.Join(errs...)
}
