// Package chat implements chat sessions: a user opens a session, sends
// messages, and receives the agents' answers as a stream of events.
package chat

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"example.com/chatapp/websocket"
)

// ErrAnonymous is returned when a session is opened without a user.
var ErrAnonymous = errors.New("chat: a session needs a user")

var sessionSeq atomic.Int64

// Session is one open chat window of a user.
type Session struct {
	ID     string
	UserID string

	mgr    *websocket.Manager
	events <-chan websocket.Event
}

// OpenSession opens a session for userID and subscribes it to the user's
// events. The session ends when ctx is done or Close is called.
func OpenSession(ctx context.Context, userID string) (*Session, error) {
	if userID == "" {
		return nil, ErrAnonymous
	}
	mgr := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	return &Session{
		ID:     fmt.Sprintf("%s-%d", userID, sessionSeq.Add(1)),
		UserID: userID,
		mgr:    mgr,
		events: mgr.Subscribe(),
	}, nil
}

// Events returns the session's event stream. It is closed with the
// session.
func (s *Session) Events() <-chan websocket.Event { return s.events }

// Pending returns the events already delivered to the session without
// waiting for more.
func (s *Session) Pending() []websocket.Event {
	var out []websocket.Event
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return out
			}
			out = append(out, ev)
		default:
			return out
		}
	}
}

// Close ends the session.
func (s *Session) Close() { s.mgr.Close() }
