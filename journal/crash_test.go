package journal

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestKillAfterSecondWrite kills -9 a process that stopped right after
// the second of its three writes returned: the first two files have
// their new content, the third its old one, the journal holds the two
// write records, and no stray file is left in the user's tree.
func TestKillAfterSecondWrite(t *testing.T) {
	root := t.TempDir()
	old := map[string]string{}
	for _, name := range []string{"a.go", "b.go", "c.go"} {
		old[name] = "package old // " + name + "\n"
		if err := os.WriteFile(filepath.Join(root, name), []byte(old[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := helper(t, "write3", root, helperPauseEnv+"=2")
	waitLine(t, c.stderr, "helper: paused after write 2")
	c.kill(t)

	for name, want := range map[string]string{
		"a.go": "package new // a.go\n",
		"b.go": "package new // b.go\n",
		"c.go": old["c.go"],
	} {
		if got := readFile(t, filepath.Join(root, name)); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Error(err)
			return nil
		}
		if d.IsDir() && d.Name() == ".canonize" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, rel)
		}
		return nil
	})
	if want := []string{"a.go", "b.go", "c.go"}; !slices.Equal(files, want) {
		t.Errorf("files in the tree: %q, want %q", files, want)
	}

	// The next canonize gets the lock, finds the journal intact and the
	// snapshots to undo the two writes.
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock("canonize rollback")
	if err != nil {
		t.Fatalf("Lock after kill -9: %v", err)
	}
	defer unlock()
	if removed, err := s.CleanTemps(); err != nil || len(removed) != 0 {
		t.Errorf("CleanTemps = %q, %v; want nothing", removed, err)
	}
	recs, err := s.Records()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Path != "a.go" || recs[1].Path != "b.go" {
		t.Fatalf("records %+v; want writes of a.go and b.go", recs)
	}
	for _, r := range recs {
		before, err := s.Snapshot(r.Before)
		if err != nil {
			t.Fatal(err)
		}
		if string(before) != old[r.Path] {
			t.Errorf("%s: Before snapshot %q, want %q", r.Path, before, old[r.Path])
		}
		if HashOf([]byte(readFile(t, filepath.Join(root, r.Path)))) != r.After {
			t.Errorf("%s: content does not hash to After", r.Path)
		}
	}
}
