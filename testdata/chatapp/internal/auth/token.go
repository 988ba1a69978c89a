package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"example.com/chatapp/websocket"
)

// Token is a session token handed to the browser after login.
type Token struct {
	// UserID is the subject of the token.
	UserID string

	// Value is the opaque string the client sends back. Layout, kept
	// from the Python service so old clients keep working:
	//   <user>.<unix expiry>.<first 16 hex of sha256>
	// e.g.
	//   alice.1767225600.9f86d081884c7d65
	Value string

	// Expires is when the token stops being accepted.
	Expires time.Time
}

const (
	// TokenTTL is the lifetime of a fresh token. Changing it needs a
	// client release too:
	//   web:    src/session.ts  REFRESH_BEFORE
	//   mobile: Session.kt      refreshLeadTime
	TokenTTL = 12 * time.Hour

	// EventTokenRefreshed hands a new token to every open tab.
	EventTokenRefreshed = "token_refreshed"
)

// ErrExpired is returned when refreshing a token that has expired.
var ErrExpired = errors.New("auth: token expired")

func issue(userID string, now time.Time) Token {
	exp := now.Add(TokenTTL).Truncate(time.Second)
	raw := userID + "." + strconv.FormatInt(exp.Unix(), 10)
	sum := sha256.Sum256([]byte(raw))
	return Token{UserID: userID, Value: raw + "." + hex.EncodeToString(sum[:8]), Expires: exp}
}

// Refresh replaces a still-valid token with a fresh one and pushes it to
// the user's open tabs.
func Refresh(ctx context.Context, old Token, now time.Time) (Token, error) {
	if !now.Before(old.Expires) {
		return Token{}, ErrExpired
	}
	fresh := issue(old.UserID, now)
	m := websocket.GetWebSocketManagerFactory().Create(ctx, old.UserID)
	defer m.Close()
	return fresh, m.Emit(EventTokenRefreshed, fresh.Value)
}
