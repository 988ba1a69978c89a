// Package agents runs the assistant agents behind the chat. Every agent
// reports its progress to the requesting user as the five agent events
// (see websocket.AgentEventTypes), always in order and always ending
// with agent_completed carrying the response.
package agents

import (
	"context"
	"errors"
)

// ErrEmptyPrompt is returned for a prompt with no text.
var ErrEmptyPrompt = errors.New("agents: empty prompt")

// Agent answers one prompt for one user.
type Agent interface {
	// Name is the agent's short name, sent as the agent_started payload.
	Name() string
	// Run answers prompt on behalf of userID, emitting the agent events
	// to that user only.
	Run(ctx context.Context, userID, prompt string) (string, error)
}
