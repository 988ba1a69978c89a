package admin

import (
	"context"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// EventMaintenance warns users of an upcoming maintenance window.
const EventMaintenance = "maintenance"

// Window is a planned downtime.
type Window struct {
	Start    time.Time
	Duration time.Duration
}

func (w Window) String() string {
	return fmt.Sprintf("%s for %s", w.Start.UTC().Format("Mon 15:04 MST"), w.Duration)
}

// AnnounceMaintenance warns every online user of w. It returns the users
// that were warned.
func AnnounceMaintenance(ctx context.Context, op Operator, online []string, w Window) ([]string, error) {
	if err := op.require(Owner); err != nil {
		return nil, err
	}
	f := websocket.GetWebSocketManagerFactory()
	warned := make([]string, 0, len(online))
	for _, u := range online {
		m := f.Create(ctx, u)
		if err := m.Emit(EventMaintenance, "Scheduled maintenance: "+w.String()); err != nil {
			m.Close()
			return warned, err
		}
		m.Close()
		warned = append(warned, u)
	}
	Audit(ctx, op, "maintenance", w.String())
	return warned, nil
}
