package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// assertNoTemps fails if a ".canonize-tmp-*" file is left under root.
func assertNoTemps(t *testing.T, root string) {
	t.Helper()
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), tempPrefix) {
			t.Errorf("temp file left: %s", p)
		}
		return nil
	})
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFileMode(t *testing.T) {
	s := lockedStore(t)
	for _, c := range []struct {
		rel  string
		mode fs.FileMode
	}{
		{"run.sh", 0o755},
		{"a.go", 0o644},
		{"run.sh", 0o644}, // an existing file takes the new mode
		{"a.go", 0o755},
		{"open", 0o777}, // not reduced by the umask
		{"private", 0o600},
	} {
		data := fmt.Sprintf("%s %o\n", c.rel, c.mode)
		if err := s.WriteFile(c.rel, []byte(data), c.mode); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(s.Root, c.rel)
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != c.mode {
			t.Errorf("%s: mode %v, want %v", c.rel, fi.Mode(), c.mode)
		}
		if got := readFile(t, p); got != data {
			t.Errorf("%s: content %q, want %q", c.rel, got, data)
		}
	}
	assertNoTemps(t, s.Root)
}

func TestWriteFileCreatesParents(t *testing.T) {
	s := lockedStore(t)
	if err := s.WriteFile("a/b/c.go", []byte("package b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(s.Root, "a", "b", "c.go")); got != "package b\n" {
		t.Errorf("content %q", got)
	}
}

// TestWriteFileTempInSameDir checks the atomic protocol from the inside:
// just before the rename, the complete new content and mode sit in a
// recognisable temp file beside the target, and the target still holds
// the old content.
func TestWriteFileTempInSameDir(t *testing.T) {
	s := lockedStore(t)
	if err := s.WriteFile("pkg/x.go", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	var seen string
	s.beforeRename = func(tmp, target string) error {
		seen = tmp
		if filepath.Dir(tmp) != filepath.Join(s.Root, "pkg") {
			t.Errorf("temp %s not in the target's directory", tmp)
		}
		if !strings.HasPrefix(filepath.Base(tmp), ".canonize-tmp-") {
			t.Errorf("temp %s not named .canonize-tmp-*", tmp)
		}
		if got := readFile(t, tmp); got != "new" {
			t.Errorf("temp content %q before rename", got)
		}
		if fi, err := os.Stat(tmp); err != nil || fi.Mode() != 0o755 {
			t.Errorf("temp mode before rename: %v, %v", fi.Mode(), err)
		}
		if got := readFile(t, target); got != "old" {
			t.Errorf("target content %q before rename", got)
		}
		return nil
	}
	if err := s.WriteFile("pkg/x.go", []byte("new"), 0o755); err != nil {
		t.Fatal(err)
	}
	if seen == "" {
		t.Fatal("hook not called")
	}
	if _, err := os.Lstat(seen); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("temp %s still there: %v", seen, err)
	}
	if got := readFile(t, filepath.Join(s.Root, "pkg", "x.go")); got != "new" {
		t.Errorf("content %q", got)
	}
}

func TestWriteFileFailureKeepsOld(t *testing.T) {
	s := lockedStore(t)
	p := filepath.Join(s.Root, "x.go")
	if err := s.WriteFile("x.go", []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	injected := errors.New("injected failure")
	s.beforeRename = func(tmp, target string) error { return injected }
	err := s.WriteFile("x.go", []byte("new content"), 0o755)
	if !errors.Is(err, injected) || !strings.Contains(err.Error(), "x.go") {
		t.Fatalf("WriteFile: %v, want the injected failure naming x.go", err)
	}
	if got := readFile(t, p); got != "old" {
		t.Errorf("content after failed write %q, want old", got)
	}
	if fi, _ := os.Stat(p); fi.Mode() != 0o644 {
		t.Errorf("mode after failed write %v", fi.Mode())
	}
	assertNoTemps(t, s.Root)
}

// refusalTree builds, in s.Root: file.go, sub/, real.go, link.go ->
// real.go, out -> a directory outside the root holding victim, dangling
// -> a missing path, state -> .canonize. It returns the outside directory.
func refusalTree(t *testing.T, s *Store) string {
	t.Helper()
	outside := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(outside, "victim"), []byte("outside"), 0o644))
	must(os.WriteFile(filepath.Join(s.Root, "file.go"), []byte("file"), 0o644))
	must(os.WriteFile(filepath.Join(s.Root, "real.go"), []byte("real"), 0o644))
	must(os.Mkdir(filepath.Join(s.Root, "sub"), 0o755))
	must(os.Symlink("real.go", filepath.Join(s.Root, "link.go")))
	must(os.Symlink(outside, filepath.Join(s.Root, "out")))
	must(os.Symlink("nowhere", filepath.Join(s.Root, "dangling")))
	must(os.Symlink(".canonize", filepath.Join(s.Root, "state")))
	must(os.Symlink("../../"+filepath.Base(outside), filepath.Join(s.Root, "sub", "up")))
	return outside
}

