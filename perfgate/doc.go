// Package perfgate is the performance gate of a phase: it runs Go
// benchmarks before a phase is written and after, compares them with
// benchstat's statistics (golang.org/x/perf/benchmath: medians with 95%
// confidence intervals, a Mann-Whitney U test for the difference) and
// says whether the phase made any of them slower than allowed.
//
// A benchmark's verdict, on its time per operation (sec/op):
//
//	same     the difference is not significant (p ≥ 0.05), whatever its size
//	faster   significantly faster
//	ok       significantly slower by at most Warn percent
//	warn     slower by more than Warn percent (default 5) and at most Fail
//	slower   slower by more than Fail percent (default 10): the gate fails
//
// Requiring significance is what keeps noise from failing a phase:
// with -count 10 on each side (the default; 6 at least) the test can
// reach p < 0.0002, and a
// benchmark whose runs spread by ±15% needs a shift beyond that spread
// to count. Other units (B/op, allocs/op) are not gated.
//
// Bad input is never a silent pass: a pattern that matches no benchmark,
// a benchmark that fails or panics, fewer than 6 runs (too few for the
// test to ever reach p < 0.05 with a confidence interval), and a
// benchmark measured before but missing after are errors.
//
// # Interleaving
//
// The two sides are not measured one after the other: on a shared
// machine the load drifts, and a drift between two batches looks like
// a change (identical code measured +26% "slower" at p = 0.015 that
// way, here). Before the phase is written each package's test binary
// is built ([Options.BuildArgs]) and its benchmarks run once, which
// checks the pattern and the benchmarks; after, the new binaries are
// built and the rounds alternate: round i runs the old then the new
// binary (the new first on odd rounds), Count rounds, so that drift
// falls on both sides alike.
//
// It runs nothing itself: the Args methods are command lines and
// [Parse] reads their output, so the caller (package apply) runs them
// as it runs every verification command, stoppable and recorded.
package perfgate
