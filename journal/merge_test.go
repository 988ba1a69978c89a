package journal

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/canonize/canonize/internal/linediff"
)

func TestMerge3Clean(t *testing.T) {
	ten := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
	for _, tc := range []struct {
		name                     string
		base, ours, theirs, want string
	}{
		{"theirs only", "a\nb\nc\n", "a\nb\nc\n", "a\nB\nc\n", "a\nB\nc\n"},
		{"ours only", "a\nb\nc\n", "a\nB\nc\n", "a\nb\nc\n", "a\nB\nc\n"},
		{"both sides, far apart", ten,
			"1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n",
			"1\n2\n3\n4\n5\n6\n7\n8\nNINE\n10\n",
			"1\nTWO\n3\n4\n5\n6\n7\n8\nNINE\n10\n"},
		{"one unchanged line between the changes", "a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n", "A\nb\nC\n"},
		{"same sides", "a\nb\nc\n", "a\nX\nc\n", "a\nX\nc\n", "a\nX\nc\n"},
		{"same change on both sides, plus one of ours", ten,
			"1\nTWO\n3\n4\n5\n6\n7\nEIGHT\n9\n10\n",
			"1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n",
			"1\nTWO\n3\n4\n5\n6\n7\nEIGHT\n9\n10\n"},
		{"same insertion on both sides, plus one of theirs", ten,
			"1\n2\n3\nnew\n4\n5\n6\n7\n8\n9\n10\n",
			"1\n2\n3\nnew\n4\n5\n6\n7\n8\n9\nTEN\n",
			"1\n2\n3\nnew\n4\n5\n6\n7\n8\n9\nTEN\n"},
		{"same deletion on both sides, plus one of ours", ten,
			"ONE\n2\n3\n6\n7\n8\n9\n10\n",
			"1\n2\n3\n6\n7\n8\n9\n10\n",
			"ONE\n2\n3\n6\n7\n8\n9\n10\n"},
		{"deletion on one side, edit far away on the other", ten,
			"1\n2\n6\n7\n8\n9\n10\n",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\nTEN\n",
			"1\n2\n6\n7\n8\n9\nTEN\n"},
		{"first line and last line", ten,
			"ONE\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
			"1\n2\n3\n4\n5\n6\n7\n8\n9\nTEN\n",
			"ONE\n2\n3\n4\n5\n6\n7\n8\n9\nTEN\n"},
		{"insertions at the top and at the end", "a\nb\nc\n", "top\na\nb\nc\n", "a\nb\nc\nend\n", "top\na\nb\nc\nend\n"},
		{"final newline added on one side", "a\nb\nc", "A\nb\nc", "a\nb\nc\n", "A\nb\nc\n"},
		{"final newline removed on one side", "a\nb\nc\n", "A\nb\nc\n", "a\nb\nc", "A\nb\nc"},
		{"lines appended after a last line without newline", "a\nb\nc\nd", "A\nb\nc\nd", "a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n"},
		{"crlf kept", "a\r\nb\r\nc\r\nd\r\n", "A\r\nb\r\nc\r\nd\r\n", "a\r\nb\r\nc\r\nD\r\n", "A\r\nb\r\nc\r\nD\r\n"},
		{"crlf to lf is a change", "a\r\nb\r\nc\r\nd\r\n", "a\r\nb\r\nc\r\nD\r\n", "a\nb\r\nc\r\nd\r\n", "a\nb\r\nc\r\nD\r\n"},
		{"empty result", "a\n", "", "a\n", ""},
		{"empty base", "", "", "x\n", "x\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := Merge3([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs))
			if cs != nil {
				t.Fatalf("Merge3: conflicts %s, want clean %q", diff3Show(cs), tc.want)
			}
			if got == nil || string(got) != tc.want {
				t.Errorf("Merge3 = %q (nil: %t), want %q", got, got == nil, tc.want)
			}
		})
	}
}

