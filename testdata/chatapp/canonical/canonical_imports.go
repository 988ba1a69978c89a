// Package canonical is the single import surface for the chat service's
// real-time layer. Older packages import it instead of the websocket
// package so that the implementation could be swapped in one place.
//
// New code should import example.com/chatapp/websocket directly.
package canonical

import "example.com/chatapp/websocket"

// Types.
type (
	// Manager is a per-user event channel.
	Manager = websocket.Manager
	// Event is one message pushed to a user's connections.
	Event = websocket.Event
	// Option configures a Manager.
	Option = websocket.Option
	// Hub routes events to the subscriptions of their user.
	Hub = websocket.Hub
	// ManagerFactory is the type of the shared factory.
	ManagerFactory = websocket.ManagerFactory
)

// NewWebSocketManager is the canonical constructor for managers: the
// single source of truth for creating one.
var NewWebSocketManager = websocket.NewWebSocketManager

// NewHub returns an empty hub.
var NewHub = websocket.NewHub

// GetWebSocketManagerFactory returns the shared manager factory.
//
// Deprecated: use NewWebSocketManager.
var GetWebSocketManagerFactory = websocket.GetWebSocketManagerFactory

// Options.
var (
	// WithBuffer sets the per-subscription buffer size.
	WithBuffer = websocket.WithBuffer
	// WithHub routes a manager's events through a private hub.
	WithHub = websocket.WithHub
)

// Agent event types, in emission order.
const (
	AgentStarted   = websocket.AgentStarted
	AgentThinking  = websocket.AgentThinking
	ToolExecuting  = websocket.ToolExecuting
	ToolCompleted  = websocket.ToolCompleted
	AgentCompleted = websocket.AgentCompleted
)

// Errors.
var (
	ErrClosed       = websocket.ErrClosed
	ErrNoUser       = websocket.ErrNoUser
	ErrUserMismatch = websocket.ErrUserMismatch
	ErrSlowConsumer = websocket.ErrSlowConsumer
)
