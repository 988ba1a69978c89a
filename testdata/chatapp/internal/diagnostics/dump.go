package diagnostics

import (
	"context"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// DumpTo sends a state report (key=value lines) to the on-call engineer's
// debug console.
func DumpTo(ctx context.Context, engineer string, state map[string]string, keys []string) error {
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%s\n", k, state[k])
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, engineer)
	defer m.Close()
	return m.Emit("debug_dump", b.String())
}