func TestMerge3Conflicts(t *testing.T) {
	for _, tc := range []struct {
		name               string
		base, ours, theirs string
		want               []Conflict
	}{
		{"same line, different changes", "a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n",
			[]Conflict{{2, 3, []string{"b\n"}, []string{"B1\n"}, []string{"B2\n"}}}},
		{"insertions at the same place", "a\nb\n", "a\nX\nb\n", "a\nY\nb\n",
			[]Conflict{{2, 2, nil, []string{"X\n"}, []string{"Y\n"}}}},
		{"insertions at the top", "a\n", "X\na\n", "Y\na\n",
			[]Conflict{{1, 1, nil, []string{"X\n"}, []string{"Y\n"}}}},
		{"insertions into an empty file", "", "X\n", "Y\n",
			[]Conflict{{1, 1, nil, []string{"X\n"}, []string{"Y\n"}}}},
		{"deletion against edit", "a\nb\nc\n", "a\nc\n", "a\nB\nc\n",
			[]Conflict{{2, 3, []string{"b\n"}, nil, []string{"B\n"}}}},
		{"edit against deletion", "a\nb\nc\n", "a\nB\nc\n", "a\nc\n",
			[]Conflict{{2, 3, []string{"b\n"}, []string{"B\n"}, nil}}},
		// git merge-file (and diff3) make changes that touch one conflict,
		// even when they change different lines.
		{"adjacent lines", "a\nb\nc\nd\n", "a\nB\nc\nd\n", "a\nb\nC\nd\n",
			[]Conflict{{2, 4, []string{"b\n", "c\n"}, []string{"B\n", "c\n"}, []string{"b\n", "C\n"}}}},
		{"insertion next to an edit", "a\nb\nc\n", "a\nX\nb\nc\n", "a\nB\nc\n",
			[]Conflict{{2, 3, []string{"b\n"}, []string{"X\n", "b\n"}, []string{"B\n"}}}},
		{"overlapping runs chain into one region", "1\n2\n3\n4\n5\n6\n", "1\nA\nB\n4\n5\n6\n", "1\n2\nC\nD\n5\n6\n",
			[]Conflict{{2, 5, []string{"2\n", "3\n", "4\n"}, []string{"A\n", "B\n", "4\n"}, []string{"2\n", "C\n", "D\n"}}}},
		{"first and last line", "a\nb\nc\nd\ne\n", "A1\nb\nc\nd\nE1\n", "A2\nb\nc\nd\nE2\n",
			[]Conflict{
				{1, 2, []string{"a\n"}, []string{"A1\n"}, []string{"A2\n"}},
				{5, 6, []string{"e\n"}, []string{"E1\n"}, []string{"E2\n"}},
			}},
		{"final newline against an edit of the last line", "a\nb\nc", "a\nb\nC", "a\nb\nc\n",
			[]Conflict{{3, 4, []string{"c"}, []string{"C"}, []string{"c\n"}}}},
		{"crlf against lf", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", "a\r\nb\nc\r\n",
			[]Conflict{{2, 3, []string{"b\r\n"}, []string{"B\r\n"}, []string{"b\n"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cs := Merge3([]byte(tc.base), []byte(tc.ours), []byte(tc.theirs))
			if got != nil {
				t.Errorf("Merge3 merged = %q, want nil", got)
			}
			if !reflect.DeepEqual(cs, tc.want) {
				t.Errorf("Merge3 conflicts:\n got %s\nwant %s", diff3Show(cs), diff3Show(tc.want))
			}
		})
	}
}

// TestDiff3Diff checks where an ambiguous change lands: where git diff
// (Myers, no indent heuristic) puts it, which is what git merge-file merges.
func TestDiff3Diff(t *testing.T) {
	for _, tc := range []struct {
		base, other string
		want        []diff3Hunk
	}{
		{"a\nb\nb\nc\n", "a\nb\nb\nb\nc\n", []diff3Hunk{{3, 3, 3, 4}}},       // git: @@ -3,0 +4 @@
		{"a\nb\na\nb\nc\n", "a\nb\nc\n", []diff3Hunk{{2, 4, 2, 2}}},          // git: @@ -3,2 +2,0 @@
		{"x\na\nb\na\nb\n", "x\na\nb\n", []diff3Hunk{{3, 5, 3, 3}}},          // git: @@ -4,2 +3,0 @@
		{"a\nb\nc\nb\nc\nd\n", "a\nB\nb\nc\nd\n", []diff3Hunk{{1, 3, 1, 2}}}, // git: @@ -2,2 +2 @@
		{"a\nb\n", "a\nb\n", nil},
		{"", "a\n", []diff3Hunk{{0, 0, 0, 1}}},
		{"a\nb", "a\nb\n", []diff3Hunk{{1, 2, 1, 2}}},
	} {
		got := diff3Diff(linediff.Split(tc.base), linediff.Split(tc.other))
		if !slices.Equal(got, tc.want) {
			t.Errorf("diff3Diff(%q, %q) = %v, want %v", tc.base, tc.other, got, tc.want)
		}
	}
}

// TestDiff3MergeSameLines checks the zealous rule on hunks made by hand: the
// sides change base in different hunks but end up with the same lines in
// the region, which git merge-file (default level) treats as clean. Go-diff
// rarely produces such hunks for a small hand case, so give them directly.
func TestDiff3MergeSameLines(t *testing.T) {
	base := []string{"1\n", "2\n", "3\n", "4\n"}
	ours := []string{"1\n", "X\n", "3\n", "4\n"}
	theirs := []string{"1\n", "X\n", "3\n", "4\n"}
	oh := []diff3Hunk{{1, 3, 1, 3}} // "2 3" → "X 3": not minimal, still a diff
	th := []diff3Hunk{{1, 2, 1, 2}}
	got, cs := diff3Merge(base, ours, theirs, oh, th)
	if cs != nil || string(got) != "1\nX\n3\n4\n" {
		t.Errorf("diff3Merge = %q, %s; want clean %q", got, diff3Show(cs), "1\nX\n3\n4\n")
	}
	theirs[2] = "three\n"
	th = []diff3Hunk{{1, 3, 1, 3}}
	if _, cs := diff3Merge(base, ours, theirs, oh, th); len(cs) != 1 {
		t.Errorf("diff3Merge with different lines: conflicts %s, want 1", diff3Show(cs))
	}
}

// TestMerge3TooManyLines merges files that differ in more distinct lines
// than go-diff's line mode can encode (it panics past about 1.11M): Merge3
// must fall back to one hunk per side, not crash, and that hunk still merges
// with changes outside it and conflicts with changes inside it.
func TestMerge3TooManyLines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds files of 1.2M lines")
	}
	const n = 1_200_000
	var base []byte
	for i := range n {
		base = strconv.AppendInt(base, int64(i), 10)
		base = append(base, '\n')
	}
	edit := func(b []byte, line int, to string) []byte {
		return bytes.Replace(b, []byte(fmt.Sprintf("\n%d\n", line)), []byte("\n"+to+"\n"), 1)
	}
	// Lines 5 and n-5 changed: everything between them is one hunk.
	ours := edit(edit(base, 5, "five"), n-5, "late")
	got, cs := Merge3(base, ours, edit(base, 2, "two"))
	if want := edit(ours, 2, "two"); cs != nil || !bytes.Equal(got, want) {
		t.Errorf("Merge3 of %d lines, change outside the hunk: %d conflicts, merged as expected: %t", n, len(cs), bytes.Equal(got, want))
	}
	got, cs = Merge3(base, ours, edit(base, n/2, "middle"))
	// Base lines 6 to n-4 (1-based), the ones between the two changes of ours.
	if got != nil || len(cs) != 1 || cs[0].BaseStart != 6 || cs[0].BaseEnd != n-3 {
		t.Errorf("Merge3 of %d lines, change inside the hunk: merged %t, %d conflicts, want one at [6, %d)",
			n, got != nil, len(cs), n-3)
		for _, c := range cs {
			t.Logf("conflict at [%d, %d)", c.BaseStart, c.BaseEnd)
		}
	}
}

