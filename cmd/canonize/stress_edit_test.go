//go:build stress

package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// attackEditVerify: a person saves a phase file while verification runs
// — the verify command makes the edit itself (an exact moment), or the
// test does it at a random delay while the command sleeps (the command
// waits for the edit before it ends, so the edit always falls inside
// verification) — then verification passes or fails at random, with or
// without --bisect. The edit is away from canonize's change (a merge
// keeps both) or on it (the merge conflicts).
//
// Lost: the person's marker line is neither in the file nor in any file
// under .canonize/ (a saved copy), after apply, or after the rollback
// --all that follows it. Anomalies: an exit status other than the
// documented one; after a rollback that exits 0, a file not as the
// merge should leave it.
func attackEditVerify(t *testing.T, fx *fixture, rng *rand.Rand, mark string) verdict {
	dir := applyTree(t)
	file := fx.files[rng.IntN(len(fx.files))]
	on, fail, bisect := rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(4) == 0
	end := "exit 0"
	if fail {
		end = "exit 1"
	}
	args := []string{"apply", "--phase", "2"}
	if bisect {
		args = append(args, "--bisect")
	}
	var v verdict
	var code int
	if rng.IntN(2) == 0 {
		v.how = "edit by the verify command"
		// Guarded: bisect runs the command again.
		script := "grep -q " + mark + " " + file + " || " + shellEdit(file, mark, on) + "; " + end
		code = canonize(t, dir, append(args, "--verify", script)...).code
	} else {
		v.how = "edit by the test during verification"
		code = editDuringVerify(t, dir, file, mark, on, end, args, rng)
	}
	v.how += fmt.Sprintf(" (%s, on=%v, fail=%v, bisect=%v)", file, on, fail, bisect)
	// Bisect stops at an edited file rather than overwrite it: exit 2.
	want := map[bool]int{false: 0, true: 1}[fail]
	if code != want && !(fail && bisect && code == 2) {
		v.odd("apply: exit %d, want %d", code, want)
	}
	checkKeptThenRollback(t, fx, dir, file, mark, on, &v)
	return v
}

// editDuringVerify runs apply with a verify command that sleeps a random
// time, then waits for the edit; the test makes the edit at a random
// moment after the command started. It returns apply's exit code.
func editDuringVerify(t *testing.T, dir, file, mark string, on bool, end string, args []string, rng *rand.Rand) int {
	flags := flagDir(t)
	sleep := ms(rng, 0, 400)
	script := fmt.Sprintf("touch %s/started; sleep %s; while [ ! -e %s/edited ]; do sleep 0.01; done; %s",
		flags, secs(sleep), flags, end)
	p := start(t, dir, nil, binary, append(args, "--verify", script)...)
	if !waitFile(filepath.Join(flags, "started"), 2*time.Minute) {
		t.Fatalf("verification never started: %s\n%s", p.wait(), p.err.String())
	}
	time.Sleep(ms(rng, 0, int(sleep/time.Millisecond)+100))
	saveEdit(t, filepath.Join(dir, file), mark, on, rng.IntN(3) == 0)
	os.WriteFile(filepath.Join(flags, "edited"), nil, 0o644)
	return p.wait().code
}

// shellEdit is markEdit as a shell command (the verify command's edit).
func shellEdit(file, mark string, on bool) string {
	if on {
		return "sed -i 's|return ws\\..*$|& // " + mark + "|' " + file
	}
	return "{ printf '// " + mark + "\\n'; cat " + file + "; } > " + file + ".new && mv " + file + ".new " + file
}

// checkKeptThenRollback checks that mark survived apply, runs rollback
// --all and checks again. A rollback that exits 0 must leave the edited
// file as the merge would (the original plus an edit away from
// canonize's change) and the other files as they were before the phase.
func checkKeptThenRollback(t *testing.T, fx *fixture, dir, file, mark string, on bool, v *verdict) {
	if markKept(t, dir, file, mark) == "" {
		v.lose("%s: the edit is gone right after the attacked command", file)
		return
	}
	r := canonize(t, dir, "rollback", "--all")
	where := markKept(t, dir, file, mark)
	if where == "" {
		v.lose("%s: the edit is gone after rollback --all (exit %d)\n%s%s", file, r.code, r.stdout, r.stderr)
		return
	}
	switch {
	case r.code == 1 && on && strings.Contains(r.stderr, "nothing was written"):
		return // a conflicting edit of a kept phase: refused, as documented
	case r.code != 0:
		v.odd("rollback --all: exit %d\n%s", r.code, r.stderr)
		return
	}
	for _, f := range fx.files {
		got, _ := os.ReadFile(filepath.Join(dir, f))
		want := string(fx.orig[f])
		if f == file && where == file {
			want = string(markEdit(fx.orig[f], mark, on))
		}
		if string(got) != want {
			v.odd("%s after rollback --all (kept in %s):\n%s", f, where, got)
		}
	}
}

