package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const applyCase = "../../testdata/apply/module.txtar"

// applyTree extracts the apply fixture with the git-style modes the
// tests check: one file is executable, to see modes survive.
func applyTree(t *testing.T) string {
	t.Helper()
	dir := extract(t, applyCase)
	if err := os.Chmod(filepath.Join(dir, "d", "d.go"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// userTree fingerprints the tree without canonize's own state.
func userTree(t *testing.T, dir string) string {
	t.Helper()
	var keep []string
	for _, l := range strings.Split(treeHash(t, dir), "\n") {
		if !strings.HasPrefix(l, ".canonize") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func mustRun(t *testing.T, dir string, wantCode int, args ...string) result {
	t.Helper()
	r := canonize(t, dir, args...)
	if r.code != wantCode {
		t.Fatalf("canonize %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, wantCode, r.stdout, r.stderr)
	}
	return r
}

func TestApplyRollbackByteIdentical(t *testing.T) {
	dir := applyTree(t)
	start := userTree(t, dir)
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	applied := userTree(t, dir)
	if applied == start {
		t.Fatal("apply changed nothing")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a", "a.go")); !strings.Contains(string(data), "ws.New(\"a\")") {
		t.Fatalf("a.go not migrated:\n%s", data)
	}
	if info, _ := os.Stat(filepath.Join(dir, "d", "d.go")); info.Mode().Perm() != 0o755 {
		t.Errorf("apply changed d.go's mode to %v", info.Mode().Perm())
	}
	st := mustRun(t, dir, 0, "status")
	if !regexp.MustCompile(`phase 2 production\s+applied\s+5 files`).MatchString(st.stdout) {
		t.Errorf("status after apply:\n%s", st.stdout)
	}
	// One file, then its phase.
	a := filepath.Join(dir, "a", "a.go")
	mustRun(t, dir, 0, "rollback", "a/a.go")
	if data, _ := os.ReadFile(a); !strings.Contains(string(data), "ws.Old(\"a\")") {
		t.Fatalf("rollback a/a.go did not restore it:\n%s", data)
	}
	if st := mustRun(t, dir, 0, "status"); !strings.Contains(st.stdout, "partial") {
		t.Errorf("status after one file: want phase 2 partial\n%s", st.stdout)
	}
	mustRun(t, dir, 0, "rollback", "--phase", "2")
	if got := userTree(t, dir); got != start {
		t.Fatalf("tree after rollback --phase 2 differs from the start:\n%s\nwant\n%s", got, start)
	}
	if st := mustRun(t, dir, 0, "status", "--json"); !strings.Contains(st.stdout, `"state": "rolled-back"`) {
		t.Errorf("status --json after rollback:\n%s", st.stdout)
	}
	// Apply again, then roll everything back.
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	mustRun(t, dir, 0, "rollback", "--all")
	if got := userTree(t, dir); got != start {
		t.Fatal("tree after rollback --all differs from the start")
	}
}

func TestApplyOrderAndNothingToDo(t *testing.T) {
	dir := applyTree(t)
	// Phase 1 (exports) has nothing to do here, so phase 2 may run; phase 4
	// may not run before phase 2 (which has files).
	r := mustRun(t, dir, 2, "apply", "--phase", "4", "--verify", "true")
	if !strings.Contains(r.stderr, "phase 2 (production) is pending and has files to change") {
		t.Errorf("order refusal: %s", r.stderr)
	}
	r = mustRun(t, dir, 0, "apply", "--phase", "1")
	if !strings.Contains(r.stdout, "phase 1 (exports): nothing to do") {
		t.Errorf("empty phase: %q", r.stdout)
	}
	r = mustRun(t, dir, 0, "apply", "--phase", "4", "--force-order", "--verify", "true")
	_ = r
	mustRun(t, dir, 2, "apply", "--phase", "4", "--verify", "true") // already applied
}

func TestApplyFailingVerifyRollsBack(t *testing.T) {
	dir := applyTree(t)
	start := userTree(t, dir)
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--verify", "go test ./...")
	// The command's own output is streamed; the error names the command.
	if !strings.Contains(r.stderr, "rolled back") || !strings.Contains(r.stderr, `verify "go test ./..." failed`) ||
		!strings.Contains(r.stdout+r.stderr, `Padded() = "C", want " C "`) {
		t.Errorf("stderr should name the failure and the rollback:\n%s", r.stderr)
	}
	if got := userTree(t, dir); got != start {
		t.Fatal("tree after a failed verification differs from the start")
	}
	if st := mustRun(t, dir, 0, "status"); !strings.Contains(st.stdout, "rolled-back") {
		t.Errorf("status: %s", st.stdout)
	}
}

func TestApplyBisectFindsBadFile(t *testing.T) {
	dir := applyTree(t)
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--bisect", "--verify", "go test ./...")
	if !strings.Contains(r.stdout, "rolled back by bisect (fails verification): c/c.go") {
		t.Fatalf("bisect did not blame c/c.go:\n%s\n%s", r.stdout, r.stderr)
	}
	for _, f := range []string{"a/a.go", "b/b.go", "d/d.go", "e/e.go"} {
		data, _ := os.ReadFile(filepath.Join(dir, f))
		if !strings.Contains(string(data), "ws.New(") {
			t.Errorf("%s should stay applied:\n%s", f, data)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "c", "c.go")); !strings.Contains(string(data), `ws.Old(" c ")`) {
		t.Errorf("c/c.go should be rolled back:\n%s", data)
	}
	runCmd(t, dir, "go", "test", "./...")
	if st := mustRun(t, dir, 0, "status"); !strings.Contains(st.stdout, "partial") {
		t.Errorf("status after bisect: want partial\n%s", st.stdout)
	}
}

func TestRollbackKeepsHumanEdit(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	a := filepath.Join(dir, "a", "a.go")
	migrated, _ := os.ReadFile(a)
	// Far enough from the rewritten line not to touch it (diff3 and git
	// treat an edit of an adjacent line as a conflict).
	edited := "// Package a is edited by a person.\n" + strings.Replace(string(migrated), "import ", "import ( // grouped\n\t", 1)
	edited = strings.Replace(edited, `"example.com/m/ws"`, "\"example.com/m/ws\"\n)", 1)
	os.WriteFile(a, []byte(edited), 0o644)
	if st := mustRun(t, dir, 0, "status"); !strings.Contains(st.stdout, "a/a.go: modified") {
		t.Errorf("status should show a/a.go modified:\n%s", st.stdout)
	}
	r := mustRun(t, dir, 0, "rollback", "a/a.go")
	if !strings.Contains(r.stdout, "keeping later edits") {
		t.Errorf("rollback output: %s", r.stdout)
	}
	want := "// Package a is edited by a person.\n" + strings.Replace(string(orig), "import ", "import ( // grouped\n\t", 1)
	want = strings.Replace(want, `"example.com/m/ws"`, "\"example.com/m/ws\"\n)", 1)
	if got, _ := os.ReadFile(a); string(got) != want {
		t.Fatalf("merged rollback:\n%s\nwant\n%s", got, want)
	}
}

func TestRollbackConflictAndForce(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	b := filepath.Join(dir, "b", "b.go")
	migrated, _ := os.ReadFile(b)
	// The person edits the very line canonize rewrote.
	mine := strings.Replace(string(migrated), `ws.New("b")`, `ws.New("b") + "!"`, 1)
	os.WriteFile(b, []byte(mine), 0o644)
	r := mustRun(t, dir, 1, "rollback", "b/b.go")
	if !strings.Contains(r.stderr, "<<<<<<<") || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("conflict report:\n%s", r.stderr)
	}
	if got, _ := os.ReadFile(b); string(got) != mine {
		t.Fatal("a refused rollback wrote the file")
	}
	r = mustRun(t, dir, 0, "rollback", "--force", "b/b.go")
	m := regexp.MustCompile(`saved your content before forcing: b/b.go: (\S+)`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("--force did not say where it saved the content:\n%s", r.stdout)
	}
	if saved, _ := os.ReadFile(filepath.Join(dir, m[1])); string(saved) != mine {
		t.Errorf("backup %s does not hold the person's content", m[1])
	}
	if got, _ := os.ReadFile(b); string(got) != string(orig) {
		t.Error("--force did not restore the snapshot")
	}
}

func TestRollbackRestoresDeletedFile(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "e", "e.go"))
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	os.Remove(filepath.Join(dir, "e", "e.go"))
	if st := mustRun(t, dir, 0, "status"); !strings.Contains(st.stdout, "e/e.go: missing") {
		t.Errorf("status should show e/e.go missing:\n%s", st.stdout)
	}
	mustRun(t, dir, 0, "rollback", "--phase", "2")
	if got, _ := os.ReadFile(filepath.Join(dir, "e", "e.go")); string(got) != string(orig) {
		t.Fatal("deleted file not restored from its snapshot")
	}
}

func TestTamperedJournalRefused(t *testing.T) {
	dir := applyTree(t)
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	jpath := filepath.Join(dir, ".canonize", "journal.jsonl")
	data, _ := os.ReadFile(jpath)
	tampered := strings.Replace(string(data), `"path":"a/a.go"`, `"path":"../outside.go"`, 1)
	if tampered == string(data) {
		t.Fatal("fixture: no a/a.go record to tamper with")
	}
	os.WriteFile(jpath, []byte(tampered), 0o644)
	before := userTree(t, dir)
	r := mustRun(t, dir, 2, "rollback", "--all")
	if !strings.Contains(r.stderr, "../outside.go") {
		t.Errorf("refusal should name the entry:\n%s", r.stderr)
	}
	if userTree(t, dir) != before {
		t.Error("a refused rollback changed the tree")
	}
	// So is an op canonize does not know, by status too.
	os.WriteFile(jpath, []byte(strings.Replace(string(data), `"op":"write"`, `"op":"wipe"`, 1)), 0o644)
	for _, args := range [][]string{{"rollback", "--all"}, {"status"}} {
		if r := mustRun(t, dir, 2, args...); !strings.Contains(r.stderr, `unknown op "wipe"`) {
			t.Errorf("%s with an unknown op: %s", args[0], r.stderr)
		}
	}
	if userTree(t, dir) != before {
		t.Error("a refused rollback changed the tree")
	}
	// A snapshot whose content does not match its hash is refused too.
	os.WriteFile(jpath, data, 0o644)
	snaps, _ := filepath.Glob(filepath.Join(dir, ".canonize", "snapshots", "*"))
	for _, s := range snaps {
		os.WriteFile(s, []byte("package evil\n"), 0o644)
	}
	r = mustRun(t, dir, 2, "rollback", "--all")
	if !strings.Contains(r.stderr, "snapshots") {
		t.Errorf("tampered snapshot: %s", r.stderr)
	}
}

// pausedApply starts apply paused at durability point k and returns it
// once it says so; the caller kills it. The process is this test binary
// run as canonize (see asMainEnv), which injects the pause.
func pausedApply(t *testing.T, dir string, k int) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "apply", "--phase", "2", "--verify", "true")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asMainEnv+"=1", pauseAtEnv+"="+itoa(k))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "canonize-test: paused at point") {
				done <- true
				return
			}
		}
		done <- false
	}()
	select {
	case ok := <-done:
		if !ok {
			cmd.Wait()
			return nil // finished before reaching point k
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("apply did not reach point %d", k)
	}
	return cmd
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestBuiltBinaryIgnoresPauseEnv: only the test binary injects a pause;
// the canonize users run reads no test variable and finishes.
func TestBuiltBinaryIgnoresPauseEnv(t *testing.T) {
	dir := applyTree(t)
	cmd := exec.Command(binary, "apply", "--phase", "2", "--verify", "true")
	cmd.Dir = dir
	cmd.Env = binaryEnv(pauseAtEnv+"=1", asMainEnv+"=1", "CANONIZE_TEST_PAUSE_AFTER_WRITE=1")
	stop := time.AfterFunc(60*time.Second, func() { cmd.Process.Kill() })
	defer stop.Stop()
	if out, err := cmd.CombinedOutput(); err != nil || strings.Contains(string(out), "paused") {
		t.Fatalf("apply with the test variables set: %v\n%s", err, out)
	}
}

// TestKillAtEveryWritePoint kills a real apply with SIGKILL at each of
// its durability points (every journal record and every file write of a
// five-file phase) and checks, for each: every file is wholly old or
// wholly new, status reports the phase, and rollback restores the tree
// byte for byte.
func TestKillAtEveryWritePoint(t *testing.T) {
	base := applyTree(t)
	start := userTree(t, base)
	oldNew := map[string][2]string{}
	probe := copyTree(t, base)
	mustRun(t, probe, 0, "apply", "--phase", "2", "--verify", "true")
	for _, f := range []string{"a/a.go", "b/b.go", "c/c.go", "d/d.go", "e/e.go"} {
		o, _ := os.ReadFile(filepath.Join(base, f))
		n, _ := os.ReadFile(filepath.Join(probe, f))
		oldNew[f] = [2]string{string(o), string(n)}
	}
	tried := 0
	for k := 1; ; k++ {
		dir := copyTree(t, base)
		cmd := pausedApply(t, dir, k)
		if cmd == nil {
			break // k is past the last point
		}
		tried++
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for f, on := range oldNew {
			got, _ := os.ReadFile(filepath.Join(dir, f))
			if string(got) != on[0] && string(got) != on[1] {
				t.Fatalf("point %d: %s is neither old nor new:\n%s", k, f, got)
			}
		}
		st := mustRun(t, dir, 0, "status")
		if !regexp.MustCompile(`phase 2 production\s+(interrupted|applied)`).MatchString(st.stdout) {
			t.Errorf("point %d: status should show phase 2 interrupted or applied:\n%s", k, st.stdout)
		}
		// The verify record (point 12) survives the crash: status shows
		// the result of the phase's verification from then on.
		if k >= 12 && !regexp.MustCompile(`verify ok +\d+ms +true\n`).MatchString(st.stdout) {
			t.Errorf("point %d: status should show the recorded verification:\n%s", k, st.stdout)
		}
		// A new apply is refused while the phase is interrupted.
		if strings.Contains(st.stdout, "interrupted") {
			mustRun(t, dir, 2, "apply", "--phase", "2", "--verify", "true")
		}
		mustRun(t, dir, 0, "rollback", "--phase", "2")
		if got := userTree(t, dir); got != start {
			t.Fatalf("point %d: tree after rollback differs from the start", k)
		}
	}
	// begin + 5 x (record, write) + the verify record + commit.
	if tried != 13 {
		t.Errorf("tried %d write points, want 13", tried)
	}
	t.Logf("killed apply at each of %d write points; every tree recovered byte-identical", tried)
}

func TestLockHeldFailsAtOnce(t *testing.T) {
	dir := applyTree(t)
	first := pausedApply(t, dir, 1)
	if first == nil {
		t.Fatal("apply finished before pausing")
	}
	defer func() { first.Process.Kill(); first.Wait() }()
	startAt := time.Now()
	r := mustRun(t, dir, 2, "apply", "--phase", "2", "--verify", "true")
	if time.Since(startAt) > 30*time.Second {
		t.Error("second apply waited instead of failing at once")
	}
	if !strings.Contains(r.stderr, ".canonize/lock") || !strings.Contains(r.stderr, itoa(first.Process.Pid)) {
		t.Errorf("refusal should name the lock and its holder (pid %d):\n%s", first.Process.Pid, r.stderr)
	}
	mustRun(t, dir, 2, "rollback", "--all")
}

func TestApplySavedPlan(t *testing.T) {
	dir := applyTree(t)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	mustRun(t, dir, 0, "plan", "-o", planFile)
	// A person edits a phase-2 file after the plan was reviewed.
	b := filepath.Join(dir, "b", "b.go")
	data, _ := os.ReadFile(b)
	os.WriteFile(b, []byte(strings.Replace(string(data), "// B names b.", "// B names b, really.", 1)), 0o644)
	before := userTree(t, dir)
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--plan", planFile, "--verify", "true")
	if !strings.Contains(r.stderr, "b/b.go: changed since the plan was saved") {
		t.Errorf("stale plan refusal should list b/b.go:\n%s", r.stderr)
	}
	if userTree(t, dir) != before {
		t.Fatal("a refused apply changed the tree")
	}
	os.WriteFile(b, data, 0o644)
	mustRun(t, dir, 0, "apply", "--phase", "2", "--plan", planFile, "--verify", "true")
}

// TestStatusRemembersSpec: apply records the spec's path and hash in the
// journal, so status needs no -f for a spec kept elsewhere, and says
// when that spec changed since; rollback takes -f like every command.
func TestStatusRemembersSpec(t *testing.T) {
	dir := applyTree(t)
	os.Mkdir(filepath.Join(dir, "migrate"), 0o755)
	if err := os.Rename(filepath.Join(dir, "canonize.yaml"), filepath.Join(dir, "migrate", "spec.yaml")); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, 0, "apply", "-f", "migrate/spec.yaml", "--phase", "2", "--verify", "true")
	want := mustRun(t, dir, 0, "status", "-f", "migrate/spec.yaml").stdout
	r := mustRun(t, dir, 0, "status")
	if r.stdout != want || strings.Contains(r.stderr, "note:") {
		t.Errorf("status without -f:\n%s%s\nwant, as with -f:\n%s", r.stdout, r.stderr, want)
	}
	f, _ := os.OpenFile(filepath.Join(dir, "migrate", "spec.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("# edited\n")
	f.Close()
	r = mustRun(t, dir, 0, "status")
	if !strings.Contains(r.stderr, "migrate/spec.yaml has changed since phase 2 was applied with it") {
		t.Errorf("a changed spec is not named:\n%s", r.stderr)
	}
	mustRun(t, dir, 0, "rollback", "-f", "migrate/spec.yaml", "--all")
}
