// Package server is pasted's HTTP API.
package server

import (
	"net/http"
	"time"

	"golang.org/x/net/context"

	"example.com/xnetcontext/store"
)

// requestTimeout bounds each request's work in the store.
const requestTimeout = 2 * time.Second

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request's id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the id WithRequestID stored, or "-".
func RequestID(ctx context.Context) string {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		return id
	}
	return "-"
}

// Server serves pastes from a store.
type Server struct {
	Store store.Store
	mux   *http.ServeMux
}

// New returns a server over s.
func New(s store.Store) *Server {
	srv := &Server{Store: s, mux: http.NewServeMux()}
	srv.mux.HandleFunc("/p/", srv.get)
	srv.mux.HandleFunc("/new", srv.put)
	return srv
}

// ServeHTTP tags the request with its id and a deadline.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	ctx = WithRequestID(ctx, r.Header.Get("X-Request-Id"))
	w.Header().Set("X-Request-Id", RequestID(ctx))
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}
