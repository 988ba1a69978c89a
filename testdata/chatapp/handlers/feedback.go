package handlers

import (
	"fmt"
	"net/http"

	"example.com/chatapp/websocket"
)

type feedbackRequest struct {
	MessageID string `json:"message_id"`
	Rating    int    `json:"rating"` // 1..5
	Comment   string `json:"comment,omitempty"`
}

// Feedback handles POST /feedback on an assistant answer.
func Feedback(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	var req feedbackRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	if req.Rating < 1 || req.Rating > 5 {
		http.Error(w, "rating must be 1..5", http.StatusBadRequest)
		return
	}
	thanks := "Thanks for the feedback!"
	if req.Rating <= 2 {
		thanks = "Sorry about that — we'll look into it."
	}
	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), u)
	defer m.Close()
	_ = m.Emit("feedback_thanks", fmt.Sprintf("%s (%s)", thanks, req.MessageID))
	w.WriteHeader(http.StatusAccepted)
}
