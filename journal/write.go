package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// WriteFile atomically replaces the file at rel (a slash path relative to
// Root) with data and the mode bits of mode (permissions, setuid, setgid,
// sticky; the umask does not apply). Missing parent directories are
// created. The path rules are those of Resolve. The write is durable when
// WriteFile returns nil; on error the old file is untouched.
func (s *Store) WriteFile(rel string, data []byte, mode fs.FileMode) error {
	return s.write(rel, data, mode, nil)
}

// Expect is what a file must hold for ReplaceFile to replace it.
type Expect struct {
	Absent  bool   // the file must not exist
	Content []byte // else, its content
}

// ChangedError is a file that no longer holds what its writer read: a
// person saved it meanwhile. Nothing was written.
type ChangedError struct{ Path string }

func (e *ChangedError) Error() string {
	return e.Path + " changed while canonize ran: not replaced, the edit is kept"
}

// ReplaceFile is WriteFile that replaces only a file still holding
// expect, checked after the new content is durable and just before the
// rename: an edit a person saves before that moment is never replaced
// (it gives a *ChangedError), and the window after it is the rename's.
func (s *Store) ReplaceFile(rel string, expect Expect, data []byte, mode fs.FileMode) error {
	return s.write(rel, data, mode, func(target string) error {
		cur, err := os.ReadFile(target)
		switch {
		case errors.Is(err, fs.ErrNotExist) && expect.Absent:
			return nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return err
		case err == nil && !expect.Absent && bytes.Equal(cur, expect.Content):
			return nil
		}
		return &ChangedError{Path: rel}
	})
}

func (s *Store) write(rel string, data []byte, mode fs.FileMode, check func(string) error) error {
	if err := s.requireLock(); err != nil {
		return err
	}
	t, err := s.resolve(rel)
	if err != nil {
		return fmt.Errorf("journal: write %q: %w", rel, err)
	}
	dir := t.existing
	for _, m := range t.missing {
		if err := mkdirSynced(dir, m); err != nil {
			return fmt.Errorf("journal: write %q: %w", rel, err)
		}
		dir = filepath.Join(dir, m)
	}
	perm := mode & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	if err := writeAtomic(dir, filepath.Base(t.abs), data, perm, s.beforeRename, check); err != nil {
		return fmt.Errorf("journal: write %q: %w", rel, err)
	}
	return nil
}

// Remove deletes the file at rel, with the path rules of Resolve; it is
// used when rolling back a file that did not exist before. A file that is
// already gone is not an error, so an interrupted rollback can run again.
// The removal is durable when Remove returns nil.
func (s *Store) Remove(rel string) error {
	if err := s.requireLock(); err != nil {
		return err
	}
	t, err := s.resolve(rel)
	if err != nil {
		return fmt.Errorf("journal: remove %q: %w", rel, err)
	}
	if len(t.missing) > 0 {
		return nil
	}
	if err := os.Remove(t.abs); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("journal: remove %q: %w", rel, err)
	}
	if err := syncDir(t.existing); err != nil {
		return fmt.Errorf("journal: remove %q: %w", rel, err)
	}
	return nil
}

// Resolve checks rel, a path from the caller or a journal entry, and
// returns the absolute path it designates, with symlinked directories
// resolved. It refuses, with ErrUnsafePath and an error naming rel: an
// empty or absolute path, one with "..", "." or empty elements, an
// element ".git" or ".canonize" or starting with ".canonize-tmp-", a path
// through a symlink that does not resolve or resolves outside Root (or
// into .git or .canonize), and a final component that is a symlink. A
// final component that is a directory or not a regular file is an error
// too. The file itself need not exist.
func (s *Store) Resolve(rel string) (string, error) {
	t, err := s.resolve(rel)
	if err != nil {
		return "", fmt.Errorf("journal: resolve %q: %w", rel, err)
	}
	return t.abs, nil
}

// target is a checked path: abs is existing joined with missing and the
// base name; existing is a real directory inside Root (symlinks
// resolved); missing are the parent directories that do not exist yet.
type target struct {
	abs      string
	existing string
	missing  []string
}

func unsafe(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsafePath, fmt.Sprintf(format, args...))
}

