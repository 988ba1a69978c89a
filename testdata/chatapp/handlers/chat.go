package handlers

import (
	"net/http"

	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

type chatRequest struct {
	Text string `json:"text"`
}

type chatResponse struct {
	Session string   `json:"session"`
	Reply   string   `json:"reply"`
	Events  []string `json:"events"`
}

// Chat handles POST /chat: it answers one message synchronously and
// lists the agent events the user's connections received meanwhile.
func Chat(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req chatRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	sess, err := chat.OpenSession(r.Context(), u)
	if err != nil {
		fail(r.Context(), w, u, err)
		return
	}
	defer sess.Close()

	websocket.GetWebSocketManagerFactory().Create(r.Context(), u).Emit("assistant_typing", sess.ID)
	reply, err := sess.Send(r.Context(), req.Text)
	if err != nil {
		fail(r.Context(), w, u, err)
		return
	}
	resp := chatResponse{Session: sess.ID, Reply: reply}
	for _, ev := range sess.Pending() {
		if websocket.IsAgentEvent(ev.Type) {
			resp.Events = append(resp.Events, ev.Type)
		}
	}
	writeJSON(w, http.StatusOK, resp)
}
