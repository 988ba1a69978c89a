// Package mission_critical holds the tests that gate every release:
// agent events must reach the right user, and only that user.
package mission_critical

import (
	"context"
	"testing"

	"example.com/chatapp/agents"
	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

// collect returns the events already buffered on sub.
func collect(sub <-chan websocket.Event) []websocket.Event {
	var out []websocket.Event
	for {
		select {
		case ev := <-sub:
			out = append(out, ev)
		default:
			return out
		}
	}
}

// TestEachAgentEventReachesTheRightUser runs one message through the chat
// while a bystander is connected, and checks each of the five events.
func TestEachAgentEventReachesTheRightUser(t *testing.T) {
	ctx := context.Background()
	sess, err := chat.OpenSession(ctx, "ae-carol")
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	bystander := websocket.GetWebSocketManagerFactory().Create(ctx, "ae-dave")
	defer bystander.Close()
	daveSub := bystander.Subscribe()

	if _, err := sess.Send(ctx, "/weather lisbon"); err != nil {
		t.Fatal(err)
	}
	got := map[string][]websocket.Event{}
	for _, ev := range sess.Pending() {
		got[ev.Type] = append(got[ev.Type], ev)
	}
	daveGot := collect(daveSub)

	for _, typ := range websocket.AgentEventTypes() {
		t.Run(typ, func(t *testing.T) {
			evs := got[typ]
			if len(evs) != 1 {
				t.Fatalf("carol got %d %s events, want 1", len(evs), typ)
			}
			if evs[0].UserID != "ae-carol" {
				t.Fatalf("%s addressed to %q", typ, evs[0].UserID)
			}
			for _, ev := range daveGot {
				if ev.Type == typ {
					t.Fatalf("bystander received %v", ev)
				}
			}
		})
	}
	if got[websocket.AgentCompleted][0].Payload != "Lisbon: sunny, max 22°C" {
		t.Errorf("response = %q", got[websocket.AgentCompleted][0].Payload)
	}
}

// TestEveryCommandDeliversAllFiveEvents checks the five events for every
// agent, since each agent obtains its own manager.
func TestEveryCommandDeliversAllFiveEvents(t *testing.T) {
	ctx := context.Background()
	for _, cmd := range append(agents.Commands(), "plain question about a refund") {
		t.Run(cmd, func(t *testing.T) {
			user := "ae-cmd" + cmd
			m := websocket.NewWebSocketManager(ctx, user)
			defer m.Close()
			sub := m.Subscribe()
			reply, err := agents.Run(ctx, user, cmd+" 3*3, then done")
			if err != nil {
				t.Fatal(err)
			}
			evs := collect(sub)
			if len(evs) != 5 {
				t.Fatalf("got %d events: %v", len(evs), evs)
			}
			for i, typ := range websocket.AgentEventTypes() {
				if evs[i].Type != typ || evs[i].UserID != user {
					t.Errorf("event %d = %v, want %s for %s", i, evs[i], typ, user)
				}
			}
			if evs[4].Payload != reply {
				t.Errorf("agent_completed payload %q, reply %q", evs[4].Payload, reply)
			}
		})
	}
}
