package agents_test

import (
	"context"
	"strings"
	"testing"

	"example.com/chatapp/agents"
	"example.com/chatapp/websocket"
)

func TestWeatherUnknownCityStillCompletes(t *testing.T) {
	ctx := context.Background()
	m := websocket.GetWebSocketManagerFactory().Create(ctx, "agents-ext-mo")
	defer m.Close()
	sub := m.Subscribe()

	reply, err := agents.Run(ctx, "agents-ext-mo", "/weather atlantis")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(reply, "atlantis") {
		t.Errorf("reply = %q", reply)
	}
	var toolResult string
	for range 5 {
		if ev := <-sub; ev.Type == websocket.ToolCompleted {
			toolResult = ev.Payload
		}
	}
	if !strings.Contains(toolResult, "failed") {
		t.Errorf("tool_completed payload = %q, want a failure", toolResult)
	}
}

func TestCancelAndProgress(t *testing.T) {
	ctx := context.Background()
	m := websocket.NewWebSocketManager(ctx, "agents-ext-ned")
	defer m.Close()
	sub := m.Subscribe()

	if err := agents.ReportProgress(ctx, "agents-ext-ned", "web_search", 140); err != nil {
		t.Fatal(err)
	}
	if err := agents.Cancel(ctx, "agents-ext-ned", "run-7"); err != nil {
		t.Fatal(err)
	}
	if ev := <-sub; ev.Type != agents.EventProgress || ev.Payload != "web_search 100%" {
		t.Errorf("progress event = %v", ev)
	}
	if ev := <-sub; ev.Type != agents.EventCancelled || ev.Payload != "run-7" {
		t.Errorf("cancel event = %v", ev)
	}
}

func TestCommandsAreListed(t *testing.T) {
	cmds := agents.Commands()
	if len(cmds) < 5 || cmds[0] != "/calc" {
		t.Fatalf("Commands = %v", cmds)
	}
}
