// Package calendar schedules meetings from chat and reminds attendees.
package calendar

import (
	"context"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// Meeting is a scheduled call.
type Meeting struct {
	Title     string
	Organizer string
	Attendees []string
	Start     time.Time
}

// Invite sends the meeting to every attendee and a confirmation with the
// attendee count to the organizer.
func (mt Meeting) Invite(ctx context.Context) error {
	when := mt.Start.UTC().Format("Mon Jan 2 15:04 MST")
	for _, a := range mt.Attendees {
		if a == mt.Organizer {
			continue
		}
		m := websocket.GetWebSocketManagerFactory().Create(ctx, a)
		err := m.Emit("meeting_invite", mt.Title+" — "+when+" (from "+mt.Organizer+")")
		m.Close()
		if err != nil {
			return err
		}
	}
	org := websocket.GetWebSocketManagerFactory().Create(ctx, mt.Organizer)
	defer org.Close()
	return org.Emit("meeting_scheduled", fmt.Sprintf("%s with %d attendee(s)", mt.Title, len(mt.Attendees)))
}

// StartsWithin reports whether the meeting starts within d after now.
func (mt Meeting) StartsWithin(now time.Time, d time.Duration) bool {
	until := mt.Start.Sub(now)
	return until >= 0 && until <= d
}
