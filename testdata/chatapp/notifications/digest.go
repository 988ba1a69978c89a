package notifications

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"example.com/chatapp/websocket"
)

// EventDigest delivers the daily summary of unread rooms.
const EventDigest = "daily_digest"

// SendDigest summarizes unread counts per room for userID, busiest room
// first. Nothing is sent when everything is read.
func SendDigest(ctx context.Context, userID string, unread map[string]int) error {
	rooms := make([]string, 0, len(unread))
	for room, n := range unread {
		if n > 0 {
			rooms = append(rooms, room)
		}
	}
	if len(rooms) == 0 {
		return nil
	}
	sort.Slice(rooms, func(i, j int) bool {
		if unread[rooms[i]] != unread[rooms[j]] {
			return unread[rooms[i]] > unread[rooms[j]]
		}
		return rooms[i] < rooms[j]
	})
	lines := make([]string, len(rooms))
	for i, room := range rooms {
		lines[i] = fmt.Sprintf("%s: %d unread", room, unread[room])
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventDigest, strings.Join(lines, "\n"))
}
