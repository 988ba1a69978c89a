package apply

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/perfgate"
)

// BenchError is a performance gate that could not be set up before the
// phase: nothing was written.
type BenchError struct {
	Err    error
	Detail string // the end of the failing command's output
}

func (e *BenchError) Error() string {
	msg := "the benchmarks before the phase: " + e.Err.Error()
	if e.Detail != "" {
		msg += "\n" + e.Detail
	}
	return msg
}

func (e *BenchError) Unwrap() error { return e.Err }

// bench is the performance gate's state: the packages whose test
// binaries it runs, and where those binaries are (a temp dir outside
// the tree, removed when apply returns).
type bench struct {
	targets []perfgate.Target
	dir     string
	builds  int                  // after-builds so far (bisect builds several)
	result  journal.Verification // the baseline's, recorded once the phase has begun
}

func (b *bench) before() string { return filepath.Join(b.dir, "before") }

// measureBaseline builds each package's test binary before anything is
// written and runs its benchmarks once: a pattern that matches nothing,
// a benchmark that fails or a build that fails is a *BenchError.
func (t *txn) measureBaseline() error {
	if t.opts.Bench == nil {
		return nil
	}
	c := t.opts.Bench.Command()
	fmt.Fprintf(t.opts.Stderr, "canonize: verify: before writing: %s\n", c)
	start := time.Now()
	out, err := t.prepareBench()
	t.bench.result = journal.Verification{Command: c, Stage: journal.StageBaseline, Exit: exitStatus(err),
		Millis: time.Since(start).Milliseconds(), Tail: tailOf(out)}
	var ie *InterruptedError
	switch {
	case errors.As(err, &ie):
		return err
	case err != nil:
		return &BenchError{Err: err, Detail: tailOf(out)}
	}
	return nil
}

// prepareBench lists the packages, builds their binaries from the tree
// as it is and runs each once; it returns the output of the last step.
func (t *txn) prepareBench() ([]byte, error) {
	o := t.opts.Bench
	t.bench = &bench{}
	out, err := t.quiet(t.st.Root, "go", o.ListArgs()...)
	if err != nil {
		return out, fmt.Errorf("go list %s: %w", strings.Join(o.Packages, " "), err)
	}
	t.bench.targets = perfgate.ParseTargets(out)
	if len(t.bench.targets) == 0 {
		return nil, &perfgate.NoBenchmarksError{Pattern: o.Pattern}
	}
	if t.bench.dir, err = os.MkdirTemp("", "canonize-bench-"); err != nil {
		return nil, err
	}
	if out, err := t.buildBinaries(t.bench.before()); err != nil {
		return out, err
	}
	s := perfgate.Samples{}
	var all bytes.Buffer
	for i, tg := range t.bench.targets {
		out, err := t.quiet(tg.Dir, perfgate.Binary(t.bench.before(), i), o.RunArgs()...)
		all.Write(out)
		if err != nil {
			return all.Bytes(), fmt.Errorf("the benchmarks of %s failed (%w)", tg.ImportPath, err)
		}
		if err := s.Add(out, tg.ImportPath); err != nil {
			return all.Bytes(), err
		}
	}
	if len(s) == 0 {
		return all.Bytes(), &perfgate.NoBenchmarksError{Pattern: o.Pattern}
	}
	return all.Bytes(), nil
}

// cleanBench removes the gate's test binaries.
func (t *txn) cleanBench() {
	if t.bench != nil && t.bench.dir != "" {
		os.RemoveAll(t.bench.dir)
	}
}

// buildBinaries builds each target's test binary into dir.
func (t *txn) buildBinaries(dir string) ([]byte, error) {
	for i, tg := range t.bench.targets {
		out, err := t.quiet(t.st.Root, "go", t.opts.Bench.BuildArgs(tg, i, dir)...)
		if err != nil {
			return out, fmt.Errorf("go test -c %s failed (%w)", tg.ImportPath, err)
		}
	}
	return nil, nil
}

// quiet runs a command of the gate in dir, stoppable like any
// verification command, and returns its output without streaming it:
// the table says what it measured.
func (t *txn) quiet(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := t.run(cmd)
	return out.Bytes(), err
}