// TestMerge3Rollback is the use case: canonize rewrote a few lines of the
// snapshot (theirs) into base, a person then edited the file (ours), and
// rolling back must give the snapshot plus the person's edits, byte for byte.
func TestMerge3Rollback(t *testing.T) {
	snapshot := `package store

import (
	"io/ioutil"
	"os"
)

// Load reads the store file.
func Load(path string) ([]byte, error) {
	return ioutil.ReadFile(path)
}

// Save writes the store file.
func Save(path string, b []byte) error {
	return ioutil.WriteFile(path, b, 0o644)
}

// Exists reports whether the store file exists.
func Exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Remove deletes the store file.
// It does not fail when the file is missing.
func Remove(path string) error {
	err := os.Remove(path)
	if os.IsNotExist(err) {
		return nil
	}
	return err
}

// Size returns the size of the store file.
func Size(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
`
	migrated := strings.NewReplacer(
		"\t\"io/ioutil\"\n", "",
		"ioutil.ReadFile", "os.ReadFile",
		"ioutil.WriteFile", "os.WriteFile",
	).Replace(snapshot)
	if migrated == snapshot {
		t.Fatal("the migration changed nothing")
	}
	// The person's edits, 20 lines and more away from the migrated ones.
	edit := strings.NewReplacer(
		"// It does not fail when the file is missing.\n", "// A missing file is not an error.\n",
		"\treturn fi.Size(), nil\n}\n", "\treturn fi.Size(), nil\n}\n\n// Touch creates the store file.\nfunc Touch(path string) error {\n\treturn Save(path, nil)\n}\n",
	)
	edited := edit.Replace(migrated)
	want := edit.Replace(snapshot)

	got, cs := Merge3([]byte(migrated), []byte(edited), []byte(snapshot))
	if cs != nil {
		t.Fatalf("Merge3: conflicts\n%s", FormatConflicts("store.go", cs))
	}
	if string(got) != want {
		t.Errorf("Merge3 =\n%s\nwant\n%s", got, want)
	}

	// The same with CRLF line endings and no newline at the end.
	crlf := func(s string) []byte {
		return []byte(strings.TrimSuffix(strings.ReplaceAll(s, "\n", "\r\n"), "\r\n"))
	}
	got, cs = Merge3(crlf(migrated), crlf(edited), crlf(snapshot))
	if cs != nil || !bytes.Equal(got, crlf(want)) {
		t.Errorf("Merge3 with CRLF: %d conflicts, merged equal: %t", len(cs), bytes.Equal(got, crlf(want)))
	}

	// A person who edited a line the migration wrote conflicts: the rollback
	// must not guess.
	touched := strings.Replace(edited, "return os.ReadFile(path)", "return os.ReadFile(filepath.Clean(path))", 1)
	got, cs = Merge3([]byte(migrated), []byte(touched), []byte(snapshot))
	wantC := []Conflict{{
		BaseStart: 9, BaseEnd: 10,
		Base:   []string{"\treturn os.ReadFile(path)\n"},
		Ours:   []string{"\treturn os.ReadFile(filepath.Clean(path))\n"},
		Theirs: []string{"\treturn ioutil.ReadFile(path)\n"},
	}}
	if got != nil || !reflect.DeepEqual(cs, wantC) {
		t.Errorf("Merge3 over an edited migrated line = %q, %s; want nil, %s", got, diff3Show(cs), diff3Show(wantC))
	}
}

