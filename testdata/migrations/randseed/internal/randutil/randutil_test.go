package randutil

import (
	"testing"
	"time"
)

func TestJitterStaysInRange(t *testing.T) {
	for i := 0; i < 1000; i++ {
		got := Jitter(time.Second, 0.1)
		if got < 900*time.Millisecond || got > 1100*time.Millisecond {
			t.Fatalf("Jitter(1s, 0.1) = %v", got)
		}
	}
	if got := Jitter(0, 0.5); got != 0 {
		t.Fatalf("Jitter(0) = %v", got)
	}
}

func TestPick(t *testing.T) {
	items := []string{"a", "b", "c"}
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		seen[Pick(items)] = true
	}
	if len(seen) != 3 {
		t.Fatalf("Pick saw %v", seen)
	}
	if Pick(nil) != "" {
		t.Fatal("Pick(nil) not empty")
	}
}