// attackWriteWindow: a person saves a phase file while canonize writes
// the phase's files, in one of three ways:
//
//   - held: the test binary runs as canonize and holds apply at a random
//     durability point k (1: the begin record; then for each file its
//     write record, then its write; last the commit), the edit is saved
//     there, then apply goes on;
//   - timed apply: the built binary; the edit falls a random 0..20 ms
//     after the begin record reaches the journal, wherever apply is;
//   - timed rollback: phase 2 applied, then rollback --all; the edit
//     falls a random 0..15 ms after it starts.
//
// Verification passes or fails at random, after a random sleep.
//
// Lost: the person's marker line is neither in the file nor under
// .canonize/ after the command, or after the rollback --all that
// follows.
//
// Known losses (reported, not fixed here): apply reads a file one last
// time before its write record and renames the new content over it
// once the record is durable; rollback reads every file first, then
// writes them one by one. An edit saved in between is replaced and is
// nowhere. Held at file i's write record, an edit of file i is lost
// every time. By default the held variant edits another file when it
// draws that case, and the timed variants are left out (they fall in
// those windows); -stress.known runs all three as drawn.
func attackWriteWindow(t *testing.T, fx *fixture, rng *rand.Rand, mark string) verdict {
	on, fail := rng.IntN(2) == 0, rng.IntN(2) == 0
	verify := "sleep " + secs(ms(rng, 0, 200))
	if fail {
		verify += "; false"
	}
	var v verdict
	var dir, file string
	switch k := rng.IntN(3); {
	case *stressKnown && k == 0:
		dir, file, v.how = applyTree(t), fx.files[rng.IntN(len(fx.files))], "timed apply edit"
		editTimed(t, dir, file, mark, on, verify, rng)
	case *stressKnown && k == 1:
		dir, file, v.how = copyTree(t, fx.appliedDir), fx.files[rng.IntN(len(fx.files))], "timed rollback edit"
		p := start(t, dir, nil, binary, "rollback", "--all")
		time.Sleep(ms(rng, 0, 15))
		saveEdit(t, filepath.Join(dir, file), mark, on, false)
		p.wait()
	default:
		dir = applyTree(t)
		file, v.how = editHeld(t, fx, dir, mark, on, verify, rng)
	}
	v.how += fmt.Sprintf(" of %s (on=%v, fail=%v)", file, on, fail)
	checkKeptThenRollback(t, fx, dir, file, mark, on, &v)
	return v
}

// editHeld runs apply holding at a random durability point, saves the
// edit there and lets apply finish. It returns the file edited and how.
func editHeld(t *testing.T, fx *fixture, dir, mark string, on bool, verify string, rng *rand.Rand) (string, string) {
	points := 3 + 2*len(fx.files) // begin, (record, write) per file, the verify record, commit
	k := 1 + rng.IntN(points)
	i := rng.IntN(len(fx.files))
	if k%2 == 0 && k < points && i == k/2-1 && !*stressKnown {
		i = (i + 1 + rng.IntN(len(fx.files)-1)) % len(fx.files) // not the known window
	}
	file := fx.files[i]
	flags := flagDir(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p := start(t, dir, []string{holdEnv + "=" + itoa(k) + ":" + flags}, exe, "apply", "--phase", "2", "--verify", verify)
	if !waitHeld(p, filepath.Join(flags, "held")) {
		t.Fatalf("apply never held at point %d: %s\n%s", k, p.wait(), p.err.String())
	}
	saveEdit(t, filepath.Join(dir, file), mark, on, false)
	os.WriteFile(filepath.Join(flags, "go"), nil, 0o644)
	p.wait()
	return file, fmt.Sprintf("held at point %d of %d", k, points)
}

// waitHeld waits for the hold file, or for the process to end first.
func waitHeld(p *proc, held string) bool {
	end := time.Now().Add(2 * time.Minute)
	for time.Now().Before(end) {
		if _, err := os.Stat(held); err == nil {
			return true
		}
		if p.exited() {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}

// editTimed runs the built binary and saves the edit a random delay
// after the journal's begin record appears.
func editTimed(t *testing.T, dir, file, mark string, on bool, verify string, rng *rand.Rand) {
	p := start(t, dir, nil, binary, "apply", "--phase", "2", "--verify", verify)
	journal := filepath.Join(dir, ".canonize", "journal.jsonl")
	for !p.exited() && !fileHas(journal, `"op":"begin"`) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(ms(rng, 0, 20))
	saveEdit(t, filepath.Join(dir, file), mark, on, false)
	p.wait()
}
