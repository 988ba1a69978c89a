package sampler

import (
	"math/rand"
	"testing"
)

func TestSameSeedSameDecisions(t *testing.T) {
	a, b := New(0.3, 99), New(0.3, 99)
	kept := 0
	for i := 0; i < 1000; i++ {
		ka, kb := a.Keep(), b.Keep()
		if ka != kb {
			t.Fatalf("decision %d differs for the same seed", i)
		}
		if ka {
			kept++
		}
	}
	if kept < 200 || kept > 400 {
		t.Fatalf("kept %d of 1000 at rate 0.3", kept)
	}
}

func TestIndependentOfGlobalSource(t *testing.T) {
	s := New(0.5, 1)
	first := s.Keep()
	rand.Int() // the process-wide source does not move s
	s2 := New(0.5, 1)
	if s2.Keep() != first {
		t.Fatal("sampler depends on the process-wide source")
	}
}
