package apply

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/canonize/canonize/journal"
)

// TestStatusStates writes journals by hand and checks the states Status
// derives from them against the disk.
func TestStatusStates(t *testing.T) {
	root := t.TempDir()
	st, err := journal.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := st.Lock("test")
	if err != nil {
		t.Fatal(err)
	}
	put := func(s string) string {
		h, err := st.PutSnapshot([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	write := func(rel, content string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, rel), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := func(r journal.Record) {
		if err := st.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	// Phase 1: committed; a.go as written, b.go edited since, c.go deleted.
	rec(journal.Record{Op: journal.OpBegin, Phase: 1, Note: "exports"})
	for _, f := range []string{"a.go", "b.go", "c.go"} {
		rec(journal.Record{Op: journal.OpWrite, Phase: 1, Path: f, Before: put("old " + f), After: put("new " + f), Mode: 0o644})
	}
	rec(journal.Record{Op: journal.OpCommit, Phase: 1})
	write("a.go", "new a.go")
	write("b.go", "new b.go, edited")
	// Phase 2: committed, then one of its two files restored: partial.
	rec(journal.Record{Op: journal.OpBegin, Phase: 2, Note: "production"})
	rec(journal.Record{Op: journal.OpWrite, Phase: 2, Path: "d.go", Before: put("old d"), After: put("new d")})
	rec(journal.Record{Op: journal.OpWrite, Phase: 2, Path: "e.go", Before: put("old e"), After: put("new e")})
	rec(journal.Record{Op: journal.OpCommit, Phase: 2})
	rec(journal.Record{Op: journal.OpRestore, Phase: 2, Path: "e.go"})
	write("d.go", "new d")
	write("e.go", "old e")
	// Phase 3: interrupted after its first write; the second never happened.
	rec(journal.Record{Op: journal.OpBegin, Phase: 3, Note: "tests"})
	rec(journal.Record{Op: journal.OpWrite, Phase: 3, Path: "f_test.go", Before: put("old f"), After: put("new f")})
	rec(journal.Record{Op: journal.OpWrite, Phase: 3, Path: "g_test.go", Before: put("old g"), After: put("new g")})
	write("f_test.go", "new f")
	write("g_test.go", "old g")
	unlock()

	s, err := Status(root, []string{"exports", "production", "tests", "cleanup"})
	if err != nil {
		t.Fatal(err)
	}
	wantPhases := []Condition{Applied, Partial, Interrupted, Pending}
	for i, ph := range s.Phases {
		if ph.State != wantPhases[i] {
			t.Errorf("phase %d: %s, want %s", ph.Number, ph.State, wantPhases[i])
		}
	}
	wantFiles := map[string]Condition{"a.go": Applied, "b.go": Modified, "c.go": Missing,
		"d.go": Applied, "e.go": RolledBack, "f_test.go": Applied, "g_test.go": Pending}
	for _, f := range s.Files {
		if wantFiles[f.Path] != f.State {
			t.Errorf("%s: %s, want %s", f.Path, f.State, wantFiles[f.Path])
		}
		delete(wantFiles, f.Path)
	}
	if len(wantFiles) > 0 {
		t.Errorf("files missing from status: %v", wantFiles)
	}
	if CleanedUp(root) {
		t.Error("CleanedUp with no cleanup phase applied")
	}
}

// TestStatusWithoutJournalWritesNothing: a read-only command must not
// create .canonize/.
func TestStatusWithoutJournalWritesNothing(t *testing.T) {
	root := t.TempDir()
	s, err := Status(root, []string{"exports"})
	if err != nil || len(s.Phases) != 1 || s.Phases[0].State != Pending {
		t.Fatalf("status: %+v, %v", s, err)
	}
	if _, err := os.Stat(filepath.Join(root, ".canonize")); !os.IsNotExist(err) {
		t.Error("status created .canonize/")
	}
}

// TestHistoryKnowsEveryOp: every op of package journal has a meaning
// here, so an op added there without one fails this test, not a user's
// rollback.
func TestHistoryKnowsEveryOp(t *testing.T) {
	h := &history{open: map[int]*run{}}
	for _, op := range journal.Ops() {
		h0 := strings.Repeat("0", 64)
		if err := h.add(journal.Record{Op: op, Phase: 1, Path: "a.go", Before: h0, After: h0}); err != nil {
			t.Errorf("%v: %v", op, err)
		}
	}
	if err := h.add(journal.Record{Seq: 9, Op: journal.Op(99)}); err == nil {
		t.Error("an unknown op was accepted")
	}
	// canonize only replaces files: a write without a before would make
	// rollback delete one.
	if err := h.add(journal.Record{Seq: 10, Op: journal.OpWrite, Phase: 1, Path: "a.go", After: strings.Repeat("0", 64)}); !errors.Is(err, journal.ErrCorrupt) {
		t.Errorf("a write without before: %v, want ErrCorrupt", err)
	}
}

// TestDocsListEveryOp: this package's doc and journal's list the same
// records, one line per op, and no others.
func TestDocsListEveryOp(t *testing.T) {
	var want []string
	for _, op := range journal.Ops() {
		want = append(want, op.String())
	}
	sort.Strings(want)
	for _, c := range []struct{ file, heading string }{
		{"doc.go", "// # Journal records"},
		{"../journal/doc.go", "// # Records"},
	} {
		data, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		got := docTableOps(string(data), c.heading)
		sort.Strings(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s, section %q lists ops %q; want %q", c.file, c.heading, got, want)
		}
	}
}

// docTableOps returns the first word of each preformatted line ("//\t")
// in the doc section under heading.
func docTableOps(doc, heading string) []string {
	_, section, _ := strings.Cut(doc, heading+"\n")
	section, _, _ = strings.Cut(section, "// # ")
	var ops []string
	for _, line := range strings.Split(section, "\n") {
		if rest, ok := strings.CutPrefix(line, "//\t"); ok {
			ops = append(ops, strings.Fields(rest)[0])
		}
	}
	return ops
}
