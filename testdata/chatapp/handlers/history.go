package handlers

import (
	"net/http"
	"strconv"

	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

// History handles GET /history?n=20 and tells the user's other tabs how
// much history was synced.
func History(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.URL.Query().Get("n"))
	if err != nil || n <= 0 || n > 200 {
		n = 20
	}
	entries := chat.Histories.Recent(u, n)
	m := websocket.NewWebSocketManager(r.Context(), u)
	defer m.Close()
	_ = m.Emit("history_synced", strconv.Itoa(len(entries)))
	writeJSON(w, http.StatusOK, entries)
}
