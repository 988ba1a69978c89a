// Package websocket is the client for the v1 gateway that the old Python
// service exposed to partners. It only shares a name with
// example.com/chatapp/websocket; nothing in it is deprecated by issue 989
// and no migration applies to it.
package websocket

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned when writing to a closed connection.
var ErrClosed = errors.New("legacy websocket: connection closed")

// Factory dials connections to the v1 gateway.
type Factory struct {
	mu     sync.Mutex
	dialed []string
}

var shared = &Factory{}

// GetWebSocketManagerFactory returns the gateway dialer. The name mirrors
// the v1 Python client so that partner scripts could be ported verbatim.
func GetWebSocketManagerFactory() *Factory { return shared }

// Create returns a connection to endpoint. The connection buffers what
// is written to it; the gateway itself is out of process.
func (f *Factory) Create(ctx context.Context, endpoint string) *Conn {
	f.mu.Lock()
	f.dialed = append(f.dialed, endpoint)
	f.mu.Unlock()
	return &Conn{Endpoint: endpoint, ctx: ctx}
}

// Dialed returns the endpoints dialed so far.
func (f *Factory) Dialed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.dialed...)
}

// Conn is one connection to the v1 gateway.
type Conn struct {
	Endpoint string
	ctx      context.Context

	mu     sync.Mutex
	sent   []string
	closed bool
}

// Write queues msg for the gateway.
func (c *Conn) Write(msg string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.ctx.Err() != nil {
		return ErrClosed
	}
	c.sent = append(c.sent, msg)
	return nil
}

// Sent returns the messages written so far.
func (c *Conn) Sent() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.sent...)
}

// Close closes the connection.
func (c *Conn) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	return nil
}