func TestFormatConflicts(t *testing.T) {
	cs := []Conflict{
		{2, 3, []string{"b\n"}, []string{"B1\n"}, []string{"B2\n"}},
		{5, 5, nil, []string{"X\n"}, []string{"Y\n"}},
		{1, 1, nil, []string{"top\n"}, []string{"head\n"}},
		{7, 9, []string{"g\n", "h"}, []string{"G\n", "h"}, []string{"g\n", "h\n"}},
	}
	want := `a.go:2: conflict 1 of 4, line 2
<<<<<<< current
B1
||||||| canonize wrote
b
=======
B2
>>>>>>> snapshot
a.go:5: conflict 2 of 4, both sides insert after line 4
<<<<<<< current
X
||||||| canonize wrote
=======
Y
>>>>>>> snapshot
a.go:1: conflict 3 of 4, both sides insert at the top of the file
<<<<<<< current
top
||||||| canonize wrote
=======
head
>>>>>>> snapshot
a.go:7: conflict 4 of 4, lines 7-8 (no newline at end of file in current, canonize wrote)
<<<<<<< current
G
h
||||||| canonize wrote
g
h
=======
g
h
>>>>>>> snapshot
`
	if got := FormatConflicts("a.go", cs); got != want {
		t.Errorf("FormatConflicts =\n%s\nwant\n%s", got, want)
	}
	if got := FormatConflicts("a.go", nil); got != "" {
		t.Errorf("FormatConflicts(nil) = %q, want empty", got)
	}
}

