package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The archive's files land under the directory, parents made; a wrong
// argument count and a missing archive are errors.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	ar := filepath.Join(dir, "a.txtar")
	os.WriteFile(ar, []byte("-- go.mod --\nmodule m\n-- p/p.go --\npackage p\n"), 0o644)
	var errb strings.Builder
	if code := run([]string{ar, filepath.Join(dir, "out")}, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if data, err := os.ReadFile(filepath.Join(dir, "out", "p", "p.go")); err != nil || string(data) != "package p\n" {
		t.Errorf("p/p.go: %q, %v", data, err)
	}
	if code := run([]string{ar}, &errb); code != 2 || !strings.Contains(errb.String(), "usage") {
		t.Errorf("one argument: exit %d, %q", code, errb.String())
	}
	if code := run([]string{filepath.Join(dir, "none.txtar"), dir}, &errb); code != 1 {
		t.Errorf("missing archive: exit %d", code)
	}
}
