package agents

import (
	"context"
	"strings"

	"example.com/chatapp/websocket"
)

// glossary is the English→French phrase book of the translate tool.
var glossary = map[string]string{
	"hello":   "bonjour",
	"thanks":  "merci",
	"goodbye": "au revoir",
	"chat":    "discussion",
	"agent":   "agent",
}

// Translator translates word by word using the glossary and keeps
// unknown words as they are.
type Translator struct{}

func (Translator) Name() string { return "translator" }

func (t Translator) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, t.Name())
	r.started()
	r.thinking("translating to French")
	out, _ := r.tool("glossary", prompt, func(in string) (string, error) {
		words := strings.Fields(strings.ToLower(in))
		for i, w := range words {
			if fr, ok := glossary[w]; ok {
				words[i] = fr
			}
		}
		return strings.Join(words, " "), nil
	})
	return r.completed(out)
}
