package agents

import (
	"context"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// Summarizer shortens a text to its first MaxWords words.
type Summarizer struct {
	MaxWords int
}

func (Summarizer) Name() string { return "summarizer" }

func (s Summarizer) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	words := strings.Fields(prompt)
	r := newRun(m, s.Name())
	r.started()
	r.thinking(fmt.Sprintf("%d words in, at most %d out", len(words), s.MaxWords))
	out, _ := r.tool("summarize", prompt, func(string) (string, error) {
		if len(words) <= s.MaxWords {
			return strings.Join(words, " "), nil
		}
		return strings.Join(words[:s.MaxWords], " ") + " …", nil
	})
	return r.completed(out)
}