var refusals = []struct {
	rel    string
	unsafe bool // refused with ErrUnsafePath (the others are plain errors)
}{
	{"../x", true},
	{"a/../../x", true},
	{"a/../b", true},
	{"/abs", true},
	{"/etc/passwd", true},
	{"", true},
	{".", true},
	{"./a.go", true},
	{"a//b.go", true},
	{"a/", true},
	{".git/config", true},
	{"sub/.git/HEAD", true},
	{".canonize/journal.jsonl", true},
	{"sub/.canonize-tmp-123", true},
	{"out/victim", true},    // a symlinked dir pointing outside the root
	{"out/new/x.go", true},  // ... also for files and dirs that do not exist yet
	{"sub/up/victim", true}, // a relative symlink climbing out
	{"link.go", true},       // a symlink as the final component
	{"dangling/x.go", true}, // a symlink that does not resolve
	{"state/journal", true}, // a symlink into .canonize
	{"file.go/x.go", false}, // a file used as a directory
	{"sub", false},          // a directory as the final component
}

func TestRefusals(t *testing.T) {
	s := lockedStore(t)
	outside := refusalTree(t, s)
	for _, c := range refusals {
		named := fmt.Sprintf("%q", c.rel)
		check := func(op string, err error) {
			t.Helper()
			switch {
			case err == nil:
				t.Errorf("%s(%s): no error", op, named)
			case !strings.Contains(err.Error(), named):
				t.Errorf("%s(%s): error does not name the path: %v", op, named, err)
			case c.unsafe != errors.Is(err, ErrUnsafePath):
				t.Errorf("%s(%s): errors.Is(ErrUnsafePath) = %v, want %v: %v", op, named, !c.unsafe, c.unsafe, err)
			}
		}
		_, err := s.Resolve(c.rel)
		check("Resolve", err)
		check("WriteFile", s.WriteFile(c.rel, []byte("pwned"), 0o644))
		check("Remove", s.Remove(c.rel))
	}
	if got := readFile(t, filepath.Join(outside, "victim")); got != "outside" {
		t.Errorf("outside file changed: %q", got)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("outside dir has %d entries, want 1", len(entries))
	}
	if got := readFile(t, filepath.Join(s.Root, "real.go")); got != "real" {
		t.Errorf("write through link.go changed real.go: %q", got)
	}
	if fi, err := os.Lstat(filepath.Join(s.Root, "link.go")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link.go is no longer a symlink: %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.Root, "nowhere")); err == nil {
		t.Error("a write through the dangling symlink created its target")
	}
	if _, err := os.Stat(filepath.Join(s.Root, ".canonize", "journal")); err == nil {
		t.Error("a write through state/ landed in .canonize")
	}
	assertNoTemps(t, s.Root)
}

func TestResolveAccepts(t *testing.T) {
	s := lockedStore(t)
	refusalTree(t, s)
	if err := os.Symlink("sub", filepath.Join(s.Root, "alias")); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"file.go":        filepath.Join(s.Root, "file.go"),
		"new.go":         filepath.Join(s.Root, "new.go"),
		"a/b/c.go":       filepath.Join(s.Root, "a", "b", "c.go"),
		"sub/x.go":       filepath.Join(s.Root, "sub", "x.go"),
		"alias/x.go":     filepath.Join(s.Root, "sub", "x.go"), // a symlinked dir inside the root
		".github/ci.yml": filepath.Join(s.Root, ".github", "ci.yml"),
	} {
		got, err := s.Resolve(rel)
		if err != nil || got != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", rel, got, err, want)
		}
	}
	if err := s.WriteFile("alias/x.go", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(s.Root, "sub", "x.go")); got != "x" {
		t.Errorf("sub/x.go = %q", got)
	}
}

func TestRemove(t *testing.T) {
	s := lockedStore(t)
	if err := s.WriteFile("d/x.go", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove("d/x.go"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(s.Root, "d", "x.go")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("d/x.go still there: %v", err)
	}
	// Again, and in a missing directory: nothing to do, no error.
	if err := s.Remove("d/x.go"); err != nil {
		t.Errorf("second Remove: %v", err)
	}
	if err := s.Remove("nodir/x.go"); err != nil {
		t.Errorf("Remove in a missing dir: %v", err)
	}
}

func TestCleanTemps(t *testing.T) {
	s := lockedStore(t)
	files := map[string]bool{ // path -> must survive
		"a.go":                                true,
		".canonize-tmp-1":                     false,
		"pkg/.canonize-tmp-2":                 false,
		"pkg/deep/.canonize-tmp-3":            false,
		".canonize/.canonize-tmp-4":           false,
		".canonize/snapshots/.canonize-tmp-5": false,
		"pkg/x.canonize-tmp-6":                true, // not the prefix
		".git/.canonize-tmp-7":                true, // git's business
		"nested/.canonize/lock":               true,
		"nested/.canonize-tmp-8":              true, // another store's root: its lock, not ours
	}
	for rel := range files {
		p := filepath.Join(s.Root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(rel), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := s.CleanTemps()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for rel, keep := range files {
		_, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(rel)))
		if gone := errors.Is(err, fs.ErrNotExist); gone == keep {
			t.Errorf("%s: gone=%v, want %v", rel, gone, !keep)
		}
		if !keep {
			want = append(want, rel)
		}
	}
	slices.Sort(want)
	slices.Sort(removed)
	if !slices.Equal(removed, want) {
		t.Errorf("CleanTemps reported %q, want %q", removed, want)
	}
}
