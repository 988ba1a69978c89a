//go:build stress

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// attackSignal: SIGINT or SIGTERM, in a third of the trials followed by
// a second one (of either kind) 0..100 ms later, at a random moment of
// apply: 0..3.5 s after it starts (mostly while it loads the module,
// before it writes anything), or a random delay after its verify
// command started (the command sleeps 0.2..1.2 s, then touches a file).
//
// Survived: apply ended as documented — exit 0 (it finished first), 130
// or 143 for the first signal (the phase rolled back), or killed by a
// signal it was sent (one that came before apply installed its handler,
// or the second) — and afterwards the tree is byte-identical to the
// original, after rollback --all (repeated if it must be) when apply did
// not restore it. Lost: any of that failed, or the verify command's
// process outlived canonize (its file appeared after canonize exited).
// Anomalies: exit 130/143 with the tree not restored by apply itself;
// exit 0 with a tree that is not the applied one; more than one
// rollback needed.
func attackSignal(t *testing.T, fx *fixture, rng *rand.Rand, _ string) verdict {
	dir := applyTree(t)
	flags := flagDir(t)
	started, finished := filepath.Join(flags, "started"), filepath.Join(flags, "finished")
	sleep := ms(rng, 200, 1200)
	script := fmt.Sprintf("touch %s; sleep %s; touch %s", started, secs(sleep), finished)
	sigs := []syscall.Signal{randSignal(rng)}
	if rng.IntN(3) == 0 {
		sigs = append(sigs, randSignal(rng))
	}
	p := start(t, dir, nil, binary, "apply", "--phase", "2", "--verify", script)
	var v verdict
	if rng.IntN(2) == 0 {
		d := ms(rng, 0, 3500)
		v.how = fmt.Sprintf("%v %v after start", sigs, d)
		time.Sleep(d)
	} else {
		waitHeld(p, started)
		d := ms(rng, 0, int(sleep/time.Millisecond)+100)
		v.how = fmt.Sprintf("%v %v into verify", sigs, d)
		time.Sleep(d)
	}
	for i, s := range sigs {
		if i > 0 {
			time.Sleep(ms(rng, 0, 100))
		}
		p.cmd.Process.Signal(s) // an error: it already exited
	}
	ex := p.wait()
	v.how += ": " + ex.String()
	checkSignalExit(t, fx, dir, ex, sigs, &v)
	checkNoOrphan(started, finished, sleep, &v)
	restoreAll(t, fx, dir, &v)
	return v
}

func randSignal(rng *rand.Rand) syscall.Signal {
	if rng.IntN(2) == 0 {
		return syscall.SIGINT
	}
	return syscall.SIGTERM
}

// checkSignalExit checks apply's exit against the documented ones and
// the tree it left against what that exit promises.
func checkSignalExit(t *testing.T, fx *fixture, dir string, ex exitStatus, sigs []syscall.Signal, v *verdict) {
	want := map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143}[sigs[0]]
	switch {
	case ex.sig != 0 && slices.Contains(sigs, ex.sig):
	case ex.code == want:
		if userTree(t, dir) != fx.start {
			v.odd("exit %d but the tree is not as before the phase", ex.code)
		}
	case ex.code == 0:
		if userTree(t, dir) != fx.done {
			v.odd("exit 0 but the tree is not the applied one")
		}
	default:
		v.lose("apply ended with %v after %v: not a documented exit", ex, sigs)
	}
}

