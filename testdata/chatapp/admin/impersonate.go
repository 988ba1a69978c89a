package admin

import (
	"context"
	"errors"

	"example.com/chatapp/websocket"
)

// EventImpersonation tells a user that support is viewing their account.
const EventImpersonation = "support_viewing"

// ErrNoTicket is returned when impersonating without a support ticket.
var ErrNoTicket = errors.New("admin: impersonation needs a support ticket")

// Impersonate lets support see userID's view for ticket. The user is
// always told, and the action is audited.
func Impersonate(ctx context.Context, op Operator, userID, ticket string) (*websocket.Manager, error) {
	if err := op.require(Owner); err != nil {
		return nil, err
	}
	if ticket == "" {
		return nil, ErrNoTicket
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	if err := m.Emit(EventImpersonation, op.Name+" ("+ticket+")"); err != nil {
		m.Close()
		return nil, err
	}
	Audit(ctx, op, "impersonate", userID+" "+ticket)
	return m, nil
}
