package notifications

import (
	"context"
	"sync"

	"example.com/chatapp/canonical"
)

// EventEmailQueued tells the user's tabs that an email copy is on its way.
const EventEmailQueued = "email_queued"

// Outbox collects notification emails for the mailer job.
type Outbox struct {
	mu   sync.Mutex
	mail []Note
}

// Len returns the number of queued emails.
func (o *Outbox) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.mail)
}

// Notify emails n to userID when the user has no open connection;
// otherwise the in-app event is enough and nothing is queued. It reports
// whether an email was queued.
func (o *Outbox) Notify(ctx context.Context, userID string, n Note) (bool, error) {
	m := canonical.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	if m.Listeners() > 0 {
		return false, m.Emit(EventPush, n.Title)
	}
	o.mu.Lock()
	o.mail = append(o.mail, n)
	o.mu.Unlock()
	return true, m.Emit(EventEmailQueued, n.Title)
}
