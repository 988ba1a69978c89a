package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// EventMFAChallenge asks the user's trusted device to show a code.
const EventMFAChallenge = "mfa_challenge"

// ChallengeCode derives the six-digit code for userID in the 30-second
// window containing t.
func ChallengeCode(secret []byte, userID string, t time.Time) string {
	mac := hmac.New(sha256.New, secret)
	var win [8]byte
	binary.BigEndian.PutUint64(win[:], uint64(t.Unix()/30))
	mac.Write([]byte(userID))
	mac.Write(win[:])
	sum := mac.Sum(nil)
	return fmt.Sprintf("%06d", binary.BigEndian.Uint32(sum[:4])%1_000_000)
}

// SendChallenge pushes the current code to the user's trusted device.
func SendChallenge(ctx context.Context, secret []byte, userID string, now time.Time) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return m.Emit(EventMFAChallenge, ChallengeCode(secret, userID, now))
}
