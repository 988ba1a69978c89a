package presence

import (
	"context"
	"sort"
	"strings"

	"example.com/chatapp/websocket"
)

// EventRoster sends the list of online contacts at login.
const EventRoster = "roster"

// SendRoster sends u the sorted subset of contacts that are online.
func SendRoster(ctx context.Context, u string, contacts []string, online func(string) bool) error {
	var up []string
	for _, c := range contacts {
		if online(c) {
			up = append(up, c)
		}
	}
	sort.Strings(up)
	m := websocket.NewWebSocketManager(ctx, u)
	defer m.Close()
	return m.Emit(EventRoster, strings.Join(up, ","))
}
