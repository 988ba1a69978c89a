package metrics

import "testing"

func TestExpose(t *testing.T) {
	r := NewRegistry()
	c := NewCounter(Opts{Subsystem: SubsystemHTTP, Name: "requests_total"}, "code")
	if err := r.Register(c); err != nil {
		t.Fatal(err)
	}
	c.Inc("200")
	c.Inc("200")
	c.Add(3, "500")
	want := "http_requests_total{code=\"200\"} 2\nhttp_requests_total{code=\"500\"} 3"
	if got := r.Expose(); got != want {
		t.Fatalf("Expose() =\n%s\nwant\n%s", got, want)
	}
	if err := r.Register(c); err == nil {
		t.Fatal("a second Register succeeded")
	}
}
