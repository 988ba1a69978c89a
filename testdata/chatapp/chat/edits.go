package chat

import (
	"context"
	"errors"

	"example.com/chatapp/websocket"
)

// EventEdited replaces the text of a message already on screen.
const EventEdited = "message_edited"

// ErrEditWindow is returned when a message is too old to edit.
var ErrEditWindow = errors.New("chat: messages can only be edited for 15 minutes")

// Edit changes the text of one of userID's messages and refreshes it on
// all of the user's connections. ageMinutes is the message's age.
func Edit(ctx context.Context, userID, messageID, text string, ageMinutes int) error {
	if ageMinutes > 15 {
		return ErrEditWindow
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Send(websocket.Event{Type: EventEdited, UserID: userID, Payload: messageID + "=" + text})
}
