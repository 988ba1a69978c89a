package handlers

import (
	"net/http"
	"strconv"

	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

// Upload handles POST /upload?name=F&size=N. The file body itself goes to
// object storage directly from the browser; this endpoint registers it.
func Upload(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	name := r.URL.Query().Get("name")
	size, err := strconv.ParseInt(r.URL.Query().Get("size"), 10, 64)
	if name == "" || err != nil {
		http.Error(w, "name and size are required", http.StatusBadRequest)
		return
	}
	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), u)
	defer m.Close()
	_ = m.Emit("upload_received", name)
	if err := chat.Attach(r.Context(), u, name, size); err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
