package workers

import (
	"context"
	"strings"

	"example.com/chatapp/websocket"
)

// Dispatcher routes "user:type:payload" lines from the ops queue.
type Dispatcher struct {
	newFactory func() *websocket.ManagerFactory
}

// NewDispatcher returns a dispatcher using the shared factory.
func NewDispatcher() *Dispatcher {
	newFactory := websocket.GetWebSocketManagerFactory
	return &Dispatcher{newFactory: newFactory}
}

// Dispatch parses and delivers one queue line. Malformed lines are
// reported as not delivered.
func (d *Dispatcher) Dispatch(ctx context.Context, line string) bool {
	parts := strings.SplitN(line, ":", 3)
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return false
	}
	m := d.newFactory().Create(ctx, parts[0])
	defer m.Close()
	return m.Emit(parts[1], parts[2]) == nil
}
