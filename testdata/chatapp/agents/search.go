package agents

import (
	"context"
	"sort"
	"strings"

	"example.com/chatapp/websocket"
)

// searchIndex is the offline index the search tool consults.
var searchIndex = map[string]string{
	"golang":    "https://go.dev",
	"websocket": "https://datatracker.ietf.org/doc/html/rfc6455",
	"ssot":      "https://en.wikipedia.org/wiki/Single_source_of_truth",
	"chat":      "https://example.com/chat/help",
}

// Search looks prompt keywords up in the offline index.
type Search struct{}

func (Search) Name() string { return "search" }

func (s Search) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, s.Name())
	r.started()
	r.thinking("looking for keywords in " + strings.ToLower(prompt))
	hits, _ := r.tool("web_search", prompt, lookupKeywords)
	if hits == "" {
		return r.completed("No results.")
	}
	return r.completed("Results: " + hits)
}

func lookupKeywords(q string) (string, error) {
	var urls []string
	for _, w := range strings.Fields(strings.ToLower(q)) {
		if u, ok := searchIndex[w]; ok {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	return strings.Join(urls, " "), nil
}
