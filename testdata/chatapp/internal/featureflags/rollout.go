// Package featureflags decides which users see unreleased features.
package featureflags

import (
	"context"
	"hash/fnv"

	"example.com/chatapp/websocket"
)

// EventFlags refreshes the feature flags in the user's client.
const EventFlags = "flags"

// Flag is a feature rolled out to a percentage of users.
type Flag struct {
	Name    string
	Percent int
}

// Enabled reports whether f is on for userID. The bucket is stable.
func (f Flag) Enabled(userID string) bool {
	h := fnv.New32a()
	h.Write([]byte(f.Name + "/" + userID))
	return int(h.Sum32()%100) < f.Percent
}

// Push sends userID the names of the enabled flags.
func Push(ctx context.Context, userID string, flags []Flag) error {
	on := ""
	for _, f := range flags {
		if f.Enabled(userID) {
			on += f.Name + ","
		}
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventFlags, on)
}