// recordBaseline appends the baseline's verify record, after begin.
func (t *txn) recordBaseline() error {
	if t.bench == nil {
		return nil
	}
	return t.recordResult(t.bench.result)
}

// benchAfter builds the test binaries of the tree as it is now, runs
// them in turn with the old ones, prints the comparison and records it;
// a slowdown past the threshold, a failed run or a benchmark gone is a
// *VerifyError.
func (t *txn) benchAfter(stage journal.Stage) (string, error) {
	o := *t.opts.Bench
	c := o.Command()
	fmt.Fprintf(t.opts.Stderr, "canonize: verify: %s\n", c)
	start := time.Now()
	before, after, out, err := t.interleave()
	v := journal.Verification{Command: c, Stage: stage, Exit: exitStatus(err), Tail: tailOf(out)}
	var ie *InterruptedError
	if errors.As(err, &ie) {
		v.Millis = time.Since(start).Milliseconds()
		return c, errors.Join(err, t.recordResult(v))
	}
	detail := lastLines(v.Tail, 5)
	if err == nil {
		var ds []perfgate.Delta
		ds, err = judge(before, after, o)
		v.Bench = journalDeltas(ds)
		if len(ds) > 0 {
			detail = perfgate.Table(ds, o)
			fmt.Fprint(t.opts.Stderr, "canonize: "+detail)
		}
		if err != nil {
			v.Failure = err.Error()
		}
	}
	v.Millis = time.Since(start).Milliseconds()
	if rerr := t.recordResult(v); rerr != nil {
		return c, fmt.Errorf("record the result of %q: %w", c, rerr)
	}
	if err != nil {
		return c, &VerifyError{Command: c, Err: err, Detail: detail}
	}
	return "", nil
}

// interleave builds the new binaries and runs Count rounds of old and
// new in turn (the new first on odd rounds), so that the machine's
// drift falls on both sides alike.
func (t *txn) interleave() (before, after perfgate.Samples, log []byte, err error) {
	b, o := t.bench, t.opts.Bench
	b.builds++
	dir := filepath.Join(b.dir, fmt.Sprintf("after%d", b.builds))
	if out, err := t.buildBinaries(dir); err != nil {
		return nil, nil, out, err
	}
	before, after = perfgate.Samples{}, perfgate.Samples{}
	var all bytes.Buffer
	for round := range o.Count {
		for i, tg := range b.targets {
			sides := []struct {
				dir string
				s   perfgate.Samples
			}{{b.before(), before}, {dir, after}}
			if round%2 == 1 {
				sides[0], sides[1] = sides[1], sides[0]
			}
			for _, side := range sides {
				out, err := t.quiet(tg.Dir, perfgate.Binary(side.dir, i), o.RunArgs()...)
				all.Write(out)
				if err != nil {
					return nil, nil, all.Bytes(), fmt.Errorf("the benchmarks of %s failed (%w)", tg.ImportPath, err)
				}
				if err := side.s.Add(out, tg.ImportPath); err != nil {
					return nil, nil, all.Bytes(), err
				}
			}
		}
	}
	return before, after, all.Bytes(), nil
}

// judge compares the sides; a benchmark slower than allowed is a
// *perfgate.SlowdownError.
func judge(before, after perfgate.Samples, o perfgate.Options) ([]perfgate.Delta, error) {
	ds, err := perfgate.Compare(before, after, o)
	if err != nil {
		return ds, err
	}
	if slow := perfgate.Failed(ds); len(slow) > 0 {
		return ds, &perfgate.SlowdownError{Fail: o.Fail, Slowest: slow}
	}
	return ds, nil
}

// tailOf is the end of a gate's output, for the journal.
func tailOf(out []byte) string {
	var tb tailBuffer
	tb.Write(out)
	return tb.last(recordedLines)
}

// journalDeltas converts the gate's deltas for the journal.
func journalDeltas(ds []perfgate.Delta) []journal.BenchDelta {
	var out []journal.BenchDelta
	for _, d := range ds {
		out = append(out, journal.BenchDelta{Name: strings.TrimSpace(d.Pkg + " " + d.Name), Unit: "sec/op",
			Before: d.Before, After: d.After, Delta: d.Change, P: d.P, N: d.N, Verdict: journal.Verdict(d.Verdict)})
	}
	return out
}
