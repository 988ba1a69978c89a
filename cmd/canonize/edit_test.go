package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEditDuringFailingVerifyKept: a person saves a file of the phase
// while verification runs (the verify command does it, so the moment is
// deterministic), then verification fails. The automatic rollback keeps
// the edit and reverses only canonize's change, and says so.
func TestEditDuringFailingVerifyKept(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--verify", prepend("a/a.go")+"; false")
	got, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	if want := "// mine\n" + string(orig); string(got) != want {
		t.Errorf("a/a.go after the failed phase:\n%s\nwant the original plus the edit:\n%s", got, want)
	}
	if !strings.Contains(r.stderr, "a/a.go: edited while canonize ran; the edit is kept") {
		t.Errorf("the kept edit is not reported:\n%s", r.stderr)
	}
}

// TestConflictingEditDuringVerifySaved: the person's edit touches the
// line canonize changed; the rollback cannot keep both, so it saves the
// person's content first, names where, and restores the file.
func TestConflictingEditDuringVerifySaved(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	mine := "package a\n\nimport \"example.com/m/ws\"\n\n// A names a, mine.\nfunc A() string { return ws.New(\"mine\") }\n"
	script := "cat > a/a.go <<'EOF'\n" + mine + "EOF\nfalse"
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--verify", script)
	got, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	if string(got) != string(orig) {
		t.Errorf("a/a.go is not as before the phase:\n%s", got)
	}
	m := regexp.MustCompile(`your content is saved in (\S+) and the file`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("the saved copy is not named:\n%s", r.stderr)
	}
	saved, err := os.ReadFile(filepath.Join(dir, m[1]))
	if err != nil || string(saved) != mine {
		t.Errorf("%s holds %q (%v), want the person's content", m[1], saved, err)
	}
}

// TestEditDuringBisectNotOverwritten: bisect toggles files between
// their old and new content; a person's edit made during verification
// stops it instead of being overwritten, and the rollback keeps it.
func TestEditDuringBisectNotOverwritten(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	script := "grep -q mine b/b.go || " + prepend("b/b.go") + "; false"
	r := canonize(t, dir, "apply", "--phase", "2", "--bisect", "--verify", script)
	if r.code == 0 {
		t.Fatalf("apply succeeded:\n%s", r.stderr)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	if want := "// mine\n" + string(orig); string(got) != want {
		t.Errorf("b/b.go:\n%s\nwant the original plus the edit:\n%s", got, want)
	}
}

// prepend is a shell command adding a comment line at the top of file:
// an edit away from the lines canonize changes, so a merge keeps both.
func prepend(file string) string {
	return "{ printf '// mine\\n'; cat " + file + "; } > " + file + ".new && mv " + file + ".new " + file
}

// TestRollbackKeepsModeChange: a person's chmod of an applied file is
// kept by rollback, and said, as a content edit would be.
func TestRollbackKeepsModeChange(t *testing.T) {
	dir := applyTree(t)
	orig, _ := os.ReadFile(filepath.Join(dir, "a", "a.go"))
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	if err := os.Chmod(filepath.Join(dir, "a", "a.go"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, dir, 0, "rollback", "a/a.go")
	info, err := os.Stat(filepath.Join(dir, "a", "a.go"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("mode after rollback: %v, %v; want the person's 0600", info.Mode(), err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a", "a.go")); string(got) != string(orig) {
		t.Errorf("content not restored:\n%s", got)
	}
	if !strings.Contains(r.stdout, "a/a.go: its mode was changed since canonize wrote it; the new mode is kept") {
		t.Errorf("the kept mode is not reported:\n%s", r.stdout)
	}
}

// TestNoSpecVerify: the spec's verify: commands are code from the
// repository; apply names them before running them, and with
// --no-spec-verify runs only the --verify commands given.
func TestNoSpecVerify(t *testing.T) {
	dir := applyTree(t)
	spec := filepath.Join(dir, "canonize.yaml")
	data, _ := os.ReadFile(spec)
	os.WriteFile(spec, append(data, []byte("verify: [\"touch spec-verify-ran\"]\n")...), 0o644)
	r := mustRun(t, dir, 0, "apply", "--phase", "2", "--no-spec-verify", "--verify", "true")
	if _, err := os.Stat(filepath.Join(dir, "spec-verify-ran")); err == nil {
		t.Error("--no-spec-verify ran the spec's command")
	}
	if !strings.Contains(r.stderr, "--no-spec-verify: the verify: commands of") || !strings.Contains(r.stderr, "verification runs (sh -c, in the module root):\n  true\n") {
		t.Errorf("apply does not say what it runs:\n%s", r.stderr)
	}
	mustRun(t, dir, 0, "rollback", "--phase", "2")
	r = mustRun(t, dir, 0, "apply", "--phase", "2")
	if _, err := os.Stat(filepath.Join(dir, "spec-verify-ran")); err != nil {
		t.Error("the spec's verify command did not run")
	}
	if !strings.Contains(r.stderr, "  touch spec-verify-ran\n") {
		t.Errorf("apply does not list the spec's command before running it:\n%s", r.stderr)
	}
}

// TestSignalDuringVerify: SIGINT while a verification command runs stops
// its whole process group (a command it started does not finish later),
// rolls the phase back and exits 130.
func TestSignalDuringVerify(t *testing.T) {
	dir := applyTree(t)
	start := userTree(t, dir)
	cmd := exec.Command(binary, "apply", "--phase", "2", "--verify", "touch started; (sleep 2; touch finished) & wait")
	cmd.Dir, cmd.Env = dir, binaryEnv()
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(dir, "started")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("verification never started")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v, want 130\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "rolled back") {
		t.Errorf("stderr does not say the phase was rolled back:\n%s", errb.String())
	}
	os.Remove(filepath.Join(dir, "started"))
	if got := userTree(t, dir); got != start {
		t.Error("the tree is not as before the phase")
	}
	time.Sleep(2500 * time.Millisecond)
	if _, err := os.Stat(filepath.Join(dir, "finished")); err == nil {
		t.Error("a command the verification started finished after canonize exited")
	}
}

// TestStatusChecksSnapshots: status verifies the snapshots rollback
// would need and reports a damaged one, before a rollback finds it.
func TestStatusChecksSnapshots(t *testing.T) {
	dir := applyTree(t)
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "true")
	snaps, _ := filepath.Glob(filepath.Join(dir, ".canonize", "snapshots", "*"))
	if len(snaps) == 0 {
		t.Fatal("no snapshots")
	}
	os.Chmod(snaps[0], 0o644)
	os.WriteFile(snaps[0], []byte("package evil\n"), 0o644)
	r := canonize(t, dir, "status")
	if !strings.Contains(r.stdout, "corrupt snapshot") {
		t.Errorf("status does not report the damaged snapshot:\n%s\n%s", r.stdout, r.stderr)
	}
}
