// Package queue is the platform team's client for the internal job
// queue. A Client belongs to one tenant; messages sent through it land
// on the in-memory broker that tests (and the worker) drain.
package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// ErrClosed is returned by Send on a closed client.
var ErrClosed = errors.New("queue: client closed")

// Message is one payload delivered on a topic.
type Message struct {
	Tenant  string
	Topic   string
	Payload string
}

// Client sends messages for one tenant.
type Client struct {
	tenant string
	mu     sync.Mutex
	closed bool
}

// NewClient returns a client for tenant. It is the one way to make a
// client; the shared factory (GetClientFactory) is deprecated.
func NewClient(ctx context.Context, tenant string) *Client {
	_ = ctx // reserved for the connection handshake
	return &Client{tenant: tenant}
}

// Tenant names the client's tenant.
func (c *Client) Tenant() string { return c.tenant }

// Send publishes payload on topic.
func (c *Client) Send(topic, payload string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrClosed
	}
	if topic == "" {
		return fmt.Errorf("queue: tenant %s: empty topic", c.tenant)
	}
	defaultBroker.publish(Message{Tenant: c.tenant, Topic: topic, Payload: payload})
	return nil
}

// Close closes the client; later sends fail with ErrClosed.
func (c *Client) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	return nil
}
