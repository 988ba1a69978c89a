package agents

import (
	"context"
	"errors"
	"slices"
	"testing"

	"example.com/chatapp/websocket"
)

func TestPick(t *testing.T) {
	for prompt, want := range map[string]string{
		"/calc 1+1":      "calculator",
		"/weather oslo":  "weather",
		"hello there":    "triage",
		"/unknown thing": "triage",
	} {
		if a, _ := Pick(prompt); a.Name() != want {
			t.Errorf("Pick(%q) = %s, want %s", prompt, a.Name(), want)
		}
	}
}

func TestEvalArithmetic(t *testing.T) {
	for expr, want := range map[string]string{"2+3": "5", "6 * 7": "42", "10-4": "6", "9/2": "4"} {
		if got, err := evalArithmetic(expr); err != nil || got != want {
			t.Errorf("evalArithmetic(%q) = %q, %v; want %q", expr, got, err, want)
		}
	}
	if _, err := evalArithmetic("1/0"); err == nil {
		t.Error("1/0 did not fail")
	}
}

func TestEveryAgentEmitsFiveEventsInOrder(t *testing.T) {
	ctx := context.Background()
	for cmd, a := range commands {
		t.Run(a.Name(), func(t *testing.T) {
			user := "agents-unit-" + a.Name()
			m := websocket.GetWebSocketManagerFactory().Create(ctx, user)
			defer m.Close()
			sub := m.Subscribe()

			reply, err := Run(ctx, user, cmd+" paris then lisbon, count 2+2")
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			var last websocket.Event
			for range websocket.AgentEventTypes() {
				last = <-sub
				types = append(types, last.Type)
			}
			if !slices.Equal(types, websocket.AgentEventTypes()) {
				t.Fatalf("events = %v", types)
			}
			if last.Payload != reply {
				t.Errorf("agent_completed payload %q != reply %q", last.Payload, reply)
			}
		})
	}
}

func TestRunRejectsEmptyPrompt(t *testing.T) {
	if _, err := Run(context.Background(), "agents-unit-x", " "); !errors.Is(err, ErrEmptyPrompt) {
		t.Fatalf("err = %v", err)
	}
}
