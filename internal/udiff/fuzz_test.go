package udiff_test

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"

	"github.com/canonize/canonize/internal/udiff"
)

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func FuzzUnified(f *testing.F) {
	for _, c := range unifiedCases {
		f.Add(string(c.old), string(c.new))
	}
	f.Add("a\nb\nc", "a\r\nb\nc\n")
	f.Add("--- a\n+++ b\n@@ -1 +1 @@\n", "@@ x\n\\ y\n")
	f.Fuzz(func(t *testing.T, old, new string) {
		o, n := []byte(old), []byte(new)
		if d := udiff.Unified("f.go", o, o); d != nil {
			t.Fatalf("Unified(old, old) = %q, want nil", d)
		}
		d := udiff.Unified("f.go", o, n)
		checkApplies(t, o, n, d)
		checkApplies(t, nil, n, udiff.Unified("f.go", nil, n))
		checkApplies(t, o, nil, udiff.Unified("f.go", o, nil))
		checkStats(t, o, n)
		if plain := ansi.ReplaceAll(udiff.Colorize(d), nil); !bytes.Equal(plain, d) {
			t.Fatalf("Colorize changed more than colours:\n got: %q\nwant: %q", plain, d)
		}
	})
}

func checkApplies(t *testing.T, old, new, diff []byte) {
	t.Helper()
	got, err := applyUnified(old, diff)
	if err != nil {
		t.Fatalf("applying %q to %q: %v", diff, old, err)
	}
	if !bytes.Equal(got, new) || (got == nil) != (new == nil) {
		t.Fatalf("applying %q to %q gave %q, want %q", diff, old, got, new)
	}
}

// checkStats checks what any correct line diff satisfies: the net change in line count, and
// no more deletions or additions than there are lines.
func checkStats(t *testing.T, old, new []byte) {
	t.Helper()
	s := udiff.Stats("f.go", old, new)
	oldN, newN := len(diffLines(string(old))), len(diffLines(string(new)))
	if s.Added-s.Deleted != newN-oldN || s.Added > newN || s.Deleted > oldN || s.Added < 0 || s.Deleted < 0 {
		t.Fatalf("Stats(%q, %q) = %+v for %d -> %d lines", old, new, s, oldN, newN)
	}
	if (s.Added+s.Deleted == 0) != bytes.Equal(old, new) {
		t.Fatalf("Stats(%q, %q) = %+v", old, new, s)
	}
}

// TestHugeFile checks a file past go-diff's limit of distinct lines, on which go-diff panics:
// the diff must still be correct and keep the common first and last lines out of the change.
func TestHugeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two 1.2-million-line files")
	}
	var old, new bytes.Buffer
	for i := range 600_000 {
		fmt.Fprintf(&old, "o%d\n", i)
		fmt.Fprintf(&new, "n%d\n", i)
	}
	head, tail := "h1\nh2\nh3\nh4\nh5\n", "t1\nt2\nt3\nt4\nt5\n"
	o := []byte(head + old.String() + tail)
	n := []byte(head + new.String() + tail)
	d := udiff.Unified("big.txt", o, n)
	checkApplies(t, o, n, d)
	if want := "@@ -3,600006 +3,600006 @@\n"; !bytes.Contains(d, []byte("\n"+want)) {
		t.Errorf("diff does not have the hunk header %q", want)
	}
}

// FuzzColorize checks that Colorize only ever adds colour codes, whatever the input.
func FuzzColorize(f *testing.F) {
	for _, c := range unifiedCases {
		f.Add([]byte(c.want))
	}
	f.Add([]byte("@@ -1,2 +1 @@ f\n-a\r\n\\ x\n+++ b\t\n"))
	f.Fuzz(func(t *testing.T, diff []byte) {
		got := ansi.ReplaceAll(udiff.Colorize(diff), nil)
		if want := ansi.ReplaceAll(diff, nil); !bytes.Equal(got, want) {
			t.Fatalf("Colorize(%q) changed more than colours: %q", diff, got)
		}
	})
}
