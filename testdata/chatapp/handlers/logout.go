package handlers

import (
	"net/http"

	"example.com/chatapp/websocket"
)

// EventLoggedOut makes every open tab of the user drop its session.
const EventLoggedOut = "logged_out"

// Logout handles POST /logout.
func Logout(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	everywhere := r.URL.Query().Get("everywhere") == "1"
	if everywhere {
		m := websocket.GetWebSocketManagerFactory().Create(r.Context(), u)
		defer m.Close()
		if err := m.Emit(EventLoggedOut, "signed out on all devices"); err != nil {
			fail(r.Context(), w, u, err)
			return
		}
	}
	w.WriteHeader(http.StatusNoContent)
}
