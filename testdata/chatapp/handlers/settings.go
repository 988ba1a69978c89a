package handlers

import (
	"net/http"
	"sort"
	"strings"

	"example.com/chatapp/websocket"
)

// knownSettings are the keys a user may change.
var knownSettings = map[string]bool{"theme": true, "language": true, "enter_sends": true, "compact": true}

// Settings handles PUT /settings with a flat JSON object of strings and
// syncs the change to the user's other tabs.
func Settings(w http.ResponseWriter, r *http.Request) {
	u, ok := requireUser(w, r)
	if !ok {
		return
	}
	var changes map[string]string
	if !decodeJSON(w, r, &changes) {
		return
	}
	keys := make([]string, 0, len(changes))
	for k, v := range changes {
		if !knownSettings[k] {
			http.Error(w, "unknown setting "+k, http.StatusBadRequest)
			return
		}
		keys = append(keys, k+"="+v)
	}
	sort.Strings(keys)
	m := websocket.GetWebSocketManagerFactory().Create(r.Context(), u)
	defer m.Close()
	_ = m.Emit("settings_changed", strings.Join(keys, "&"))
	w.WriteHeader(http.StatusNoContent)
}
