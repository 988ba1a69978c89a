// Package search indexes chat messages and suggests completions.
package search

import (
	"context"
	"strings"
	"sync"

	"example.com/chatapp/websocket"
)

// EventIndexed tells the user their message is now searchable.
const EventIndexed = "indexed"

// Index is an in-memory inverted index of one workspace.
type Index struct {
	mu    sync.RWMutex
	terms map[string][]string // term → message IDs
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{terms: make(map[string][]string)} }

// Add indexes a message of userID and tells the user it is searchable.
func (ix *Index) Add(ctx context.Context, userID, messageID, text string) error {
	ix.mu.Lock()
	for _, t := range strings.Fields(strings.ToLower(text)) {
		t = strings.Trim(t, ".,!?;:\"'")
		if len(t) > 2 {
			ix.terms[t] = append(ix.terms[t], messageID)
		}
	}
	ix.mu.Unlock()

	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventIndexed, messageID)
}

// Lookup returns the IDs of messages containing term.
func (ix *Index) Lookup(term string) []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return append([]string(nil), ix.terms[strings.ToLower(term)]...)
}
