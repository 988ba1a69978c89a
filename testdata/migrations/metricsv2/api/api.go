// Package api is the shop's HTTP API, instrumented per route.
package api

import (
	"fmt"
	"net/http"
	"strconv"

	"example.com/metricsv2/metrics"
)

var requests = metrics.NewCounterVec(metrics.HTTPSubsystem, "requests_total", "HTTP requests by route and status code.", "route", "code")

func init() {
	if err := metrics.DefaultRegistry.Register(requests); err != nil {
		panic(err)
	}
}

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

// Instrument counts route's requests by status code.
func Instrument(route string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(rec, r)
		requests.Inc(route, strconv.Itoa(rec.code))
	})
}

// Routes returns the shop's handlers.
func Routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/health", Instrument("/health", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})))
	mux.Handle("/metrics", Instrument("/metrics", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, metrics.DefaultRegistry.Expose())
	})))
	return mux
}
