package load

import (
	"os"
	"testing"
)

// BenchmarkWalkModules measures the listing of every package by walking
// the module in $CANONIZE_BENCH_DIR (skipped when unset).
func BenchmarkWalkModules(b *testing.B) {
	dir := os.Getenv("CANONIZE_BENCH_DIR")
	if dir == "" {
		b.Skip("set CANONIZE_BENCH_DIR")
	}
	for range b.N {
		if _, err := walkModules(dir); err != nil {
			b.Fatal(err)
		}
	}
}
