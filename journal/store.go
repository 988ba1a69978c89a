package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/gofrs/flock"
)

// Names inside the module root. tempPrefix starts every temp file this
// package creates, so debris from a crash is recognisable (CleanTemps)
// and never taken for a user's file.
const (
	stateDir     = ".canonize"
	snapshotsDir = "snapshots"
	journalName  = "journal.jsonl"
	lockName     = "lock"
	tempPrefix   = ".canonize-tmp-"
)

var (
	// ErrNotLocked is returned by every write when the Store does not hold the lock.
	ErrNotLocked = errors.New("journal: the store does not hold the lock (call Lock first)")
	// ErrUnsafePath marks a path refused by WriteFile, Remove, Resolve or Append.
	ErrUnsafePath = errors.New("unsafe path")
	// ErrCorrupt marks state that failed verification: a snapshot whose
	// content does not match its hash, or an invalid journal line.
	ErrCorrupt = errors.New("corrupt state")
)

// Store is canonize's state for one module root. Its methods are safe
// for concurrent use, except CleanTemps, which must not run alongside a
// WriteFile of the same process.
type Store struct {
	// Root is the module root: absolute, symlinks resolved.
	Root string

	mu sync.Mutex
	// Set while this Store holds the lock.
	fl     *flock.Flock
	holder *os.File // write handle on the lock file; closed only after unlocking
	// Journal append state, set up by the first Append under the lock.
	jf      *os.File
	nextSeq int
	jerr    error // sticky: a failed write or fsync ends appending until relocked
	// beforeRename, when set (by this package's tests, on their own
	// Store), runs after a temp file is complete and before it is renamed
	// into place; an error aborts the write.
	beforeRename func(tmp, target string) error
}

// Open returns the Store for the module rooted at root, creating
// .canonize/ (with a .gitignore of "*") and .canonize/snapshots/ if needed.
func Open(root string) (*Store, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", root, err)
	}
	abs, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", root, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", root, err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("journal: open %s: not a directory", root)
	}
	s := &Store{Root: abs}
	if err := mkdirSynced(abs, stateDir); err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", root, err)
	}
	if err := mkdirSynced(s.state(), snapshotsDir); err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", root, err)
	}
	ignore := filepath.Join(s.state(), ".gitignore")
	if _, err := os.Lstat(ignore); errors.Is(err, fs.ErrNotExist) {
		if err := writeAtomic(s.state(), ".gitignore", []byte("*\n"), 0o644, nil, nil); err != nil {
			return nil, fmt.Errorf("journal: open %s: %w", root, err)
		}
	} else if err != nil {
		return nil, fmt.Errorf("journal: open %s: %w", root, err)
	}
	return s, nil
}

func (s *Store) state() string { return filepath.Join(s.Root, stateDir) }

// requireLock reports ErrNotLocked unless s holds the lock.
func (s *Store) requireLock() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fl == nil {
		return ErrNotLocked
	}
	return nil
}

// mkdirSynced makes parent/name a directory, fsyncing parent when it
// creates it. An existing directory is fine; a symlink or a file there is
// refused, since state or user files would then land somewhere else.
func mkdirSynced(parent, name string) error {
	dir := filepath.Join(parent, name)
	err := os.Mkdir(dir, 0o777)
	if err == nil {
		return syncDir(parent)
	}
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	fi, lerr := os.Lstat(dir)
	if lerr != nil {
		return lerr
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s exists and is not a directory (%s)", dir, fi.Mode().Type())
	}
	return nil
}

// checkStateFile refuses p unless it is missing or a regular file.
// .canonize sits in the user's tree and could come with a clone: a
// symlink planted there must not make canonize truncate the file it
// points to (the lock) or append to it (the journal).
func checkStateFile(p string) error {
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s)", p, fi.Mode().Type())
	}
	return nil
}

// writeAtomic replaces dir/name with data and mode bits perm: temp file in
// dir, write, chmod, fsync, close, rename, fsync dir. On failure the temp
// file is removed and dir/name is untouched. beforeRename, if not nil,
// runs just before the rename (see Store.beforeRename).
func writeAtomic(dir, name string, data []byte, perm fs.FileMode, beforeRename func(tmp, target string) error, check func(target string) error) (err error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	// Chmod before fsync so the mode is as durable as the bytes; an
	// explicit chmod also ignores the umask, which would otherwise strip bits.
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	target := filepath.Join(dir, name)
	if beforeRename != nil {
		if err = beforeRename(tmp, target); err != nil {
			return err
		}
	}
	if check != nil {
		// Last, so that nothing but the rename follows it.
		if err = check(target); err != nil {
			return err
		}
	}
	if err = os.Rename(tmp, target); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir fsyncs a directory so that entries created, renamed or removed
// in it survive a crash.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		// Directories cannot be opened for fsync there; NTFS journals
		// renames itself.
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
