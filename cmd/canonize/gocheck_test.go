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
// the example module: a second run of an unchanged tree is the go
// command's cache replayed: the go command runs canonize as its tool on
// no package (the tool traces each run it is given; the first run
// traces some), with the same output; and every output format, and
// --baseline, prints the same bytes and exits with the same status each
// time the cache is replayed (nothing in the output depends on the
// order the go command reports packages in).
func TestCheckThroughGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the whole example in every configuration: not in -short")
	}
	dir := copyTree(t, "../../testdata/chatapp")
	first := filepath.Join(t.TempDir(), "first.trace")
	cold := canonizeEnv(t, dir, []string{vettool.TraceEnv + "=" + first, noReplay}, "check")
	if n := traceLines(t, first); n == 0 {
		t.Fatalf("the first check ran the tool on no package:\n%s", cold.stderr)
	}
	second := filepath.Join(t.TempDir(), "second.trace")
	warm := canonizeEnv(t, dir, []string{vettool.TraceEnv + "=" + second, noReplay}, "check")
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
		first := canonize(t, dir, args...)
		again := canonize(t, dir, args...)
		if again.code != first.code || again.stdout != first.stdout || again.stderr != first.stderr {
			t.Errorf("canonize %s: exit %d, stdout:\n%s\nstderr:\n%s\nthen exit %d, stdout:\n%s\nstderr:\n%s",
				strings.Join(args, " "), first.code, first.stdout, first.stderr, again.code, again.stdout, again.stderr)
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
