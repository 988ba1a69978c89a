package handlers

import (
	"net/http"

	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

type reactRequest struct {
	Author    string `json:"author"`
	MessageID string `json:"message_id"`
	Emoji     string `json:"emoji"`
}

// React handles POST /react: it notifies the message's author and
// confirms to the reacting user's other tabs.
func React(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req reactRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	if err := chat.React(r.Context(), req.Author, u, req.MessageID, req.Emoji); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), u)
	defer m.Close()
	_ = m.Emit("reaction_saved", req.MessageID+" "+req.Emoji)
	w.WriteHeader(http.StatusNoContent)
}
