package journal

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Verification is what a verify record says of one verification
// command: what ran, where, how it ended, how long it took and the end
// of what it printed, with the benchmark comparison when it measured.
type Verification struct {
	Command string `json:"command"`
	// Config is the build configuration the command checks
	// ("linux/amd64", "windows/amd64 tags=x"); empty for a shell command.
	Config string `json:"config,omitempty"`
	Stage  Stage  `json:"stage,omitempty"`
	// Exit is the command's exit status; -1 when it ended without one
	// (killed by a signal, or it could not start).
	Exit   int    `json:"exit"`
	Millis int64  `json:"duration_ms"`
	Tail   string `json:"tail,omitempty"` // the last lines of its output
	// Selected and Total count the packages an affected-tests run chose
	// and the module's packages in its configuration; 0 otherwise.
	Selected int `json:"selected,omitempty"`
	Total    int `json:"total,omitempty"`
	// Failure says why a command that exited 0 failed the verification
	// (the performance gate: "slower than the 10% allowed: …").
	Failure string `json:"failure,omitempty"`
	// Bench compares each benchmark before the phase and after it.
	Bench []BenchDelta `json:"bench,omitempty"`
}

// Stage says when a verification ran.
type Stage string

// The stages. The zero Stage is the phase's verification after writing.
const (
	StageAfter    Stage = ""         // after writing the phase: decides whether it is kept
	StageBaseline Stage = "baseline" // before writing: the benchmarks' numbers to compare with
	StageBisect   Stage = "bisect"   // a probe of bisect, with only some files applied
)

// BenchDelta is one benchmark's change across a phase: the centres
// (medians) of its samples before and after, the change in percent
// with its confidence interval, the p-value of the difference and the
// verdict the thresholds gave.
type BenchDelta struct {
	Name    string  `json:"name"`
	Unit    string  `json:"unit"`
	Before  float64 `json:"before"`
	After   float64 `json:"after"`
	Delta   float64 `json:"delta_pct"` // (After-Before)/Before in percent, significant or not
	P       float64 `json:"p"`
	N       int     `json:"n"` // samples on each side
	Verdict Verdict `json:"verdict"`
}

// Verdict is what the performance gate made of a benchmark's change.
type Verdict string

// The verdicts.
const (
	VerdictSame   Verdict = "same"   // no significant change
	VerdictFaster Verdict = "faster" // significantly better
	VerdictOK     Verdict = "ok"     // significantly worse, under the warning line
	VerdictWarn   Verdict = "warn"   // worse past the warning line, under the failure line
	VerdictSlower Verdict = "slower" // worse past the failure line: the verification failed
)

// maxTail bounds a verify record's output tail, so that one command
// that prints megabytes cannot bloat the journal.
const maxTail = 8192

// check validates a verify record's result.
func (v *Verification) check() error {
	if v.Command == "" {
		return errors.New("verify: no command")
	}
	if v.Exit < -1 || v.Millis < 0 {
		return fmt.Errorf("verify: exit %d, duration %d ms: out of range", v.Exit, v.Millis)
	}
	if len(v.Tail) > maxTail || len(v.Failure) > maxTail {
		return fmt.Errorf("verify: tail or failure of more than %d bytes", maxTail)
	}
	if v.Selected < 0 || v.Total < v.Selected {
		return fmt.Errorf("verify: %d of %d packages", v.Selected, v.Total)
	}
	switch v.Stage {
	case StageAfter, StageBaseline, StageBisect:
	default:
		return fmt.Errorf("verify: unknown stage %q", v.Stage)
	}
	for _, b := range v.Bench {
		if err := b.check(); err != nil {
			return fmt.Errorf("verify: bench %q: %w", b.Name, err)
		}
	}
	return nil
}

func (b *BenchDelta) check() error {
	if b.Name == "" || b.Unit == "" || strings.ContainsAny(b.Name+b.Unit, "\n") {
		return errors.New("no name or unit")
	}
	for _, f := range []float64{b.Before, b.After, b.Delta, b.P} {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%v: not a number", f)
		}
	}
	if b.P < 0 || b.P > 1 || b.N < 0 {
		return fmt.Errorf("p %v, n %d: out of range", b.P, b.N)
	}
	switch b.Verdict {
	case VerdictSame, VerdictFaster, VerdictOK, VerdictWarn, VerdictSlower:
		return nil
	}
	return fmt.Errorf("unknown verdict %q", b.Verdict)
}
