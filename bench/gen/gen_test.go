package main

import (
	"bytes"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestLayout(t *testing.T) {
	for _, tc := range []struct {
		files    int
		percent  float64
		affected int
	}{
		{1, 100, 1}, {7, 50, 4}, {200, 2, 4}, {1000, 2, 20}, {20000, 0.1, 20}, {20000, 2, 400},
	} {
		m := newModule(tc.files, tc.percent, 1)
		if m.affected != tc.affected {
			t.Errorf("%d files at %g%%: %d affected, want %d", tc.files, tc.percent, m.affected, tc.affected)
		}
		files, marked, pkgsMarked := 0, 0, 0
		for i, p := range m.pkgs {
			files += p.files
			n := 0
			for _, c := range p.calls {
				if c {
					n++
				}
			}
			marked += n
			if n > 0 {
				pkgsMarked++
			}
			for _, d := range p.deps {
				if m.pkgs[d].layer >= p.layer {
					t.Errorf("%d files: package %d (layer %d) imports %d (layer %d)", tc.files, i, p.layer, d, m.pkgs[d].layer)
				}
			}
			if p.layer > 0 && m.pkgs[p.deps[0]].layer != p.layer-1 {
				t.Errorf("%d files: package %d's first import is not in the layer below", tc.files, i)
			}
		}
		if files != tc.files || marked != tc.affected {
			t.Errorf("%d files at %g%%: laid out %d files, %d affected", tc.files, tc.percent, files, marked)
		}
		// Spread: one affected file per package while there are packages.
		if want := min(tc.affected, len(m.pkgs)); pkgsMarked != want {
			t.Errorf("%d files at %g%%: affected files in %d packages, want %d", tc.files, tc.percent, pkgsMarked, want)
		}
	}
}

// TestModule writes a small module twice, checks that the bytes are the
// same, that every file is gofmt-clean, that only the affected files
// import websocket, and (without -short) that go vet accepts it.
func TestModule(t *testing.T) {
	dir, again := t.TempDir(), t.TempDir()
	for _, d := range []string{dir, again} {
		if err := newModule(120, 5, 7).write(d); err != nil {
			t.Fatal(err)
		}
	}
	calls, imports := 0, 0
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		other, err := os.ReadFile(filepath.Join(again, rel))
		if err != nil || !bytes.Equal(data, other) {
			t.Errorf("%s differs between two runs with the same flags", rel)
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasPrefix(rel, "websocket") {
			return nil
		}
		if src, err := format.Source(data); err != nil || !bytes.Equal(src, data) {
			t.Errorf("%s is not gofmt-clean (%v)", rel, err)
		}
		calls += strings.Count(string(data), "websocket.OpenManager(ctx, id)")
		imports += strings.Count(string(data), `"example.com/big/websocket"`)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 6 || imports != 6 {
		t.Errorf("120 files at 5%%: %d calls and %d imports of websocket, want 6 and 6", calls, imports)
	}
	if testing.Short() {
		return
	}
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("go vet ./...: %v\n%s", err, out)
	}
}
