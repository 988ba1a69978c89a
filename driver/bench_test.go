package driver_test

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"github.com/canonize/canonize/driver"
)

// BenchmarkPlan runs the whole analysis (go vet with canonize's Analyzer
// and Go's inliner in every configuration, the decisions across
// packages, the plan) on the module in $CANONIZE_BENCH_DIR, e.g. one
// written by go run ./bench/gen; it is skipped when that is unset. The
// go command's cache makes every iteration after the first a warm run.
// Profile the driver's own process with
//
//	CANONIZE_BENCH_DIR=/tmp/g5k go test ./driver -run '^$' -bench Plan -cpuprofile cpu.out
func BenchmarkPlan(b *testing.B) {
	dir := os.Getenv("CANONIZE_BENCH_DIR")
	if dir == "" {
		b.Skip("set CANONIZE_BENCH_DIR to a module with a canonize.yaml")
	}
	for range b.N {
		res, err := driver.Plan(withTool(b, driver.Options{Dir: dir}))
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Changes) == 0 {
			b.Fatal("no changes: the benchmark measures nothing")
		}
		// CANONIZE_HEAP=FILE writes the heap while the result is alive.
		if out := os.Getenv("CANONIZE_HEAP"); out != "" {
			runtime.GC()
			f, err := os.Create(out)
			if err != nil {
				b.Fatal(err)
			}
			pprof.WriteHeapProfile(f)
			f.Close()
		}
		runtime.KeepAlive(res)
	}
}
