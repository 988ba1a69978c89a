// Package journal owns every write canonize makes to the user's tree: the
// lock, snapshots, atomic file writes and the append-only journal of what
// was done. It does not decide what to change (package plan) or how
// (package rewrite); the apply and rollback orchestration builds on it.
//
// # State
//
// A [Store] keeps its state in .canonize/ at the module root:
//
//	.canonize/.gitignore        "*": the state never lands in a commit
//	.canonize/lock              flock(2)ed by the running canonize; holds one JSON
//	                            line naming the holder (pid, command, start time)
//	.canonize/journal.jsonl     append-only, one JSON [Record] per line
//	.canonize/snapshots/<hash>  file contents, named by their sha256 (hex)
//
// [Open] creates the directory, the .gitignore and snapshots/ when they
// are missing; nothing else is written before [Store.Lock] succeeds.
// Every write below (PutSnapshot, Append, WriteFile, Remove, CleanTemps)
// returns [ErrNotLocked] unless this Store holds the lock, so two canonize
// processes can never interleave their journals or their edits.
//
// # Durability
//
// A file (user file, snapshot, .gitignore) is replaced by writing a temp
// file named ".canonize-tmp-*" in the same directory, setting its mode,
// fsyncing it, renaming it over the target and fsyncing the directory.
// A reader sees the old bytes or the new bytes, never a mix, and after a
// crash the file holds one or the other. Directories WriteFile creates
// are fsynced into their parents. A journal record is durable when Append
// returns: the line and its newline are written and the file is fsynced
// (and the directory too when the journal is created). After a failed
// write or fsync the journal refuses further appends until the lock is
// taken again: a failed fsync may have dropped earlier pages, and
// retrying it would report success for data that is gone.
//
// Reads verify: [Store.Snapshot] refuses (with [ErrCorrupt], naming the
// file) a snapshot whose content does not hash to its name, and
// [Store.Records] refuses a journal with an invalid line anywhere but at
// the end.
//
// # Crashes
//
// After kill -9 (or power loss) at any moment:
//
//   - a user file holds its old or its new content; a temp file
//     ".canonize-tmp-*" may be left beside it. [Store.CleanTemps] removes
//     them: call it right after Lock, before any write of your own. Under
//     the lock no other canonize can be writing, so every temp file found
//     is debris of a dead process.
//   - the journal may end in a partial line (no newline). Records ignores
//     it and the next Append cuts it off: a record counts only once its
//     newline is on disk, and Append had not returned for it, so the
//     caller had not acted on it.
//   - the lock file still names the dead holder, but the kernel released
//     its flock: the next Lock succeeds and overwrites the name.
//
// Because a record is durable before Append returns, log intent before
// acting: put the before and after snapshots, append a "write" record,
// then WriteFile. On recovery a "write" record whose file hashes to
// Before did not happen, one that hashes to After did, and any other
// content is a person's edit that must be merged, never overwritten.
//
// # Records
//
// Op is free-form for callers; the orchestration is expected to use:
//
//	begin     a run starts (Phase, Note: the command line)
//	backup    a file's content was saved before anything touched it (Path, Before, Mode)
//	write     canonize is about to write Path (Path, Before, After, Mode); Before "" = new file
//	remove    canonize is about to remove Path (Path, Before, Mode)
//	commit    a phase finished (Phase)
//	rollback  a file, a phase or the run was rolled back (Path/Phase, Note)
//	abort     a run stopped before commit (Note: why)
//
// Append assigns Seq (1, 2, … continuing the file) and Time when zero,
// and refuses a record with no Op, a Path that [Store.Resolve] would
// refuse on its face, or a Before/After that is not a sha256 hex string.
// Records refuses unknown fields: a journal written by a newer canonize
// is not half-understood by an older one.
//
// # Paths
//
// Paths in the API and the journal are slash-separated, relative to the
// module root and clean (path.Clean leaves them unchanged). WriteFile,
// Remove and Resolve refuse, with [ErrUnsafePath] and an error naming the
// path: absolute paths, paths with "..", "." or an empty element, any
// element ".git" or ".canonize", or starting with ".canonize-tmp-", a
// path through an existing symlink that resolves outside the root (or
// does not resolve), and a final component that is a symlink, a
// directory or anything but a regular file. Symlinked directories that
// stay inside the root are followed.
//
// # Limitations
//
//   - Replacing a file by rename gives it a new inode: hard links to it
//     are broken, and its owner, group, ACLs and extended attributes
//     become those of a new file made by the current user (only the mode
//     bits, including setuid, setgid and sticky, are set). Running
//     canonize as another user than the files' owner changes their owner.
//   - Directories WriteFile creates are not journaled; removing a file
//     leaves its (maybe empty) directory in place.
//   - The checks are against mistakes and hostile journal entries, not
//     against a process racing to swap directories for symlinks between
//     the check and the write.
//   - The lock is flock(2) (via github.com/gofrs/flock): it does not
//     exclude processes on other machines sharing the tree over NFS
//     unless the server supports it. On Windows the locked byte keeps
//     other handles from reading or writing the holder line, so a
//     contender is told the holder is unknown; the package is not tested
//     there.
//
// # Test hook
//
// For tests only: when the environment variable
// CANONIZE_TEST_PAUSE_AFTER_WRITE is k > 0, the k-th successful WriteFile
// of the process prints "canonize-test: paused after write k" to stderr
// and then blocks forever, so a test can kill -9 the process at a known
// point. No other function reads it. Never set it outside a test.
package journal
