package handlers

import (
	"net/http"
	"time"

	"example.com/chatapp/internal/auth"
	"example.com/chatapp/websocket"
)

type loginRequest struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

type loginResponse struct {
	Token   string    `json:"token"`
	Expires time.Time `json:"expires"`
}

// Login handles POST /login.
func Login(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if !decodeJSON(w, r, &req) {
		return
	}
	tok, err := auth.Login(r.Context(), req.User, req.Password)
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), tok.UserID)
	_ = m.Emit("login_from", r.RemoteAddr)
	m.Close()
	writeJSON(w, http.StatusOK, loginResponse{Token: tok.Value, Expires: tok.Expires})
}
