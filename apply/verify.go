package apply

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"

	"github.com/canonize/canonize/journal"
)

// verifyPhase runs the verification commands. On failure it rolls the
// whole phase back — or, with bisect, finds the files that make
// verification fail, rolls back only those and returns them.
func (t *txn) verifyPhase() (bad []string, err error) {
	failed, verr := t.runVerify(journal.StageAfter)
	if verr == nil {
		return nil, nil
	}
	var ie *InterruptedError
	if errors.As(verr, &ie) || !t.opts.Bisect || len(t.files) < 2 {
		if err := t.abort(verr); err != nil {
			return nil, err
		}
		return nil, verr
	}
	fmt.Fprintf(t.opts.Stderr, "canonize: %q failed; bisecting %d files\n", failed, len(t.files))
	t.bisecting = true
	culprits, err := t.bisect()
	if err != nil {
		return nil, t.abort(err)
	}
	keep := map[string]bool{}
	for _, f := range t.files {
		keep[f.Path] = !culprits[f.Path]
	}
	if err := t.setApplied(keep); err != nil {
		return nil, t.abort(err)
	}
	if _, err := t.runVerify(journal.StageAfter); err != nil || len(culprits) == 0 {
		// The failure needs a combination of files, or is not ours at all.
		if err == nil {
			err = verr
		}
		return nil, t.abortAll(fmt.Errorf("bisect found no single culprit: %w", err))
	}
	for _, f := range t.files {
		if culprits[f.Path] {
			bad = append(bad, f.Path)
			if err := t.record(journal.OpRestore, f.Path, "bisect"); err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(bad)
	return bad, nil
}

// abortAll restores every file of the phase (whatever bisect left) and
// records the abort.
func (t *txn) abortAll(cause error) error {
	t.written = t.files
	return t.abort(cause)
}

// bisect finds the files that fail verification when applied on top of
// the files known to pass: halves are tried in turn, a failing half is
// split until single files are left.
func (t *txn) bisect() (map[string]bool, error) {
	culprits := map[string]bool{}
	good := map[string]bool{}
	var find func(cands []string) error
	find = func(cands []string) error {
		on := map[string]bool{}
		for k := range good {
			on[k] = true
		}
		for _, c := range cands {
			on[c] = true
		}
		if err := t.setApplied(on); err != nil {
			return err
		}
		_, err := t.runVerify(journal.StageBisect)
		var ie *InterruptedError
		switch {
		case errors.As(err, &ie):
			return err
		case err == nil:
			for _, c := range cands {
				good[c] = true
			}
			return nil
		}
		if len(cands) == 1 {
			culprits[cands[0]] = true
			return nil
		}
		mid := len(cands) / 2
		if err := find(cands[:mid]); err != nil {
			return err
		}
		return find(cands[mid:])
	}
	var all []string
	for _, f := range t.files {
		all = append(all, f.Path)
	}
	return culprits, find(all)
}

// Check is one verification command besides the shell commands of
// Options.Verify.
type Check struct {
	Command string   // as shown, recorded and named in errors
	Argv    []string // run without a shell; nil runs Command with sh -c
	Env     []string // added to the environment (GOOS=windows, …)
	Config  string   // the build configuration it checks; "" when none
	// Selected and Total, for a run of affected tests, count the
	// packages chosen and the module's packages, for the journal.
	Selected, Total int
}

// checks are the Verify commands as Checks, then opts.Checks.
func (t *txn) checks() []Check {
	var out []Check
	for _, c := range t.opts.Verify {
		out = append(out, Check{Command: c})
	}
	return append(out, t.opts.Checks...)
}

// runVerify runs each check in the root, streaming its output and
// recording its result in the journal, then the benchmarks of the
// performance gate if there is one; it returns the first that fails.
func (t *txn) runVerify(stage journal.Stage) (string, error) {
	for _, c := range t.checks() {
		_, v, err := t.execute(c, stage, false)
		if rerr := t.recordResult(v); rerr != nil {
			return c.Command, fmt.Errorf("record the result of %q: %w", c.Command, rerr)
		}
		if err != nil {
			var ie *InterruptedError
			if errors.As(err, &ie) {
				return c.Command, err
			}
			return c.Command, &VerifyError{Command: c.Command, Err: err, Detail: lastLines(v.Tail, 5)}
		}
	}
	if t.opts.Bench != nil {
		return t.benchAfter(stage)
	}
	return "", nil
}

// execute runs one check in the root, streaming its output, and
// returns its whole output when keep is set, and its result (not yet
// recorded).
func (t *txn) execute(c Check, stage journal.Stage, keep bool) ([]byte, journal.Verification, error) {
	fmt.Fprintf(t.opts.Stderr, "canonize: verify: %s\n", c.Command)
	cmd := c.cmd(t.st.Root)
	var tail tailBuffer
	var all bytes.Buffer
	var whole io.Writer
	if keep {
		whole = &all
	}
	cmd.Stdout = multi(t.opts.Stdout, &tail, whole)
	cmd.Stderr = multi(t.opts.Stderr, &tail, whole)
	start := time.Now()
	err := t.run(cmd)
	v := journal.Verification{Command: c.Command, Config: c.Config, Stage: stage, Exit: exitStatus(err),
		Millis: time.Since(start).Milliseconds(), Tail: tail.last(recordedLines), Selected: c.Selected, Total: c.Total}
	return all.Bytes(), v, err
}

// recordResult appends a verify record. The phase's own verification
// is a durability point; bisect's probes are not.
func (t *txn) recordResult(v journal.Verification) error {
	if err := t.st.Append(journal.Record{Op: journal.OpVerify, Phase: t.phase.Number, Verify: &v}); err != nil {
		return err
	}
	if v.Stage != journal.StageBisect && !t.bisecting {
		t.durable()
	}
	return nil
}

// recordedLines is how much of a command's output the journal keeps.
const recordedLines = 20

// exitStatus is a finished command's exit status: -1 when it has none
// (killed by a signal, stopped by canonize, or never started).
func exitStatus(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}

// cmd is the process that runs the check in dir.
func (c Check) cmd(dir string) *exec.Cmd {
	cmd := exec.Command("sh", "-c", c.Command)
	if c.Argv != nil {
		cmd = exec.Command(c.Argv[0], c.Argv[1:]...)
	}
	cmd.Dir = dir
	if c.Env != nil {
		cmd.Env = append(os.Environ(), c.Env...)
	}
	return cmd
}

// tailBuffer keeps the last lines of a command's output for the error.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = t.b[len(t.b)-4096:]
	}
	return len(p), nil
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// last returns the last n lines, as valid UTF-8: the buffer may start
// inside a character, and the journal must read back what it wrote.
func (t *tailBuffer) last(n int) string {
	lines := strings.Split(strings.TrimSpace(strings.ToValidUTF8(string(t.b), "?")), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

type multiWriter struct{ ws []io.Writer }

func (m multiWriter) Write(p []byte) (int, error) {
	for _, w := range m.ws {
		if w != nil {
			w.Write(p)
		}
	}
	return len(p), nil
}

func multi(ws ...io.Writer) multiWriter { return multiWriter{ws} }

// run runs a verification command in a process group of its own and
// waits for it; a signal on Interrupt stops the whole group (the shell
// and whatever it started), so nothing goes on after canonize is done.
func (t *txn) run(cmd *exec.Cmd) error {
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case sig := <-t.opts.Interrupt:
		killGroup(cmd)
		<-done
		return &InterruptedError{Signal: sig}
	}
}
