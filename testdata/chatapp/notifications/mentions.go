package notifications

import (
	"context"
	"errors"
	"regexp"

	"example.com/chatapp/websocket"
)

// EventMention tells a user they were @mentioned.
const EventMention = "mention"

var mentionRE = regexp.MustCompile(`@([a-z][a-z0-9_]{1,31})`)

// Mentions returns the distinct users @mentioned in text, in order.
func Mentions(text string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range mentionRE.FindAllStringSubmatch(text, -1) {
		if u := m[1]; !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// NotifyMentions notifies everyone mentioned in text except the author.
func NotifyMentions(ctx context.Context, author, room, text string) error {
	var errs []error
	for _, u := range Mentions(text) {
		if u == author {
			continue
		}
		m := websocket.GetWebSocketManagerFactory().Create(ctx, u)
		errs = append(errs, m.Emit(EventMention, author+" in "+room+": "+truncate(text, 80)))
		m.Close()
	}
	return errors.Join(errs...)
}
