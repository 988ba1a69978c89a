package chat

import (
	"context"
	"errors"
	"strings"

	"example.com/chatapp/agents"
	"example.com/chatapp/websocket"
)

// EventMessageAccepted acknowledges a user's message before the agent
// starts working on it.
const EventMessageAccepted = "message_accepted"

// MaxMessageLen is the longest message a user may send, in bytes.
const MaxMessageLen = 4000

// ErrEmptyMessage and ErrMessageTooLong reject a message before any
// agent runs.
var (
	ErrEmptyMessage   = errors.New("chat: empty message")
	ErrMessageTooLong = errors.New("chat: message too long")
)

// Send posts text to the session: it is acknowledged, recorded in the
// user's history, and answered by an agent. The agent's events arrive on
// the session's event stream; the answer is also returned.
func (s *Session) Send(ctx context.Context, text string) (string, error) {
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return "", ErrEmptyMessage
	case len(text) > MaxMessageLen:
		return "", ErrMessageTooLong
	}
	ack := websocket.GetWebSocketManagerFactory().Create(ctx, s.UserID)
	defer ack.Close()
	if err := ack.Emit(EventMessageAccepted, text); err != nil {
		return "", err
	}
	Histories.Append(s.UserID, "user", text)
	reply, err := agents.Run(ctx, s.UserID, text)
	if err != nil {
		return "", err
	}
	Histories.Append(s.UserID, "assistant", reply)
	return reply, nil
}
