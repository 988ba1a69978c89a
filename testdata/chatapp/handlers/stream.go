package handlers

import (
	"fmt"
	"net/http"

	"example.com/chatapp/websocket"
)

// Events handles GET /events: a server-sent-events stream of the user's
// events. With ?until=TYPE the stream ends after the first event of that
// type, which is how the CLI waits for one answer.
func Events(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	flusher, _ := w.(http.Flusher)
	until := r.URL.Query().Get("until")

	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), u)
	defer m.Close()
	events := m.Subscribe()

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if flusher != nil {
		flusher.Flush()
	}
	for ev := range events {
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.Type, ev.Payload)
		if flusher != nil {
			flusher.Flush()
		}
		if ev.Type == until {
			return
		}
	}
}
