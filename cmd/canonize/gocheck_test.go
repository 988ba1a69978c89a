package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canonize/canonize/vettool"
)

// TestCheckThroughGoCommand runs the real binary's check on a copy of
// the example module: every output format, and --baseline, print the
// same bytes and exit with the same status through the go command as
// through the whole-program load (CANONIZE_CHECK_LOAD=1); and a second
// run of an unchanged tree is the go command's cache replayed: the
// go command runs canonize as its tool on no package (the tool traces
// each run it is given; the first run traces some).
func TestCheckThroughGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the whole example in every configuration: not in -short")
	}
	dir := copyTree(t, "../../testdata/chatapp")
	first := filepath.Join(t.TempDir(), "first.trace")
	cold := canonizeEnv(t, dir, []string{vettool.TraceEnv + "=" + first}, "check")
	if n := traceLines(t, first); n == 0 {
		t.Fatalf("the first check ran the tool on no package:\n%s", cold.stderr)
	}
	if strings.Contains(cold.stderr, "loads the whole program") {
		t.Fatalf("check fell back: %s", cold.stderr)
	}
	second := filepath.Join(t.TempDir(), "second.trace")
	warm := canonizeEnv(t, dir, []string{vettool.TraceEnv + "=" + second}, "check")
	if n := traceLines(t, second); n != 0 {
		t.Errorf("an unchanged tree re-checked ran the tool on %d package(s), want a cache replay:\n%s", n, readFile(t, second))
	}
	if warm.stdout != cold.stdout || warm.code != cold.code {
		t.Errorf("the replayed check differs: exit %d against %d", warm.code, cold.code)
	}

	if r := canonize(t, dir, "baseline", "-o", "base.json"); r.code != 0 {
		t.Fatalf("baseline: exit %d\n%s", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"check"}, {"check", "--format", "json"}, {"check", "--format", "sarif"}, {"check", "--format", "github"},
		{"check", "--min-compliance", "10"}, {"check", "--baseline", "base.json"}, {"check", "--baseline", "base.json", "--format", "sarif"},
	} {
		load := canonizeEnv(t, dir, []string{checkLoadEnv + "=1"}, args...)
		got := canonize(t, dir, args...)
		if got.code != load.code || got.stdout != load.stdout {
			t.Errorf("canonize %s: through the go command exit %d, stdout:\n%s\nwhole-program load exit %d, stdout:\n%s",
				strings.Join(args, " "), got.code, got.stdout, load.code, load.stdout)
		}
		// SARIF prints each file's rewrite: the example's exports phase
		// deletes re-exports, which a second go vet pass renders.
		if strings.Contains(got.stderr, "loads the whole program") {
			t.Errorf("canonize %s fell back: %s", strings.Join(args, " "), got.stderr)
		}
		if got.stderr != load.stderr {
			t.Errorf("canonize %s: stderr through the go command:\n%s\nwhole-program load:\n%s", strings.Join(args, " "), got.stderr, load.stderr)
		}
	}
}

// canonizeEnv runs the binary in dir with extra environment.
func canonizeEnv(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir, cmd.Env = dir, binaryEnv(env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run canonize: %v", err)
	}
	return result{code, out.String(), errb.String()}
}

// traceLines counts the tool runs a trace file records; no file is none.
func traceLines(t *testing.T, file string) int {
	t.Helper()
	data, err := os.ReadFile(file)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(data), "\n")
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
