package moderation

import (
	"context"
	"strings"
)

// EventBlocked tells the author why their message was not delivered.
const EventBlocked = "message_blocked"

// blocklist holds the banned words, lower case.
var blocklist = []string{"spamlink.example", "buy followers", "free crypto"}

// Check returns the first blocked phrase in text, or "".
func Check(text string) string {
	lower := strings.ToLower(text)
	for _, w := range blocklist {
		if strings.Contains(lower, w) {
			return w
		}
	}
	return ""
}

// Screen blocks text when it contains a blocked phrase and tells the
// author. It reports whether the message may be delivered.
func Screen(ctx context.Context, author, text string) (bool, error) {
	hit := Check(text)
	if hit == "" {
		return true, nil
	}
	m := factory().Create(ctx, author)
	defer m.Close()
	return false, m.Emit(EventBlocked, "contains "+hit)
}