// checkRel checks rel on its face, without looking at the disk.
func checkRel(rel string) error {
	switch {
	case rel == "":
		return unsafe("empty path")
	case strings.ContainsRune(rel, 0):
		return unsafe("NUL in path")
	case path.IsAbs(rel) || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "":
		return unsafe("absolute path")
	case filepath.Separator != '/' && strings.ContainsRune(rel, filepath.Separator):
		return unsafe("not a slash path")
	}
	for _, el := range strings.Split(rel, "/") {
		if err := checkElem(el); err != nil {
			return err
		}
	}
	return nil
}

// checkElem refuses a path element that escapes, is not clean, or names
// canonize's state, its temp files or git's.
func checkElem(el string) error {
	switch {
	case el == "..":
		return unsafe(`contains ".."`)
	case el == "" || el == ".":
		return unsafe("not a clean path")
	case el == ".git" || el == stateDir:
		return unsafe("inside %s", el)
	case strings.HasPrefix(el, tempPrefix):
		return unsafe("a canonize temp file name")
	}
	return nil
}

// within checks that p, a symlink-free absolute path, is Root or inside
// it, and not inside .git or .canonize.
func (s *Store) within(p string) error {
	rel, err := filepath.Rel(s.Root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return unsafe("leads outside the module root (to %s)", p)
	}
	if rel == "." {
		return nil
	}
	for _, el := range strings.Split(filepath.ToSlash(rel), "/") {
		if err := checkElem(el); err != nil {
			return fmt.Errorf("leads to %s: %w", p, err)
		}
	}
	return nil
}

// resolve checks rel on its face, then walks its directories from Root
// with Lstat, resolving each symlink and checking where it leads.
func (s *Store) resolve(rel string) (target, error) {
	if err := checkRel(rel); err != nil {
		return target{}, err
	}
	elems := strings.Split(rel, "/")
	dirs, base := elems[:len(elems)-1], elems[len(elems)-1]
	cur := s.Root
	for i, el := range dirs {
		next := filepath.Join(cur, el)
		fi, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) {
			missing := dirs[i:]
			abs := filepath.Join(append(append([]string{cur}, missing...), base)...)
			return target{abs: abs, existing: cur, missing: missing}, nil
		}
		if err != nil {
			return target{}, err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			to, err := filepath.EvalSymlinks(next)
			if err != nil {
				return target{}, unsafe("symlink %s does not resolve: %v", path.Join(elems[:i+1]...), err)
			}
			if err := s.within(to); err != nil {
				return target{}, fmt.Errorf("symlink %s %w", path.Join(elems[:i+1]...), err)
			}
			if fi, err := os.Stat(to); err != nil {
				return target{}, err
			} else if !fi.IsDir() {
				return target{}, fmt.Errorf("%s is not a directory", path.Join(elems[:i+1]...))
			}
			cur = to
		case fi.IsDir():
			cur = next
		default:
			return target{}, fmt.Errorf("%s is not a directory", path.Join(elems[:i+1]...))
		}
	}
	abs := filepath.Join(cur, base)
	fi, err := os.Lstat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return target{}, err
	case fi.Mode()&fs.ModeSymlink != 0:
		return target{}, unsafe("is a symlink")
	case !fi.Mode().IsRegular():
		return target{}, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	return target{abs: abs, existing: cur}, nil
}

// CleanTemps removes the ".canonize-tmp-*" files a crash may have left
// under Root (skipping .git and any directory holding another store's
// .canonize) and in .canonize itself, and returns their slash paths
// relative to Root. Call it right after Lock, before writing: the lock
// guarantees no other canonize is writing, so every temp file is debris.
func (s *Store) CleanTemps() ([]string, error) {
	if err := s.requireLock(); err != nil {
		return nil, err
	}
	var removed []string
	err := filepath.WalkDir(s.Root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != s.Root && s.otherTree(p, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasPrefix(d.Name(), tempPrefix) {
			return nil
		}
		if err := os.Remove(p); err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.Root, p)
		removed = append(removed, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return removed, fmt.Errorf("journal: clean temp files: %w", err)
	}
	return removed, nil
}

// otherTree reports whether CleanTemps must stay out of directory p:
// .git, and the root of another module with its own store, whose lock is
// not ours and whose temp files may belong to a live write.
func (s *Store) otherTree(p, name string) bool {
	if name == ".git" {
		return true
	}
	if name == stateDir {
		return p != s.state()
	}
	fi, err := os.Lstat(filepath.Join(p, stateDir))
	return err == nil && fi.IsDir()
}
