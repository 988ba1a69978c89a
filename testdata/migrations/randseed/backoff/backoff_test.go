package backoff

import (
	"math/rand"
	"os"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	// A fixed seed "so failures reproduce"; the assertions below do not
	// depend on it.
	rand.Seed(1)
	os.Exit(m.Run())
}

func TestDelayGrowsToMax(t *testing.T) {
	p := Policy{Base: 100 * time.Millisecond, Max: time.Second}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for n, w := range want {
		if got := p.Delay(n); got != w*time.Millisecond {
			t.Errorf("Delay(%d) = %v, want %v", n, got, w*time.Millisecond)
		}
	}
}

func TestJitterBelowDelay(t *testing.T) {
	p := Policy{Base: time.Second, Max: time.Minute, Jitter: 0.5}
	for i := 0; i < 100; i++ {
		if d := p.Delay(2); d > 4*time.Second || d < 2*time.Second {
			t.Fatalf("Delay(2) with jitter = %v", d)
		}
	}
}
