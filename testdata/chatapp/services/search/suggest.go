package search

import (
	"context"
	"sort"
	"strings"

	"example.com/chatapp/websocket"
)

// EventSuggestions carries search-as-you-type completions.
const EventSuggestions = "suggestions"

// Suggest sends userID up to limit indexed terms starting with prefix.
func (ix *Index) Suggest(ctx context.Context, userID, prefix string, limit int) ([]string, error) {
	prefix = strings.ToLower(prefix)
	ix.mu.RLock()
	var out []string
	for t := range ix.terms {
		if strings.HasPrefix(t, prefix) {
			out = append(out, t)
		}
	}
	ix.mu.RUnlock()
	sort.Strings(out)
	if len(out) > limit {
		out = out[:limit]
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return out, m.Emit(EventSuggestions, strings.Join(out, " "))
}
