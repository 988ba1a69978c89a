package onboarding

import (
	"context"

	"example.com/chatapp/websocket"
)

// EventWelcome is the first message a new user sees.
const EventWelcome = "welcome"

// Welcome greets a newly signed-up user, by first name if known.
func Welcome(ctx context.Context, userID, firstName string) error {
	greeting := "Welcome!"
	if firstName != "" {
		greeting = "Welcome, " + firstName + "!"
	}
	return websocket.GetWebSocketManagerFactory().Create(ctx, userID).Emit(EventWelcome, greeting+" Try /calc 2+2 to meet the agents.")
}