// TestMerge3MatchesGit is a differential test against git merge-file, the
// reference for the outcome: on random triples, clean ⇔ no conflicts, and a
// clean merge has git's bytes.
//
// Each triple is checked twice:
//
//   - diff3Merge on git's own line diffs (git diff -U0 with merge-file's
//     settings: Myers, no indent heuristic) must give git merge-file's outcome
//     exactly. This pins the merge walk: adjacency, chaining, same-change and
//     zealous rules, line bytes.
//   - Merge3, on go-diff's line diffs, must give git's outcome whenever its
//     two diffs are the ones git computes. When the lines repeat, a diff can
//     have several minimal alignments ("a b a" → "a": drop "a b" or "b a"),
//     and go-diff's Myers does not always break ties as xdiff's does
//     (diff3Compact settles those that differ by a slide, not the others).
//     Then the merges legitimately differ — each is right for its diffs —
//     and the case is counted, not failed. Such triples are common only
//     because the alphabet here is tiny; the diffs must still agree on most.
func TestMerge3MatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed:", err)
	}
	n := 500
	if testing.Short() {
		n = 100
	}
	rng := rand.New(rand.NewPCG(20261128, 3))
	cases := make([]diff3Case, n)
	for i := range cases {
		cases[i] = diff3RandomCase(rng)
	}
	results := diff3RunGit(t, cases)

	var otherDiffs, otherAlignment, conflicts int
	for i, c := range cases {
		g := results[i]
		if !g.clean {
			conflicts++
		}
		b, o, th := linediff.Split(string(c.base)), linediff.Split(string(c.ours)), linediff.Split(string(c.theirs))
		merged, cs := diff3Merge(b, o, th, g.ours, g.theirs)
		if !g.agrees(merged, cs) {
			t.Errorf("case %d: diff3Merge on git's diffs: clean %t, git clean %t\n%s\nmerged %q\ngit    %q",
				i, cs == nil, g.clean, c, merged, g.merged)
			continue
		}
		oh, th2 := diff3Diff(b, o), diff3Diff(b, th)
		sameDiffs := slices.Equal(oh, g.ours) && slices.Equal(th2, g.theirs)
		if !sameDiffs {
			otherDiffs++
		}
		merged, cs = Merge3(c.base, c.ours, c.theirs)
		if g.agrees(merged, cs) {
			continue
		}
		if sameDiffs {
			t.Errorf("case %d: Merge3 on git's own diffs: clean %t, git clean %t\n%s\nmerged %q\ngit    %q",
				i, cs == nil, g.clean, c, merged, g.merged)
			continue
		}
		// Both diffs must be minimal; xdiff's are for files this small.
		if diff3Cost(oh) != diff3Cost(g.ours) || diff3Cost(th2) != diff3Cost(g.theirs) {
			t.Errorf("case %d: go-diff's diffs change %d+%d lines, git's %d+%d\n%s",
				i, diff3Cost(oh), diff3Cost(th2), diff3Cost(g.ours), diff3Cost(g.theirs), c)
			continue
		}
		otherAlignment++
		t.Logf("case %d: go-diff aligns differently (ours %v / git %v, theirs %v / git %v): clean %t, git clean %t",
			i, oh, g.ours, th2, g.theirs, cs == nil, g.clean)
	}
	t.Logf("%d triples, %d conflicting in git, %d with another diff than git's, %d merged differently for that",
		n, conflicts, otherDiffs, otherAlignment)
	if conflicts < n/5 || conflicts > n*4/5 {
		t.Errorf("%d of %d triples conflict: the generator no longer tests both outcomes", conflicts, n)
	}
	// With the seed above: 24 and 1 of 500; without diff3Compact, 96 and 8.
	if otherDiffs > n/10 || otherAlignment > n/50 {
		t.Errorf("%d of %d triples have another diff than git's, %d merge differently for that; expected a few",
			otherDiffs, n, otherAlignment)
	}
}

