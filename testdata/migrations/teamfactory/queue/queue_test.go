package queue

import (
	"context"
	"errors"
	"testing"
)

func TestSendDelivers(t *testing.T) {
	Drain()
	c := NewClient(context.Background(), "acme")
	if err := c.Send("invoices", "inv-1"); err != nil {
		t.Fatal(err)
	}
	got := Drain()
	if len(got) != 1 || got[0] != (Message{Tenant: "acme", Topic: "invoices", Payload: "inv-1"}) {
		t.Fatalf("Drain() = %+v", got)
	}
}

func TestSendAfterClose(t *testing.T) {
	c := NewClient(context.Background(), "acme")
	c.Close()
	if err := c.Send("invoices", "x"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Send after Close: %v, want ErrClosed", err)
	}
}
