package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noReplay turns canonize's replay of an unchanged tree's go command runs
// off (and its listing cache), for the tests of the go command's own
// cache.
const noReplay = "CANONIZE_NOCACHE=1"

// TestUnchangedTreeRunsNoGoCommand: on a tree nothing changed in since
// the last run, check and diff replay the go command's output stored
// then and run no go vet and no go list (a go command in PATH logs every
// run); their output is the same. Editing one file runs go vet again,
// only in the configurations whose packages can read it (the host's:
// the other two vet a darwin-only and an integration-tagged directory
// that do not import the edited package), and the output follows the
// edit.
func TestUnchangedTreeRunsNoGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the example in every configuration: not in -short")
	}
	dir := copyTree(t, "../../testdata/chatapp")
	past := time.Now().Add(-time.Hour)
	setTimes(t, dir, past) // not "racily clean": a fresh copy is not replayed
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	shim, log := t.TempDir(), filepath.Join(t.TempDir(), "go.log")
	script := "#!/bin/sh\necho \"$*\" >>" + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(shim, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	gocache, err := exec.Command(real, "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	// A cache directory of its own for canonize's replays, the go
	// command's as it is (XDG_CACHE_HOME would move it too).
	env := []string{"PATH=" + shim + string(os.PathListSeparator) + os.Getenv("PATH"), "XDG_CACHE_HOME=" + t.TempDir(), "GOCACHE=" + strings.TrimSpace(string(gocache))}
	runs := func(args ...string) (result, []string) {
		t.Helper()
		os.Remove(log)
		r := canonizeEnv(t, dir, env, args...)
		data, _ := os.ReadFile(log)
		var heavy []string
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "vet ") || strings.HasPrefix(line, "list ") {
				heavy = append(heavy, line)
			}
		}
		return r, heavy
	}
	var vets int
	for _, cmd := range []string{"check", "diff"} {
		first, ran := runs(cmd)
		if len(ran) == 0 {
			t.Fatalf("%s: the first run ran no go vet (a replay from another run?)", cmd)
		}
		if cmd == "check" {
			vets = len(ran)
		}
		again, ranAgain := runs(cmd)
		if len(ranAgain) != 0 {
			t.Errorf("%s: an unchanged tree ran the go command again: %q", cmd, ranAgain)
		}
		if again.code != first.code || again.stdout != first.stdout {
			t.Errorf("%s: the replay prints another result (exit %d, then %d):\n%s\nthen:\n%s", cmd, first.code, again.code, first.stdout, again.stdout)
		}
	}
	before, _ := runs("check")
	file := filepath.Join(dir, "services", "export", "gdpr.go")
	edit(t, file, "websocket.GetWebSocketManagerFactory().Create(", "websocket.NewWebSocketManager(")
	os.Chtimes(file, past.Add(time.Minute), past.Add(time.Minute))
	after, ran := runs("check")
	if len(ran) != 1 || strings.Contains(ran[0], "-canonize.config=") {
		t.Errorf("after an edit, check ran %q, want the host configuration's go vet alone (of %d)", ran, vets)
	}
	if after.stdout == before.stdout {
		t.Error("after an edit that rewrites a site by hand, check prints the same result")
	}
}

// setTimes sets the modification time of every file under dir.
func setTimes(t *testing.T, dir string, when time.Time) {
	t.Helper()
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, when, when)
	})
	if err != nil {
		t.Fatal(err)
	}
}
