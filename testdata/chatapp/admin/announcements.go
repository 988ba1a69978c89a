package admin

import (
	"context"
	"strings"

	"example.com/chatapp/canonical"
)

// EventWhatsNew shows the release notes panel.
const EventWhatsNew = "whats_new"

// ReleaseNotes shows the bullet points of a release to userID the first
// time they open the app after an upgrade.
func ReleaseNotes(ctx context.Context, userID, version string, bullets []string) error {
	if len(bullets) == 0 {
		return nil
	}
	m := canonical.NewWebSocketManager(ctx, userID)
	defer m.Close()
	return m.Emit(EventWhatsNew, version+"\n• "+strings.Join(bullets, "\n• "))
}
