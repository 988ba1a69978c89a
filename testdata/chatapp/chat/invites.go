package chat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"

	"example.com/chatapp/websocket"
)

// EventInvite offers a user to join a room.
const EventInvite = "room_invite"

// ErrSelfInvite is returned when a user invites themselves.
var ErrSelfInvite = errors.New("chat: cannot invite yourself")

// InviteCode derives the join code of an invite; the same inviter, room
// and invitee always get the same code, so re-sending is idempotent.
func InviteCode(inviter, room, invitee string) string {
	sum := sha256.Sum256([]byte(inviter + "\x00" + room + "\x00" + invitee))
	return hex.EncodeToString(sum[:5])
}

// Invite offers invitee to join room r on behalf of inviter.
func Invite(ctx context.Context, r *Room, inviter, invitee string) (string, error) {
	if inviter == invitee {
		return "", ErrSelfInvite
	}
	code := InviteCode(inviter, r.Name, invitee)
	m := websocket.GetWebSocketManagerFactory().Create(ctx, invitee)
	defer m.Close()
	return code, m.Emit(EventInvite, inviter+" invites you to "+r.Name+" ("+code+")")
}
