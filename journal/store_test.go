package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lockedStore opens a Store on a fresh temp root and takes its lock,
// released when the test ends.
func lockedStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock("test " + t.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := unlock(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func TestOpenCreatesState(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if s.Root != want {
		t.Errorf("Root = %s, want %s", s.Root, want)
	}
	got, err := os.ReadFile(filepath.Join(dir, ".canonize", ".gitignore"))
	if err != nil || strings.TrimSpace(string(got)) != "*" {
		t.Errorf(".gitignore = %q, %v; want \"*\"", got, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, ".canonize", "snapshots")); err != nil || !fi.IsDir() {
		t.Errorf("snapshots/: %v", err)
	}
	// Opening again keeps what is there.
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesStateSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, ".canonize")); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); err == nil {
		t.Fatal("Open with .canonize a symlink: no error")
	}
}

func TestWritesRequireLock(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutSnapshot([]byte("x")); err != ErrNotLocked {
		t.Errorf("PutSnapshot: %v, want ErrNotLocked", err)
	}
	if err := s.Append(Record{Op: OpBegin}); err != ErrNotLocked {
		t.Errorf("Append: %v, want ErrNotLocked", err)
	}
	if err := s.WriteFile("a.go", []byte("x"), 0o644); err != ErrNotLocked {
		t.Errorf("WriteFile: %v, want ErrNotLocked", err)
	}
	if err := s.Remove("a.go"); err != ErrNotLocked {
		t.Errorf("Remove: %v, want ErrNotLocked", err)
	}
	if _, err := s.CleanTemps(); err != ErrNotLocked {
		t.Errorf("CleanTemps: %v, want ErrNotLocked", err)
	}
	if _, err := os.Stat(filepath.Join(s.Root, "a.go")); !os.IsNotExist(err) {
		t.Errorf("a.go written without the lock: %v", err)
	}
	// After unlock, writes are refused again.
	unlock, err := s.Lock("test")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a.go", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a.go", []byte("y"), 0o644); err != ErrNotLocked {
		t.Errorf("WriteFile after unlock: %v, want ErrNotLocked", err)
	}
}

// TestStateSymlinks: a .canonize that came with the tree may hold
// symlinks; the lock and the journal must not write through them.
func TestStateSymlinks(t *testing.T) {
	victim := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(s.Root, ".canonize", "lock")
	if err := os.Symlink(victim, lock); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Lock("test"); err == nil {
		t.Error("Lock through a symlinked lock file: no error")
	}
	if err := os.Remove(lock); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(victim, s.journalPath()); err != nil {
		t.Fatal(err)
	}
	unlock, err := s.Lock("test")
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if err := s.Append(Record{Op: OpBegin}); err == nil {
		t.Error("Append through a symlinked journal: no error")
	}
	if _, err := s.Records(); err == nil {
		t.Error("Records through a symlinked journal: no error")
	}
	b, err := os.ReadFile(victim)
	if err != nil || string(b) != "precious" {
		t.Errorf("victim = %q, %v", b, err)
	}
}
