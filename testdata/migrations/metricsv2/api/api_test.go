package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.com/metricsv2/metrics"
)

func TestHealthCounted(t *testing.T) {
	srv := httptest.NewServer(Routes())
	defer srv.Close()
	for i := 0; i < 2; i++ {
		resp, err := http.Get(srv.URL + "/health")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := requests.Value("/health", "200"); got != 2 {
		t.Fatalf("requests{/health,200} = %v", got)
	}
	if !strings.Contains(metrics.DefaultRegistry.Expose(), `http_requests_total{route="/health",code="200"} 2`) {
		t.Fatalf("exposition:\n%s", metrics.DefaultRegistry.Expose())
	}
}

func TestNotFoundCounted(t *testing.T) {
	h := Instrument("/missing", http.NotFoundHandler())
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/missing", nil))
	if got := requests.Value("/missing", "404"); got != 1 {
		t.Fatalf("requests{/missing,404} = %v", got)
	}
}
