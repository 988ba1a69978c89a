// Package notifications tells users about things that happened while
// they were looking elsewhere: mentions, digests, badges and pushes.
package notifications

import (
	"errors"
	"strings"
)

// Note is one notification.
type Note struct {
	Title string
	Body  string
	// Link opens the relevant conversation, e.g. "/rooms/ops#m-12".
	Link string
}

// ErrEmptyNote is returned for a note with no title.
var ErrEmptyNote = errors.New("notifications: note has no title")

// truncate shortens s to n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
