package websocket

import "fmt"

// Agent event types. Every agent run emits them in exactly this order;
// the chat UI relies on agent_completed being the last one and carrying
// the response text.
const (
	AgentStarted   = "agent_started"
	AgentThinking  = "agent_thinking"
	ToolExecuting  = "tool_executing"
	ToolCompleted  = "tool_completed"
	AgentCompleted = "agent_completed"
)

// AgentEventTypes returns the five agent event types in emission order.
func AgentEventTypes() []string {
	return []string{AgentStarted, AgentThinking, ToolExecuting, ToolCompleted, AgentCompleted}
}

// IsAgentEvent reports whether typ is one of the five agent event types.
func IsAgentEvent(typ string) bool {
	switch typ {
	case AgentStarted, AgentThinking, ToolExecuting, ToolCompleted, AgentCompleted:
		return true
	}
	return false
}

// Event is one message pushed to a user's connections.
type Event struct {
	Type    string
	UserID  string
	Payload string
}

func (e Event) String() string {
	return fmt.Sprintf("%s→%s: %q", e.Type, e.UserID, e.Payload)
}
