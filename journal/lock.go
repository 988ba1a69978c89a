package journal

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// LockedError is returned by Lock when another process, or another Store
// in this process, holds the lock.
type LockedError struct {
	Path    string    // the lock file
	PID     int       // the holder's process id; 0 if the holder line could not be read
	Command string    // what the holder is running
	Since   time.Time // when it took the lock
}

func (e *LockedError) Error() string {
	if e.PID == 0 {
		return fmt.Sprintf("journal: %s is held by another process (holder unknown)", e.Path)
	}
	return fmt.Sprintf("journal: %s is held by pid %d (%s) since %s",
		e.Path, e.PID, e.Command, e.Since.Format(time.RFC3339))
}

// holderLine is the lock file's content while the lock is held.
type holderLine struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

// holderReadWindow bounds how long a contender retries reading the holder
// line, which the holder writes just after taking the flock.
const holderReadWindow = 200 * time.Millisecond

// Lock takes the store's lock for command (a description such as
// "canonize apply --phase 2", reported to contenders). It never waits:
// if the lock is held it returns a *LockedError at once. A lock file left
// by a killed process does not block, since the kernel released its flock.
// The returned unlock releases the lock; calling it again does nothing.
func (s *Store) Lock(command string) (unlock func() error, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := filepath.Join(s.state(), lockName)
	if s.fl != nil {
		return nil, fmt.Errorf("journal: lock %s: this Store already holds it", path)
	}
	if err := checkStateFile(path); err != nil {
		return nil, fmt.Errorf("journal: lock: %w", err)
	}
	fl := flock.New(path, flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("journal: lock %s: %w", path, err)
	}
	if !ok {
		return nil, readHolder(path)
	}
	s.fl = fl
	s.holder = writeHolder(path, holderLine{PID: os.Getpid(), Command: command, Since: time.Now().UTC()})
	var once sync.Once
	var uerr error
	return func() error {
		once.Do(func() { uerr = s.unlock(fl) })
		return uerr
	}, nil
}

// writeHolder writes the holder line through a second handle, kept open
// until after unlocking: with fcntl-based locks (AIX, Solaris) closing
// any handle of the file would drop the lock. The line is informational,
// so failing to write it is not an error: contenders are then told the
// holder is unknown (always so on Windows, where the locked byte keeps
// other handles out). It is not fsynced: after a crash it names a dead
// process whose flock is gone anyway.
func writeHolder(path string, h holderLine) *os.File {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil
	}
	b, _ := json.Marshal(h) // cannot fail: plain fields
	if f.Truncate(0) != nil {
		return f
	}
	f.WriteAt(append(b, '\n'), 0)
	return f
}

// readHolder builds the LockedError for a lock held by someone else,
// retrying briefly in case the holder has not yet written its line.
func readHolder(path string) *LockedError {
	deadline := time.Now().Add(holderReadWindow)
	for {
		var h holderLine
		b, err := os.ReadFile(path)
		if err == nil && json.Unmarshal(b, &h) == nil && h.PID > 0 {
			return &LockedError{Path: path, PID: h.PID, Command: h.Command, Since: h.Since}
		}
		if time.Now().After(deadline) {
			return &LockedError{Path: path}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// unlock releases fl if it is still the lock s holds; the unlock func of
// an earlier Lock does nothing to a later one.
func (s *Store) unlock(fl *flock.Flock) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fl != fl {
		return nil
	}
	var jerr error
	if s.jf != nil {
		jerr = s.jf.Close()
	}
	s.jf, s.nextSeq, s.jerr = nil, 0, nil
	if s.holder != nil {
		// Empty the holder line before releasing, so the file does not
		// name a process that no longer holds it.
		s.holder.Truncate(0)
	}
	path := s.fl.Path()
	err := s.fl.Unlock()
	if s.holder != nil {
		s.holder.Close()
	}
	s.fl, s.holder = nil, nil
	if err != nil {
		return fmt.Errorf("journal: unlock %s: %w", path, err)
	}
	if jerr != nil {
		return fmt.Errorf("journal: close journal: %w", jerr)
	}
	return nil
}
