package chat

import (
	"context"
	"sync"

	"example.com/chatapp/websocket"
)

// EventDraft syncs an unsent draft to the user's other devices.
const EventDraft = "draft"

// Drafts holds the unsent text of each user per room.
type Drafts struct {
	mu   sync.Mutex
	text map[[2]string]string
}

// Save stores the draft and mirrors it to the user's other devices. An
// unchanged draft is not re-sent.
func (d *Drafts) Save(ctx context.Context, userID, room, text string) error {
	key := [2]string{userID, room}
	d.mu.Lock()
	if d.text == nil {
		d.text = map[[2]string]string{}
	}
	same := d.text[key] == text
	d.text[key] = text
	d.mu.Unlock()
	if same {
		return nil
	}
	m := websocket.NewWebSocketManager(ctx, userID)
	defer m.Close()
	return m.Emit(EventDraft, room+"\x00"+text)
}
