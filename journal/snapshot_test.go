package journal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSnapshotRoundTrip(t *testing.T) {
	s := lockedStore(t)
	for _, data := range [][]byte{nil, []byte("package a\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 1<<16)} {
		h, err := s.PutSnapshot(data)
		if err != nil {
			t.Fatal(err)
		}
		if h != HashOf(data) {
			t.Errorf("hash %s, want %s", h, HashOf(data))
		}
		if _, err := os.Stat(filepath.Join(s.Root, ".canonize", "snapshots", h)); err != nil {
			t.Errorf("snapshot file: %v", err)
		}
		got, err := s.Snapshot(h)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("Snapshot(%s) = %d bytes, want %d", h, len(got), len(data))
		}
		// Storing it again is fine and keeps one file.
		if h2, err := s.PutSnapshot(data); err != nil || h2 != h {
			t.Errorf("second PutSnapshot = %s, %v", h2, err)
		}
	}
	assertNoTemps(t, s.Root)
}

func TestSnapshotTampered(t *testing.T) {
	s := lockedStore(t)
	h, err := s.PutSnapshot([]byte("original"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(s.Root, ".canonize", "snapshots", h)
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = s.Snapshot(h)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), p) {
		t.Fatalf("Snapshot of a tampered file: %v; want ErrCorrupt naming %s", err, p)
	}
	// PutSnapshot of the real content repairs it.
	if _, err := s.PutSnapshot([]byte("original")); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Snapshot(h); err != nil || string(got) != "original" {
		t.Fatalf("after repair: %q, %v", got, err)
	}
}

func TestSnapshotBadHash(t *testing.T) {
	s := lockedStore(t)
	if err := os.WriteFile(filepath.Join(s.Root, "secret"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"", "../../secret", strings.Repeat("A", 64), strings.Repeat("0", 63)} {
		if _, err := s.Snapshot(h); err == nil {
			t.Errorf("Snapshot(%q): no error", h)
		}
	}
	if _, err := s.Snapshot(HashOf([]byte("never stored"))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Snapshot of a missing hash: %v, want not exist", err)
	}
}