// diff3Show prints conflicts with their lines quoted.
func diff3Show(cs []Conflict) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, fmt.Sprintf("{%d-%d base %q ours %q theirs %q}", c.BaseStart, c.BaseEnd, c.Base, c.Ours, c.Theirs))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// diff3Cost counts the lines a diff deletes or inserts.
func diff3Cost(hs []diff3Hunk) int {
	n := 0
	for _, h := range hs {
		n += h.baseEnd - h.baseStart + h.otherEnd - h.otherStart
	}
	return n
}

// diff3Case is one random triple.
type diff3Case struct{ base, ours, theirs []byte }

func (c diff3Case) String() string {
	return fmt.Sprintf("base   %q\nours   %q\ntheirs %q", c.base, c.ours, c.theirs)
}

// diff3RandomCase makes base from a small alphabet, so that lines repeat
// and changes collide, and ours and theirs by a few random runs of
// insertions, deletions and replacements; a quarter of the time theirs
// starts from ours, so both sides share changes. Some lines end in CRLF and
// some files lose their final newline.
func diff3RandomCase(rng *rand.Rand) diff3Case {
	common := []string{"a\n", "b\n", "c\n", "d\n", "e\n", "f\n"}
	fresh := []string{"x\n", "y\n", "z\n", "a\r\n", "b\r\n"}
	line := func() string {
		if rng.IntN(2) == 0 {
			return fresh[rng.IntN(len(fresh))]
		}
		return common[rng.IntN(len(common))]
	}
	base := make([]string, 5+rng.IntN(36))
	for i := range base {
		base[i] = common[rng.IntN(len(common))]
	}
	edit := func(lines []string) []string {
		out := slices.Clone(lines)
		for k := 1 + rng.IntN(3); k > 0; k-- {
			pos, run := rng.IntN(len(out)+1), 1+rng.IntN(3)
			del := min(run, len(out)-pos)
			var ins []string
			switch rng.IntN(3) {
			case 0: // insert
				del = 0
				for range run {
					ins = append(ins, line())
				}
			case 1: // delete
			case 2: // replace
				for range del {
					ins = append(ins, line())
				}
			}
			out = slices.Replace(out, pos, pos+del, ins...)
		}
		return out
	}
	ours := edit(base)
	theirs := base
	if rng.IntN(4) == 0 {
		theirs = ours
	}
	theirs = edit(theirs)
	join := func(lines []string) []byte {
		b := []byte(strings.Join(lines, ""))
		if rng.IntN(10) == 0 {
			b = bytes.TrimSuffix(b, []byte("\n"))
		}
		return b
	}
	return diff3Case{join(base), join(ours), join(theirs)}
}

