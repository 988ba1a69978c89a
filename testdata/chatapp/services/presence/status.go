package presence

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// Status is a user-chosen availability.
type Status string

const (
	Available Status = "available"
	Busy      Status = "busy"
	Away      Status = "away"
)

// EventStatus tells a contact that someone's status changed.
const EventStatus = "status_changed"

// SetStatus publishes u's new status to each contact.
func SetStatus(ctx context.Context, u string, s Status, contacts []string) error {
	switch s {
	case Available, Busy, Away:
	default:
		return fmt.Errorf("presence: unknown status %q", s)
	}
	for _, c := range contacts {
		if err := websocket.GetWebSocketManagerFactory().Create(ctx, c).Emit(EventStatus, u+"="+string(s)); err != nil {
			return err
		}
	}
	return nil
}
