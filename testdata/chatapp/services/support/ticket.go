// Package support connects users with human support agents.
package support

import (
	"context"
	"fmt"
	"sync/atomic"

	"example.com/chatapp/websocket"
)

// EventTicketOpened confirms a support ticket to the user.
const EventTicketOpened = "ticket_opened"

var ticketSeq atomic.Int64

// Ticket is a support request.
type Ticket struct {
	Number  string
	UserID  string
	Subject string
}

// Open files a ticket for userID and confirms its number.
func Open(ctx context.Context, userID, subject string) (Ticket, error) {
	t := Ticket{Number: fmt.Sprintf("SUP-%05d", ticketSeq.Add(1)), UserID: userID, Subject: subject}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return t, m.Emit(EventTicketOpened, t.Number+" "+subject)
}
