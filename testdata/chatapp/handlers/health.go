package handlers

import (
	"net/http"

	"example.com/chatapp/websocket"
)

// healthUser is a reserved account no human can log in as.
const healthUser = "__healthcheck__"

// Health handles GET /healthz: it round-trips one event through a fresh
// manager to prove the event path works.
func Health(w http.ResponseWriter, r *http.Request) {
	m := websocket.NewWebSocketManager(r.Context(), healthUser, websocket.WithBuffer(1), websocket.WithHub(websocket.NewHub()))
	defer m.Close()
	sub := m.Subscribe()
	if err := m.Emit("ping", "pong"); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if ev := <-sub; ev.Payload != "pong" {
		http.Error(w, "unexpected "+ev.String(), http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}
