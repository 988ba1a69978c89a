package handlers_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.com/chatapp/handlers"
	"example.com/chatapp/internal/auth"
	"example.com/chatapp/websocket"
)

func TestLoginIssuesToken(t *testing.T) {
	auth.Register("handlers-ext-quinn", "s3cret")
	body := `{"user":"handlers-ext-quinn","password":"s3cret"}`
	rec := httptest.NewRecorder()
	handlers.Routes().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(body)))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	var resp struct{ Token string }
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil || !strings.HasPrefix(resp.Token, "handlers-ext-quinn.") {
		t.Fatalf("token = %q, err = %v", resp.Token, err)
	}

	rec = httptest.NewRecorder()
	bad := `{"user":"handlers-ext-quinn","password":"guess"}`
	handlers.Routes().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(bad)))
	if rec.Code != http.StatusUnauthorized {
		t.Fatalf("wrong password: status %d", rec.Code)
	}
}

func TestEventStreamEndsAtUntil(t *testing.T) {
	srv := httptest.NewServer(handlers.Routes())
	defer srv.Close()
	const user = "handlers-ext-rosa"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/events?until="+websocket.AgentCompleted, nil)
	req.Header.Set(handlers.UserHeader, user)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()

	// The headers arrive only after the stream subscribed, so events sent
	// from here on are guaranteed to be streamed.
	m := websocket.GetWebSocketManagerFactory().Create(ctx, user)
	defer m.Close()
	for _, typ := range websocket.AgentEventTypes() {
		if err := m.Emit(typ, "p"); err != nil {
			t.Fatal(err)
		}
	}
	var types []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if typ, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
			types = append(types, typ)
		}
	}
	if len(types) != 5 || types[4] != websocket.AgentCompleted {
		t.Fatalf("streamed %v", types)
	}
}

func TestHealth(t *testing.T) {
	rec := httptest.NewRecorder()
	handlers.Routes().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "ok\n" {
		t.Fatalf("healthz: %d %q", rec.Code, rec.Body)
	}
}
