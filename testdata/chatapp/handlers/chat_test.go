package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"example.com/chatapp/websocket"
)

func TestChatHandlerReturnsReplyAndAgentEvents(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/chat", strings.NewReader(`{"text":"/calc 20+22"}`))
	req.Header.Set(UserHeader, "handlers-unit-olga")
	rec := httptest.NewRecorder()
	Routes().ServeHTTP(rec, req)

	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp chatResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Reply != "42" {
		t.Errorf("reply = %q", resp.Reply)
	}
	if !slices.Equal(resp.Events, websocket.AgentEventTypes()) {
		t.Errorf("events = %v", resp.Events)
	}
}

func TestErrorsAreMirroredAsToasts(t *testing.T) {
	m := websocket.GetWebSocketManagerFactory().Create(context.Background(), "handlers-unit-pat")
	defer m.Close()
	toasts := m.Subscribe()

	req := httptest.NewRequest(http.MethodPost, "/chat", strings.NewReader(`{"text":""}`))
	req.Header.Set(UserHeader, "handlers-unit-pat")
	rec := httptest.NewRecorder()
	Routes().ServeHTTP(rec, req)

	if rec.Code != http.StatusBadRequest {
		t.Fatalf("status %d", rec.Code)
	}
	for {
		select {
		case ev := <-toasts:
			if ev.Type == EventErrorToast {
				return
			}
		default:
			t.Fatal("no error toast was sent")
		}
	}
}

func TestRequestsWithoutUserAreRejected(t *testing.T) {
	for _, path := range []string{"/chat", "/logout", "/upload"} {
		rec := httptest.NewRecorder()
		Routes().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, path, nil))
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("POST %s without user: %d", path, rec.Code)
		}
	}
}
