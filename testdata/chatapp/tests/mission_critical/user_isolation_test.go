package mission_critical

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/chatapp/chat"
	"example.com/chatapp/notifications"
	"example.com/chatapp/websocket"
)

// TestConcurrentUsersAreIsolated has two users chat at the same time and
// checks that no event of one ever reaches the other.
func TestConcurrentUsersAreIsolated(t *testing.T) {
	// 10 messages make 60 events per user (ack + five agent events), which
	// fits the default subscription buffer even if a reader is starved, so
	// the test never depends on scheduling.
	const messages = 10
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	users := []string{"iso-alice", "iso-bob"}
	var wg sync.WaitGroup
	received := make([][]websocket.Event, len(users))
	for i, u := range users {
		sess, err := chat.OpenSession(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()

		wg.Add(2)
		go func() { // the user's browser
			defer wg.Done()
			completed := 0
			for completed < messages {
				select {
				case ev := <-sess.Events():
					received[i] = append(received[i], ev)
					if ev.Type == websocket.AgentCompleted {
						completed++
					}
				case <-ctx.Done():
					return
				}
			}
		}()
		go func() { // the user typing
			defer wg.Done()
			for n := range messages {
				if _, err := sess.Send(ctx, fmt.Sprintf("/echo secret of %s #%d", u, n)); err != nil {
					t.Errorf("%s: %v", u, err)
					return
				}
			}
		}()
	}
	wg.Wait()

	for i, u := range users {
		other := users[1-i]
		agentEvents := 0
		for _, ev := range received[i] {
			if ev.UserID != u {
				t.Fatalf("%s received an event for %s: %v", u, ev.UserID, ev)
			}
			if strings.Contains(ev.Payload, other) {
				t.Fatalf("%s saw %s's data: %v", u, other, ev)
			}
			if websocket.IsAgentEvent(ev.Type) {
				agentEvents++
			}
		}
		if agentEvents != 5*messages {
			t.Errorf("%s got %d agent events, want %d", u, agentEvents, 5*messages)
		}
	}
}

// TestManagersRefuseCrossUserEvents: even a buggy caller that puts the
// wrong user on an event cannot deliver it.
func TestManagersRefuseCrossUserEvents(t *testing.T) {
	ctx := context.Background()
	victim := websocket.NewWebSocketManager(ctx, "iso-victor")
	defer victim.Close()
	victimSub := victim.Subscribe()

	attacker := websocket.GetWebSocketManagerFactory().Create(ctx, "iso-mallory")
	defer attacker.Close()
	err := attacker.Send(websocket.Event{Type: websocket.AgentCompleted, UserID: "iso-victor", Payload: "phish"})
	if !errors.Is(err, websocket.ErrUserMismatch) {
		t.Fatalf("cross-user send: %v, want ErrUserMismatch", err)
	}
	if evs := collect(victimSub); len(evs) != 0 {
		t.Fatalf("victim received %v", evs)
	}
}

// TestNotificationsStayWithTheirUser covers the non-agent paths that
// address one user among several connected ones.
func TestNotificationsStayWithTheirUser(t *testing.T) {
	ctx := context.Background()
	subs := map[string]<-chan websocket.Event{}
	for _, u := range []string{"iso_ann", "iso_ben", "iso_cat"} {
		m := websocket.GetWebSocketManagerFactory().Create(ctx, u)
		defer m.Close()
		subs[u] = m.Subscribe()
	}
	if err := notifications.NotifyMentions(ctx, "iso_cat", "general", "ping @iso_ann and me @iso_cat"); err != nil {
		t.Fatal(err)
	}
	if err := notifications.UpdateBadge(ctx, "iso_ben", 3); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"iso_ann": notifications.EventMention, "iso_ben": notifications.EventBadge}
	for u, sub := range subs {
		evs := collect(sub)
		if want[u] == "" {
			if len(evs) != 0 {
				t.Errorf("%s should get nothing, got %v", u, evs)
			}
			continue
		}
		if len(evs) != 1 || evs[0].Type != want[u] || evs[0].UserID != u {
			t.Errorf("%s got %v, want one %s", u, evs, want[u])
		}
	}
}
