package auth

import (
	"context"
	"time"

	"example.com/chatapp/websocket"
)

// EventLogin tells the user's other tabs about a new login.
const EventLogin = "login"

// Login checks the password and issues a token. Other open tabs of the
// user are told about the new login.
func Login(ctx context.Context, userID, password string) (Token, error) {
	if err := checkPassword(userID, password); err != nil {
		return Token{}, err
	}
	tok := issue(userID, time.Now())
	websocket.GetWebSocketManagerFactory().Create(ctx, userID).Emit(EventLogin, "new session")
	return tok, nil
}
