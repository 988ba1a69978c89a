// Package scheduler runs time-based jobs: reminders, recurring messages
// and the job queue that drives them.
package scheduler

import (
	"context"
	"sort"
	"time"

	"example.com/chatapp/websocket"
)

// EventReminder delivers a reminder the user set with /remind.
const EventReminder = "reminder"

// Reminder is one pending reminder.
type Reminder struct {
	UserID string
	At     time.Time
	Text   string
}

// FireDue delivers every reminder due at now and returns the ones still
// pending, earliest first.
func FireDue(ctx context.Context, pending []Reminder, now time.Time) ([]Reminder, error) {
	sort.Slice(pending, func(i, j int) bool { return pending[i].At.Before(pending[j].At) })
	create := websocket.GetWebSocketManagerFactory().Create
	for i, r := range pending {
		if r.At.After(now) {
			return pending[i:], nil
		}
		m := create(ctx, r.UserID)
		err := m.Emit(EventReminder, r.Text)
		m.Close()
		if err != nil {
			return pending[i:], err
		}
	}
	return nil, nil
}
