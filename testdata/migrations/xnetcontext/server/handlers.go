package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	xcontext "golang.org/x/net/context"

	"example.com/xnetcontext/store"
)

// ttl is how long a new paste lives.
const ttl = 24 * time.Hour

func (s *Server) get(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/p/")
	p, err := s.Store.Get(r.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		http.NotFound(w, r)
	case errors.Is(err, xcontext.DeadlineExceeded):
		http.Error(w, "store timed out", http.StatusGatewayTimeout)
	case err != nil:
		http.Error(w, err.Error(), http.StatusInternalServerError)
	default:
		io.WriteString(w, p.Body)
	}
}

func (s *Server) put(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id := newID(r.Context(), body)
	if err := s.save(r.Context(), store.Paste{ID: id, Body: string(body), Expires: time.Now().Add(ttl)}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, id)
}

// save stores p on a context detached from the request's cancellation,
// so a client that hangs up does not lose its paste.
func (s *Server) save(ctx context.Context, p store.Paste) error {
	ctx, cancel := xcontext.WithTimeout(context.WithoutCancel(ctx), requestTimeout)
	defer cancel()
	return s.Store.Put(ctx, p)
}

// newID derives a paste id from its body and the request id.
func newID(ctx xcontext.Context, body []byte) string {
	var h uint32 = 2166136261
	for _, b := range append(body, RequestID(ctx)...) {
		h = (h ^ uint32(b)) * 16777619
	}
	return fmt.Sprintf("%08x", h)
}
