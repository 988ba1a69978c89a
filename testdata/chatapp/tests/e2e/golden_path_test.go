// Package e2e holds the golden-path test: the one flow that must keep
// working through every step of the issue 989 migration.
package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/chatapp/chat"
	"example.com/chatapp/handlers"
	"example.com/chatapp/internal/auth"
	"example.com/chatapp/websocket"
)

func agentEvents(evs []websocket.Event) []websocket.Event {
	var out []websocket.Event
	for _, ev := range evs {
		if websocket.IsAgentEvent(ev.Type) {
			out = append(out, ev)
		}
	}
	return out
}

func types(evs []websocket.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.Type
	}
	return out
}

// TestGoldenPath: log in, open a chat, send a message, and receive the
// five agent events in order, the last one carrying the answer.
func TestGoldenPath(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	auth.Register("gp-alice", "wonderland")
	tok, err := auth.Login(ctx, "gp-alice", "wonderland")
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	sess, err := chat.OpenSession(ctx, tok.UserID)
	if err != nil {
		t.Fatalf("open session: %v", err)
	}
	defer sess.Close()

	reply, err := sess.Send(ctx, "/calc 6*7")
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if reply != "42" {
		t.Fatalf("reply = %q, want 42", reply)
	}

	all := sess.Pending()
	if len(all) == 0 || all[0].Type != chat.EventMessageAccepted {
		t.Fatalf("first event should acknowledge the message, got %v", all)
	}
	evs := agentEvents(all)
	if got := types(evs); !slices.Equal(got, websocket.AgentEventTypes()) {
		t.Fatalf("agent events = %v, want %v", got, websocket.AgentEventTypes())
	}
	last := evs[len(evs)-1]
	if last.Type != websocket.AgentCompleted || last.Payload != reply {
		t.Fatalf("last event = %v, want agent_completed carrying %q", last, reply)
	}
	for _, ev := range all {
		if ev.UserID != "gp-alice" {
			t.Errorf("event for another user in alice's session: %v", ev)
		}
	}
}

// TestGoldenPathOverHTTP runs the same flow through the HTTP API, with
// the browser's event stream open while the message is sent.
func TestGoldenPathOverHTTP(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv := httptest.NewServer(handlers.Routes())
	defer srv.Close()
	const user = "gp-http-bea"
	auth.Register(user, "pw")

	resp, err := http.Post(srv.URL+"/login", "application/json", strings.NewReader(`{"user":"`+user+`","password":"pw"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("login: %s", resp.Status)
	}

	streamReq, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/events?until="+websocket.AgentCompleted, nil)
	streamReq.Header.Set(handlers.UserHeader, user)
	stream, err := http.DefaultClient.Do(streamReq)
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()

	chatReq, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/chat", strings.NewReader(`{"text":"/translate hello chat"}`))
	chatReq.Header.Set(handlers.UserHeader, user)
	chatResp, err := http.DefaultClient.Do(chatReq)
	if err != nil {
		t.Fatal(err)
	}
	defer chatResp.Body.Close()
	var body struct{ Reply string }
	if err := json.NewDecoder(chatResp.Body).Decode(&body); err != nil || body.Reply != "bonjour discussion" {
		t.Fatalf("chat reply = %q, err %v", body.Reply, err)
	}

	var streamed []string
	var lastData string
	sc := bufio.NewScanner(stream.Body)
	for sc.Scan() {
		line := sc.Text()
		if typ, ok := strings.CutPrefix(line, "event: "); ok && websocket.IsAgentEvent(typ) {
			streamed = append(streamed, typ)
		}
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			lastData = data
		}
	}
	if !slices.Equal(streamed, websocket.AgentEventTypes()) {
		t.Fatalf("streamed agent events = %v", streamed)
	}
	if lastData != body.Reply {
		t.Fatalf("agent_completed data = %q, want %q", lastData, body.Reply)
	}
}

// TestFactoryAndConstructorAreInterchangeable guards the migration
// itself: a manager from the deprecated factory and one from the
// canonical constructor must talk to the same user's subscribers.
func TestFactoryAndConstructorAreInterchangeable(t *testing.T) {
	ctx := context.Background()
	old := websocket.GetWebSocketManagerFactory().Create(ctx, "gp-carl")
	defer old.Close()
	canon := websocket.NewWebSocketManager(ctx, "gp-carl")
	defer canon.Close()

	if old.UserID() != canon.UserID() {
		t.Fatalf("user IDs differ: %q vs %q", old.UserID(), canon.UserID())
	}
	oldSub, canonSub := old.Subscribe(), canon.Subscribe()
	if err := old.Emit(websocket.AgentStarted, "from factory"); err != nil {
		t.Fatal(err)
	}
	if err := canon.Emit(websocket.AgentCompleted, "from constructor"); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []<-chan websocket.Event{oldSub, canonSub} {
		a, b := <-sub, <-sub
		if a.Payload != "from factory" || b.Payload != "from constructor" {
			t.Fatalf("got %v then %v", a, b)
		}
	}
}
