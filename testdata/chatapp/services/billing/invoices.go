package billing

import (
	"context"
	"fmt"
	"time"

	"example.com/chatapp/websocket"
)

// EventInvoice tells an account owner that an invoice is ready.
const EventInvoice = "invoice_ready"

// Invoice is one monthly bill.
type Invoice struct {
	Number string
	Owner  string
	Cents  int64
	Period time.Month
	Year   int
}

// Total formats the amount in euros.
func (inv Invoice) Total() string {
	return fmt.Sprintf("€%d.%02d", inv.Cents/100, inv.Cents%100)
}

// Announce tells the invoice's owner it can be downloaded.
func (inv Invoice) Announce(ctx context.Context) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, inv.Owner)
	defer m.Close()
	return m.Emit(EventInvoice, fmt.Sprintf("%s %s %d: %s", inv.Number, inv.Period, inv.Year, inv.Total()))
}
