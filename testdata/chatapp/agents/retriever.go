package agents

import (
	"context"
	"strings"

	"example.com/chatapp/websocket"
)

// helpArticles is the help-center corpus the retriever searches.
var helpArticles = []struct{ Title, Body string }{
	{"Exporting your chats", "Settings → Privacy → Export creates a zip of every conversation."},
	{"Muting a room", "Open the room menu and choose Mute; mentions still notify you."},
	{"Two-factor authentication", "Enable 2FA under Settings → Security with any TOTP app."},
}

// Retriever answers with the help article whose title best matches.
type Retriever struct{}

func (Retriever) Name() string { return "retriever" }

func (rt Retriever) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, rt.Name())
	r.started()
	r.thinking("ranking help articles")
	best, _ := r.tool("rank_articles", prompt, func(q string) (string, error) {
		score, pick := 0, -1
		for i, a := range helpArticles {
			s := 0
			for _, w := range strings.Fields(strings.ToLower(q)) {
				if strings.Contains(strings.ToLower(a.Title), w) {
					s++
				}
			}
			if s > score {
				score, pick = s, i
			}
		}
		if pick < 0 {
			return "", nil
		}
		return helpArticles[pick].Title + ": " + helpArticles[pick].Body, nil
	})
	if best == "" {
		return r.completed("I couldn't find a help article for that.")
	}
	return r.completed(best)
}
