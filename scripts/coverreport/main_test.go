package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeAndReport: a block run in either profile is covered, a block
// repeated is counted once, and each package and the total get a line.
func TestMergeAndReport(t *testing.T) {
	dir := t.TempDir()
	unit := filepath.Join(dir, "unit.out")
	cli := filepath.Join(dir, "cli.out")
	write := func(name, data string) {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(unit, `mode: set
example.com/m/a/a.go:3.10,5.2 2 1
example.com/m/a/a.go:6.10,8.2 3 0
example.com/m/a/a.go:3.10,5.2 2 0
example.com/m/b/b.go:1.1,2.2 5 0
`)
	write(cli, `mode: set
example.com/m/a/a.go:6.10,8.2 3 1
example.com/m/b/b.go:1.1,2.2 5 0
`)
	merged := filepath.Join(dir, "merged.out")
	var out strings.Builder
	if err := run([]string{unit, cli}, merged, &out); err != nil {
		t.Fatal(err)
	}
	want := `package          statements   covered
example.com/m/a           5    100.0%
example.com/m/b           5      0.0%
total                    10     50.0%
`
	if out.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", out.String(), want)
	}
	got, err := os.ReadFile(merged)
	if err != nil {
		t.Fatal(err)
	}
	wantMerged := `mode: set
example.com/m/a/a.go:3.10,5.2 2 1
example.com/m/a/a.go:6.10,8.2 3 1
example.com/m/b/b.go:1.1,2.2 5 0
`
	if string(got) != wantMerged {
		t.Errorf("merged profile:\n%s\nwant:\n%s", got, wantMerged)
	}
}

func TestBadProfile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "bad.out")
	if err := os.WriteFile(name, []byte("mode: set\nnot a line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run([]string{name}, "", &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "bad.out: line 2") {
		t.Errorf("run on a bad profile: %v; want an error naming the file and line", err)
	}
	if err := run(nil, "", &strings.Builder{}); err == nil {
		t.Error("run with no profiles: no error")
	}
}
