package perfgate

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// Options say which benchmarks to run and how to judge them.
type Options struct {
	Pattern   string   // go test -bench PATTERN
	Packages  []string // default ./...
	Count     int      // runs on each side; default DefaultCount, at least MinCount
	BenchTime string   // go test -benchtime; "" is Go's default (1s)
	Fail      float64  // percent slower that fails the gate; default 10
	Warn      float64  // percent slower that warns; default 5
}

// MinCount is the fewest runs that let the U test reach p < 0.05 and
// the median a 95% confidence interval. DefaultCount leaves room for
// outliers: on a loaded machine a run now and then takes several times
// the median, and with 6 a side a clear 2× slowdown came out at p = 0.04.
const (
	MinCount     = 6
	DefaultCount = 10
)

// Defaults fills in the zero fields and checks the rest.
func (o Options) Defaults() (Options, error) {
	if o.Pattern == "" {
		return o, errors.New("bench: no pattern")
	}
	if len(o.Packages) == 0 {
		o.Packages = []string{"./..."}
	}
	if o.Count == 0 {
		o.Count = DefaultCount
	}
	if o.Fail == 0 {
		o.Fail = 10
	}
	if o.Warn == 0 {
		o.Warn = min(5, o.Fail)
	}
	switch {
	case o.Count < MinCount:
		return o, fmt.Errorf("bench: -count %d: at least %d runs are needed to tell a slowdown from noise", o.Count, MinCount)
	case o.Fail < 0 || o.Warn < 0 || o.Warn > o.Fail:
		return o, fmt.Errorf("bench: thresholds warn %v%%, fail %v%%: want 0 ≤ warn ≤ fail", o.Warn, o.Fail)
	}
	return o, nil
}

// Command is the gate as a person would read it, in go test's terms.
func (o Options) Command() string {
	cmd := fmt.Sprintf("go test -run '^$' -bench %s -count %d", o.Pattern, o.Count)
	if o.BenchTime != "" {
		cmd += " -benchtime " + o.BenchTime
	}
	return cmd + " " + strings.Join(o.Packages, " ") + " (old and new test binaries in turn)"
}

// Samples are the sec/op measurements of each benchmark, by key.
type Samples map[Key][]float64

// Key names a benchmark: its package and full name, without the
// GOMAXPROCS suffix go test adds.
type Key struct{ Pkg, Name string }

func (k Key) String() string { return k.Pkg + " " + k.Name }

// NoBenchmarksError is a run whose output has no benchmark result.
type NoBenchmarksError struct{ Pattern string }

func (e *NoBenchmarksError) Error() string {
	return fmt.Sprintf("bench: -bench %q matched no benchmark", e.Pattern)
}

// Add reads the benchmark output of package pkg's test binary into s.
func (s Samples) Add(out []byte, pkg string) error {
	r := benchfmt.NewReader(bytes.NewReader(out), pkg)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue // unit metadata, or a line that is not a result
		}
		v, ok := res.Value("sec/op")
		if !ok {
			continue
		}
		// benchfmt drops the "Benchmark" prefix; people grep for it.
		k := Key{Pkg: pkg, Name: "Benchmark" + trimProcs(string(res.Name.Full()))}
		s[k] = append(s[k], v)
	}
	if err := r.Err(); err != nil {
		return fmt.Errorf("bench: read the results of %s: %w", pkg, err)
	}
	return nil
}

// trimProcs drops the -N GOMAXPROCS suffix of a benchmark name.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	for _, c := range name[i+1:] {
		if c < '0' || c > '9' {
			return name
		}
	}
	return name[:i]
}

// Verdict is what the gate made of one benchmark's change.
type Verdict string

// The verdicts; the package doc says when each is given.
const (
	Same   Verdict = "same"
	Faster Verdict = "faster"
	OK     Verdict = "ok"
	Warn   Verdict = "warn"
	Slower Verdict = "slower"
)

// Delta is one benchmark's change across the phase.
type Delta struct {
	Key
	Before, After     float64 // medians, sec/op
	BeforeCI, AfterCI float64 // half-width of each median's 95% confidence interval, percent of it
	Change            float64 // (After-Before)/Before, percent
	P                 float64 // Mann-Whitney U test
	N                 int     // runs on each side (the smaller)
	Verdict           Verdict
}

// MissingError is a benchmark measured before the phase and not after.
type MissingError struct{ Keys []Key }

func (e *MissingError) Error() string {
	var names []string
	for _, k := range e.Keys {
		names = append(names, k.String())
	}
	return "bench: measured before the phase, missing after: " + strings.Join(names, ", ")
}

// Compare judges every benchmark measured before; the deltas are sorted
// by key. A benchmark missing after is a *MissingError.
func Compare(before, after Samples, o Options) ([]Delta, error) {
	var out []Delta
	var missing []Key
	thr := benchmath.DefaultThresholds
	for k, b := range before {
		a, ok := after[k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		out = append(out, judge(k, benchmath.NewSample(b, &thr), benchmath.NewSample(a, &thr), o))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key.String() < out[j].Key.String() })
	if len(missing) > 0 {
		sort.Slice(missing, func(i, j int) bool { return missing[i].String() < missing[j].String() })
		return out, &MissingError{Keys: missing}
	}
	return out, nil
}

func judge(k Key, b, a *benchmath.Sample, o Options) Delta {
	sb := benchmath.AssumeNothing.Summary(b, 0.95)
	sa := benchmath.AssumeNothing.Summary(a, 0.95)
	c := benchmath.AssumeNothing.Compare(b, a)
	d := Delta{Key: k, Before: sb.Center, After: sa.Center, BeforeCI: halfWidth(sb), AfterCI: halfWidth(sa),
		P: c.P, N: min(c.N1, c.N2)}
	if sb.Center > 0 {
		d.Change = (sa.Center - sb.Center) / sb.Center * 100
	}
	switch {
	case c.P >= c.Alpha:
		d.Verdict = Same
	case d.Change <= 0:
		d.Verdict = Faster
	case d.Change > o.Fail:
		d.Verdict = Slower
	case d.Change > o.Warn:
		d.Verdict = Warn
	default:
		d.Verdict = OK
	}
	return d
}

// halfWidth is benchstat's ±x%: the larger distance from the median to
// an end of its confidence interval, in percent; 0 when it has none.
func halfWidth(s benchmath.Summary) float64 {
	w := max(s.Hi-s.Center, s.Center-s.Lo) / s.Center * 100
	if math.IsNaN(w) || math.IsInf(w, 0) || s.Center == 0 {
		return 0
	}
	return w
}

// Failed lists the deltas whose verdict fails the gate.
func Failed(ds []Delta) []Delta {
	var out []Delta
	for _, d := range ds {
		if d.Verdict == Slower {
			out = append(out, d)
		}
	}
	return out
}

// SlowdownError is a gate that failed: the benchmarks slower than allowed.
type SlowdownError struct {
	Fail    float64
	Slowest []Delta
}

func (e *SlowdownError) Error() string {
	var parts []string
	for _, d := range e.Slowest {
		parts = append(parts, fmt.Sprintf("%s %+.1f%%", d.Name, d.Change))
	}
	return fmt.Sprintf("slower than the %v%% allowed: %s", e.Fail, strings.Join(parts, ", "))
}
