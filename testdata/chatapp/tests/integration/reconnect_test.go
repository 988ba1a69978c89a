//go:build integration

// Package integration holds slower multi-component tests, run with
// `go test -tags integration ./tests/integration/`.
package integration

import (
	"context"
	"slices"
	"testing"

	"example.com/chatapp/agents"
	"example.com/chatapp/chat"
	"example.com/chatapp/internal/replay"
	"example.com/chatapp/websocket"
)

// TestReconnectReplaysMissedEvents: a tab drops after the second agent
// event; after reconnecting, the journal re-sends the three it missed.
func TestReconnectReplaysMissedEvents(t *testing.T) {
	ctx := context.Background()
	const user = "it-reconnect-fay"
	journal := replay.NewJournal(16)

	tap := websocket.GetWebSocketManagerFactory().Create(ctx, user)
	tapEvents := tap.Subscribe()
	if _, err := agents.Run(ctx, user, "/summarize the quick brown fox"); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		journal.Record(<-tapEvents)
	}
	tap.Close()

	sess, err := chat.OpenSession(ctx, user)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	n, err := journal.Resume(ctx, user, 2)
	if err != nil || n != 3 {
		t.Fatalf("Resume = %d, %v; want 3", n, err)
	}
	var got []string
	for _, ev := range sess.Pending() {
		got = append(got, ev.Type)
	}
	if want := websocket.AgentEventTypes()[2:]; !slices.Equal(got, want) {
		t.Fatalf("replayed %v, want %v", got, want)
	}
}
