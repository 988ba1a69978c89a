// Package handlers is the chat service's HTTP API. Routes are declared in
// routes.yaml and compiled into zz_generated_routes.go by routegen.
package handlers

import (
	"encoding/json"
	"net/http"
)

// UserHeader carries the authenticated user, set by the edge proxy after
// it validated the session token.
const UserHeader = "X-User-ID"

func userID(r *http.Request) string { return r.Header.Get(UserHeader) }

// requireUser rejects requests that did not pass the edge proxy.
func requireUser(w http.ResponseWriter, r *http.Request) (string, bool) {
	u := userID(r)
	if u == "" {
		http.Error(w, "missing "+UserHeader, http.StatusUnauthorized)
		return "", false
	}
	return u, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(v); err != nil {
		http.Error(w, "bad request body: "+err.Error(), http.StatusBadRequest)
		return false
	}
	return true
}
