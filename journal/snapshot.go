package journal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// HashOf returns the snapshot name of data: its sha256 in lowercase hex.
func HashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// validHash reports whether h is a snapshot name; checking it first keeps
// a hash from a tampered journal ("../../x") from naming another file.
func validHash(h string) bool {
	if len(h) != sha256.Size*2 {
		return false
	}
	for _, c := range []byte(h) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func (s *Store) snapshotPath(hash string) string {
	return filepath.Join(s.state(), snapshotsDir, hash)
}

// PutSnapshot stores data under its hash and returns the hash; the
// snapshot is durable when it returns. Storing the same content again
// costs a read: an existing snapshot is kept only if it verifies, and
// otherwise rewritten.
func (s *Store) PutSnapshot(data []byte) (hash string, err error) {
	if err := s.requireLock(); err != nil {
		return "", err
	}
	hash = HashOf(data)
	p := s.snapshotPath(hash)
	if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
		return hash, nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("journal: snapshot %s: %w", p, err)
	}
	// Read-only: a snapshot is never edited in place, only replaced whole.
	if err := writeAtomic(filepath.Dir(p), hash, data, 0o444, s.beforeRename, nil); err != nil {
		return "", fmt.Errorf("journal: snapshot %s: %w", p, err)
	}
	return hash, nil
}

// Snapshot returns the content stored under hash. A malformed hash is
// refused, and so (with ErrCorrupt and the file's path) is a snapshot
// whose content does not hash to its name.
func (s *Store) Snapshot(hash string) ([]byte, error) {
	if !validHash(hash) {
		return nil, fmt.Errorf("journal: snapshot %q: not a sha256 hex hash", hash)
	}
	p := s.snapshotPath(hash)
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("journal: snapshot %s: %w", p, err)
	}
	if got := HashOf(data); got != hash {
		return nil, fmt.Errorf("journal: snapshot %s: %w: content hashes to %s", p, ErrCorrupt, got)
	}
	return data, nil
}