// checkNoOrphan checks that no verify command outlived canonize: if it
// had not finished when canonize exited, its file must not appear once
// its sleep is over (nor, if it had not started, its start file).
func checkNoOrphan(started, finished string, sleep time.Duration, v *verdict) {
	if exists(finished) {
		return
	}
	wasStarted := exists(started)
	grace := 300 * time.Millisecond
	if wasStarted {
		grace += sleep + time.Second
	}
	time.Sleep(grace)
	switch {
	case exists(finished):
		v.lose("the verify command finished after canonize exited: its process outlived canonize")
	case !wasStarted && exists(started):
		v.lose("the verify command started after canonize exited")
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// restoreAll runs rollback --all until the tree is byte-identical to the
// original, at most four times; lost if it never is.
func restoreAll(t *testing.T, fx *fixture, dir string, v *verdict) {
	for try := 1; ; try++ {
		if userTree(t, dir) == fx.start {
			if try > 2 {
				v.odd("the tree came back after %d rollbacks", try-1)
			}
			return
		}
		if try > 4 {
			v.lose("the tree is not byte-identical to the original after 4 rollback --all")
			return
		}
		if r := canonize(t, dir, "rollback", "--all"); r.code != 0 {
			v.odd("rollback --all #%d: exit %d\n%s", try, r.code, r.stderr)
		}
	}
}

// attackKill: kill -9 at a random moment of apply or of rollback:
//
//   - apply paused at a random durability point (pausedApply);
//   - apply killed 0..150 ms after its begin record reaches the journal,
//     a span covering the writes (about 10 ms), the verify command (a
//     random sleep of 0..100 ms, or false) and the automatic rollback
//     after a failed verify;
//   - apply killed 0..3.5 s after it starts;
//   - rollback --all or --phase 2 of the applied phase, 0..20 ms in.
//
// Then rollback --all until it exits 0, the first one itself killed at a
// random moment in a third of the trials.
//
// Lost: right after the kill a phase file holds neither its content
// from before the phase nor canonize's, or after the rollbacks the tree
// is not byte-identical to the original. Anomaly: status fails after
// the kill.
func attackKill(t *testing.T, fx *fixture, rng *rand.Rand, _ string) verdict {
	var v verdict
	var dir string
	switch rng.IntN(4) {
	case 0:
		dir = applyTree(t)
		k := 1 + rng.IntN(3+2*len(fx.files)) // begin, (record, write) per file, verify, commit
		v.how = fmt.Sprintf("apply paused at point %d", k)
		if cmd := pausedApply(t, dir, k); cmd != nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	case 1:
		dir = applyTree(t)
		v.how = killAfterBegin(t, dir, rng)
	case 2:
		dir = applyTree(t)
		d := ms(rng, 0, 3500)
		v.how = fmt.Sprintf("apply %v after start", d)
		killAfter(start(t, dir, nil, binary, "apply", "--phase", "2", "--verify", "sleep 0.1"), d)
	default:
		dir = copyTree(t, fx.appliedDir)
		d := ms(rng, 0, 20)
		which := [][]string{{"--all"}, {"--phase", "2"}}[rng.IntN(2)]
		v.how = fmt.Sprintf("rollback %v %v in", which, d)
		killAfter(start(t, dir, nil, binary, append([]string{"rollback"}, which...)...), d)
	}
	checkOldOrNew(t, fx, dir, &v)
	if r := canonize(t, dir, "status"); r.code != 0 {
		v.odd("status after the kill: exit %d\n%s", r.code, r.stderr)
	}
	if rng.IntN(3) == 0 {
		d := ms(rng, 0, 20)
		v.how += fmt.Sprintf(", first recovery killed %v in", d)
		killAfter(start(t, dir, nil, binary, "rollback", "--all"), d)
		checkOldOrNew(t, fx, dir, &v)
	}
	restoreAll(t, fx, dir, &v)
	return v
}

// killAfterBegin starts apply and kills it a random delay after the
// begin record is in the journal.
func killAfterBegin(t *testing.T, dir string, rng *rand.Rand) string {
	verify := "sleep " + secs(ms(rng, 0, 100))
	if rng.IntN(2) == 0 {
		verify = "false"
	}
	p := start(t, dir, nil, binary, "apply", "--phase", "2", "--verify", verify)
	journal := filepath.Join(dir, ".canonize", "journal.jsonl")
	for !p.exited() && !fileHas(journal, `"op":"begin"`) {
		time.Sleep(time.Millisecond)
	}
	d := ms(rng, 0, 150)
	killAfter(p, d)
	return fmt.Sprintf("apply (verify %q) %v after begin", verify, d)
}

func killAfter(p *proc, d time.Duration) {
	time.Sleep(d)
	p.cmd.Process.Kill()
	p.wait()
}

func fileHas(p, s string) bool {
	data, _ := os.ReadFile(p)
	return strings.Contains(string(data), s)
}

// checkOldOrNew: each phase file holds its content from before the phase
// or canonize's, whole; a torn or missing file is lost.
func checkOldOrNew(t *testing.T, fx *fixture, dir string, v *verdict) {
	for _, f := range fx.files {
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || (string(got) != string(fx.orig[f]) && string(got) != string(fx.applied[f])) {
			v.lose("%s after kill -9 is neither its old nor its new content (%v):\n%s", f, err, got)
		}
	}
}
