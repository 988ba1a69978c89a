package handlers

import (
	"net/http"

	"example.com/chatapp/websocket"
)

type presenceResponse struct {
	User        string `json:"user"`
	Online      bool   `json:"online"`
	Connections int    `json:"connections"`
}

// Presence handles GET /presence?user=U.
func Presence(w http.ResponseWriter, r *http.Request) {
	if _, ok := requireUser(w, r); !ok {
		return
	}
	target := r.URL.Query().Get("user")
	if target == "" {
		http.Error(w, "user is required", http.StatusBadRequest)
		return
	}
	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), target)
	defer m.Close()
	n := m.Listeners()
	writeJSON(w, http.StatusOK, presenceResponse{User: target, Online: n > 0, Connections: n})
}
