package apply

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDurablePoints: OnDurable sees begin, each file's record and write,
// then commit, numbered from 1, and an empty phase's begin and commit.
func TestDurablePoints(t *testing.T) {
	root, files := twoFiles(t)
	unchanged := FileChange{Path: "c.go", Before: []byte("same"), After: []byte("same")}
	order := Order{Phases: []Phase{
		{Number: 1, Name: "exports", Files: []FileChange{unchanged}},
		{Number: 2, Name: "production", Files: files},
	}}
	for _, c := range []struct {
		phase int
		want  []int
	}{
		{1, []int{1, 2}},             // begin, commit: nothing to do
		{2, []int{1, 2, 3, 4, 5, 6}}, // begin, 2 x (record, write), commit
	} {
		var got []int
		out, err := Apply(Options{Root: root, Order: order, Phase: c.phase, OnDurable: func(n int) { got = append(got, n) }})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("phase %d: points %v, want %v", c.phase, got, c.want)
		}
		if c.phase == 2 && !slices.Equal(out.Written, []string{"a.go", "b.go"}) {
			t.Errorf("phase 2 wrote %v", out.Written)
		}
	}
	for _, f := range files {
		if got, _ := os.ReadFile(filepath.Join(root, f.Path)); string(got) != string(f.After) {
			t.Errorf("%s = %q, want %q", f.Path, got, f.After)
		}
	}
}

// TestEditBeforeWriteNotReplaced: a file saved by a person after the
// plan was checked and before apply reaches it (here: right after the
// first file is written) is not replaced; the phase is undone, the first
// file restored, the person's content intact.
func TestEditBeforeWriteNotReplaced(t *testing.T) {
	root, files := twoFiles(t)
	order := Order{Phases: []Phase{{Number: 1, Name: "exports", Files: files}}}
	edit := func(n int) {
		if n == 3 { // a.go written
			os.WriteFile(filepath.Join(root, "b.go"), []byte("mine"), 0o644)
		}
	}
	_, err := Apply(Options{Root: root, Order: order, Phase: 1, OnDurable: edit})
	if err == nil || !strings.Contains(err.Error(), "b.go changed since the plan was computed") {
		t.Fatalf("err = %v", err)
	}
	for name, want := range map[string]string{"a.go": "old a.go", "b.go": "mine"} {
		if got, _ := os.ReadFile(filepath.Join(root, name)); string(got) != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

// twoFiles makes a tree with a.go and b.go holding "old NAME" and the
// changes to "new NAME".
func twoFiles(t *testing.T) (string, []FileChange) {
	root := t.TempDir()
	var files []FileChange
	for _, name := range []string{"a.go", "b.go"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte("old "+name), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, FileChange{Path: name, Before: []byte("old " + name), After: []byte("new " + name), Mode: 0o644})
	}
	return root, files
}
