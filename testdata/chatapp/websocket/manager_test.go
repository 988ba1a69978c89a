package websocket

import (
	"context"
	"errors"
	"testing"
)

func TestSendReachesOnlyOwnUser(t *testing.T) {
	hub := NewHub()
	ctx := context.Background()
	alice := NewWebSocketManager(ctx, "alice", WithHub(hub))
	bob := NewWebSocketManager(ctx, "bob", WithHub(hub))
	defer alice.Close()
	defer bob.Close()
	aliceEvents, bobEvents := alice.Subscribe(), bob.Subscribe()

	if err := alice.Emit(AgentStarted, "triage"); err != nil {
		t.Fatal(err)
	}
	if ev := <-aliceEvents; ev.UserID != "alice" || ev.Type != AgentStarted {
		t.Fatalf("alice got %v", ev)
	}
	select {
	case ev := <-bobEvents:
		t.Fatalf("bob got alice's event %v", ev)
	default:
	}
	err := alice.Send(Event{Type: AgentCompleted, UserID: "bob"})
	if !errors.Is(err, ErrUserMismatch) {
		t.Fatalf("cross-user send: err = %v, want ErrUserMismatch", err)
	}
}

func TestCloseAndContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	m := NewWebSocketManager(ctx, "carol", WithHub(NewHub()), WithBuffer(0))
	sub := m.Subscribe()
	cancel()
	if _, ok := <-sub; ok {
		t.Fatal("subscription still open after cancel")
	}
	if err := m.Emit(AgentThinking, "x"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Emit after cancel: %v, want ErrClosed", err)
	}
	m.Close() // idempotent
}

func TestSlowConsumerDoesNotBlock(t *testing.T) {
	m := NewWebSocketManager(context.Background(), "dave", WithHub(NewHub()), WithBuffer(1))
	defer m.Close()
	_ = m.Subscribe()
	if err := m.Emit(ToolExecuting, "1"); err != nil {
		t.Fatal(err)
	}
	if err := m.Emit(ToolCompleted, "2"); !errors.Is(err, ErrSlowConsumer) {
		t.Fatalf("second event into full buffer: %v, want ErrSlowConsumer", err)
	}
	if m.Listeners() != 1 {
		t.Fatalf("Listeners = %d, want 1", m.Listeners())
	}
}

func TestAgentEventTypes(t *testing.T) {
	types := AgentEventTypes()
	if len(types) != 5 || types[0] != AgentStarted || types[4] != AgentCompleted {
		t.Fatalf("AgentEventTypes = %v", types)
	}
	for _, typ := range types {
		if !IsAgentEvent(typ) {
			t.Errorf("IsAgentEvent(%q) = false", typ)
		}
	}
	if IsAgentEvent("typing") {
		t.Error("typing is not an agent event")
	}
}
