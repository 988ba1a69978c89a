package loadgen

import (
	"sort"
	"strings"
	"testing"

	"example.com/randseed/internal/randutil"
)

func TestBatchDrawsOnlyKinds(t *testing.T) {
	g := New(Config{Seed: 42, Kinds: []string{"read", "write"}})
	for _, k := range g.Batch(50) {
		if k != "read" && k != "write" {
			t.Fatalf("unexpected kind %q", k)
		}
	}
}

func TestShuffledIsAPermutation(t *testing.T) {
	randutil.Seed(7)
	g := New(Config{Kinds: []string{"a", "b", "c", "d"}})
	got := g.Shuffled()
	sort.Strings(got)
	if strings.Join(got, "") != "abcd" {
		t.Fatalf("Shuffled = %v", got)
	}
}