// diff3GitResult is git's view of a triple: merge-file's outcome and the line
// diffs base→ours and base→theirs it merged.
type diff3GitResult struct {
	clean        bool
	merged       []byte
	ours, theirs []diff3Hunk
}

// agrees reports whether a merge has git's outcome.
func (g diff3GitResult) agrees(merged []byte, cs []Conflict) bool {
	if g.clean {
		return cs == nil && bytes.Equal(merged, g.merged)
	}
	return cs != nil && merged == nil
}

// diff3RunGit runs git on every case, on as many workers as there are CPUs.
func diff3RunGit(t *testing.T, cases []diff3Case) []diff3GitResult {
	t.Helper()
	root := t.TempDir()
	// Keep the user's and the system's git configuration out: a
	// merge.conflictStyle of diff3 changes which merges are clean.
	env := append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_CEILING_DIRECTORIES="+root, "LC_ALL=C")
	results := make([]diff3GitResult, len(cases))
	errs := make([]error, len(cases))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = diff3Git(filepath.Join(root, strconv.Itoa(i)), env, cases[i])
			}
		})
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return results
}

func diff3Git(dir string, env []string, c diff3Case) (diff3GitResult, error) {
	var r diff3GitResult
	if err := os.Mkdir(dir, 0o755); err != nil {
		return r, err
	}
	for name, b := range map[string][]byte{"base": c.base, "ours": c.ours, "theirs": c.theirs} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return r, err
		}
	}
	git := func(args ...string) ([]byte, int, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() > 0 && exit.ExitCode() < 128 {
			return out, exit.ExitCode(), nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%s: git %s: %v: %s", dir, strings.Join(args, " "), err, stderr.Bytes())
		}
		return out, 0, nil
	}
	// Exit status: 0 clean, the number of conflicts otherwise.
	out, status, err := git("merge-file", "-p", "ours", "base", "theirs")
	if err != nil {
		return r, err
	}
	r.clean = status == 0
	if r.clean {
		r.merged = out
	}
	for _, side := range []struct {
		name  string
		hunks *[]diff3Hunk
	}{{"ours", &r.ours}, {"theirs", &r.theirs}} {
		out, _, err := git("diff", "--no-index", "--no-color", "--no-ext-diff", "-U0",
			"--diff-algorithm=myers", "--no-indent-heuristic", "base", side.name)
		if err != nil {
			return r, err
		}
		if *side.hunks, err = diff3ParseHunks(out); err != nil {
			return r, fmt.Errorf("%s: git diff base %s: %v", dir, side.name, err)
		}
	}
	return r, nil
}

var diff3HunkHeader = regexp.MustCompile(`(?m)^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// diff3ParseHunks reads the hunk headers of a -U0 unified diff.
func diff3ParseHunks(diff []byte) ([]diff3Hunk, error) {
	var hs []diff3Hunk
	for _, m := range diff3HunkHeader.FindAllSubmatch(diff, -1) {
		// "-a,b": b lines from line a; with b == 0, the insertion is after line a.
		rng := func(start, count []byte) (int, int) {
			a, _ := strconv.Atoi(string(start))
			b := 1
			if count != nil {
				b, _ = strconv.Atoi(string(count))
			}
			if b > 0 {
				a--
			}
			return a, a + b
		}
		var h diff3Hunk
		h.baseStart, h.baseEnd = rng(m[1], m[2])
		h.otherStart, h.otherEnd = rng(m[3], m[4])
		hs = append(hs, h)
	}
	if len(hs) == 0 && len(diff) > 0 {
		return nil, errors.New("no hunk in a non-empty diff")
	}
	return hs, nil
}
