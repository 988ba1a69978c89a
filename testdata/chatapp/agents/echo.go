package agents

import (
	"context"

	"example.com/chatapp/websocket"
)

// Echo repeats the prompt back. Support uses it to check that a user's
// connection receives agent events at all.
type Echo struct{}

func (Echo) Name() string { return "echo" }

func (e Echo) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, e.Name())
	r.started()
	r.thinking("nothing to think about")
	out, _ := r.tool("mirror", prompt, func(s string) (string, error) { return s, nil })
	return r.completed(out)
}
