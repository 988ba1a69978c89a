package journal

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// helperEnv selects what TestHelperProcess does in a re-executed test
// binary; helperRootEnv is the module root it works on; with
// helperPauseEnv set to k, "write3" stops for good once its k-th
// WriteFile has returned.
const (
	helperEnv      = "CANONIZE_JOURNAL_HELPER"
	helperRootEnv  = "CANONIZE_JOURNAL_HELPER_ROOT"
	helperPauseEnv = "CANONIZE_JOURNAL_HELPER_PAUSE_AFTER_WRITE"
)

// TestHelperProcess is not a test: run by helper() in a child process, it
// plays a second canonize. "lock" takes the lock, says so on stdout and
// waits to be killed; "write3" takes the lock and journals then writes
// a.go, b.go and c.go in turn, stopping after the write helperPauseEnv
// names so that the parent can kill it there.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	s, err := Open(os.Getenv(helperRootEnv))
	if err != nil {
		fail(err)
	}
	if _, err := s.Lock("helper " + mode); err != nil {
		fail(err)
	}
	fmt.Println("locked")
	switch mode {
	case "lock":
	case "write3":
		pauseAt, _ := strconv.Atoi(os.Getenv(helperPauseEnv))
		for i, name := range []string{"a.go", "b.go", "c.go"} {
			data := []byte("package new // " + name + "\n")
			before, err := os.ReadFile(filepath.Join(s.Root, name))
			if err != nil {
				fail(err)
			}
			bh, err := s.PutSnapshot(before)
			if err != nil {
				fail(err)
			}
			ah, err := s.PutSnapshot(data)
			if err != nil {
				fail(err)
			}
			if err := s.Append(Record{Op: OpWrite, Path: name, Before: bh, After: ah, Mode: 0o644}); err != nil {
				fail(err)
			}
			if err := s.WriteFile(name, data, 0o644); err != nil {
				fail(err)
			}
			if i+1 == pauseAt {
				// WriteFile has returned: the write is durable, which
				// is the moment the crash test kills us at.
				fmt.Fprintf(os.Stderr, "helper: paused after write %d\n", i+1)
				break
			}
		}
	default:
		fail(fmt.Errorf("unknown mode %q", mode))
	}
	for {
		time.Sleep(time.Hour)
	}
}

// child is a running TestHelperProcess.
type child struct {
	cmd    *exec.Cmd
	stdout *bufio.Reader
	stderr *bufio.Reader
}

// helper starts TestHelperProcess in mode on root, with extra environment.
// The child is killed when the test ends.
func helper(t *testing.T, mode, root string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperRootEnv+"="+root)
	cmd.Env = append(cmd.Env, env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, stdout: bufio.NewReader(stdout), stderr: bufio.NewReader(stderr)}
	t.Cleanup(func() { c.kill(t) })
	return c
}

// waitLine reads r until a line equal to want, failing the test on EOF or
// after a generous timeout (a loaded CI machine builds nothing here, but
// starts a race-enabled binary).
func waitLine(t *testing.T, r *bufio.Reader, want string) {
	t.Helper()
	got := make(chan error, 1)
	var seen []string
	go func() {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				got <- fmt.Errorf("%w before %q; saw %q", err, want, seen)
				return
			}
			if strings.TrimSuffix(line, "\n") == want {
				got <- nil
				return
			}
			seen = append(seen, line)
		}
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("timed out waiting for %q", want)
	}
}

// kill sends SIGKILL and reaps the child; killing twice is fine.
func (c *child) kill(t *testing.T) {
	if c.cmd.ProcessState != nil {
		return
	}
	c.cmd.Process.Kill()
	// Wait closes the pipes; a reader still blocked on them gets EOF.
	c.cmd.Wait()
}

func TestLockSameProcess(t *testing.T) {
	dir := t.TempDir()
	s1, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := s1.Lock("canonize apply")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s1.Lock("again"); err == nil {
		t.Error("second Lock on the same Store: no error")
	}

	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s2.Lock("canonize rollback")
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("Lock while held: %v, want *LockedError", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Lock took %v to fail; want at once", d)
	}
	wantPath := filepath.Join(s1.Root, ".canonize", "lock")
	if le.PID != os.Getpid() || le.Command != "canonize apply" || le.Path != wantPath || le.Since.IsZero() {
		t.Errorf("LockedError = %+v; want pid %d, command %q, path %s", le, os.Getpid(), "canonize apply", wantPath)
	}
	for _, part := range []string{wantPath, fmt.Sprint(os.Getpid()), "canonize apply"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("error %q does not name %q", err, part)
		}
	}

	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := unlock(); err != nil {
		t.Errorf("second unlock: %v", err)
	}
	unlock2, err := s2.Lock("canonize rollback")
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	// The first Store's stale unlock func must not release s2's lock.
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := s1.Lock("x"); !errors.As(err, &le) || le.Command != "canonize rollback" {
		t.Errorf("Lock while s2 holds it: %v", err)
	}
	unlock2()
}

// TestLockStaleFile: a lock file naming a process that is gone (its flock
// released) does not block.
func TestLockStaleFile(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	stale := `{"pid":999999,"command":"canonize apply","since":"2026-01-01T00:00:00Z"}` + "\n"
	if err := os.WriteFile(filepath.Join(s.Root, ".canonize", "lock"), []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock("canonize apply")
	if err != nil {
		t.Fatalf("Lock over a stale lock file: %v", err)
	}
	defer unlock()
	if got := readFile(t, filepath.Join(s.Root, ".canonize", "lock")); !strings.Contains(got, fmt.Sprintf(`"pid":%d`, os.Getpid())) {
		t.Errorf("lock file %q does not name this process", got)
	}
}

func TestLockOtherProcess(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c := helper(t, "lock", s.Root)
	waitLine(t, c.stdout, "locked")

	start := time.Now()
	_, err = s.Lock("canonize apply")
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("Lock while a child holds it: %v, want *LockedError", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Lock took %v to fail; want at once", d)
	}
	if le.PID != c.cmd.Process.Pid || le.Command != "helper lock" {
		t.Errorf("LockedError = %+v; want the child's pid %d and command", le, c.cmd.Process.Pid)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(c.cmd.Process.Pid)) {
		t.Errorf("error %q does not name the child's pid", err)
	}

	// kill -9: the lock file still names the child, but the kernel
	// dropped its flock.
	c.kill(t)
	unlock, err := s.Lock("canonize apply")
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
}
