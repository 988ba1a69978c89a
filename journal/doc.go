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
// acting: put the before and after snapshots, append an [OpWrite] record,
// then WriteFile. On recovery a write record whose file hashes to Before
// did not happen, one that hashes to After did, and any other content is
// a person's edit that must be merged, never overwritten.
//
// # Records
//
// A record's [Op] is one of a closed set. Package apply writes every
// record and owns what they mean (its doc says when it writes each); this
// package only checks that the op is known and that paths and hashes are
// well formed. The fields each op carries:
//
//	begin     Phase, Note (the phase's name), …     an apply of the phase starts
//	write     Phase, Path, Before, After, Mode      Path is about to be written; Before "" = a new file
//	commit    Phase, Note                           the phase is kept
//	abort     Phase, Note (why)                     the phase was undone
//	restore   Phase, Path, Note (why or how)        Path got its content from before back
//	backup    Phase, Path, After                    a person's content, saved before it was overwritten
//	rollback  Phase                                 the phase was rolled back as a whole
//	verify    Phase, Verify                         a verification command ran: its result
//
// A begin also names the spec (Spec, SpecHash) and, when the caller
// gives them, the compliance measured before the phase and projected
// after it (ComplianceBefore, ComplianceAfter).
//
// A verify record's [Verification] says what ran (command, build
// configuration, stage: after writing, a benchmark baseline before it,
// or a bisect probe), its exit status, duration, the tail of its output
// (at most 8 KiB), the packages an affected-tests run chose, and each
// benchmark's change. Only a verify record carries one; its numbers
// must be in range and finite, its stage and verdicts known.
//
// Append assigns Seq (1, 2, … continuing the file) and Time when zero,
// and refuses a record with no Op or an unknown one (ErrUnknownOp), a
// verification result out of place or out of range, a
// Path that [Store.Resolve] would refuse on its face, a Before/After
// that is not a sha256 hex string, or a compliance outside 0-100.
// Records refuses, with ErrCorrupt, a line with an unknown op, an
// unknown field or a field given twice (at any depth): a journal edited
// by hand or written by a newer canonize is not half-understood by an
// older one.
// On disk an Op is its name ("write").
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
// # Testing crashes
//
// The package reads no environment variable and has no pause point. Its
// crash tests re-run the test binary as a helper process that takes the
// lock, writes, stops after the write the test names and is killed with
// SIGKILL there; package apply's callers inject their own pause points
// through apply.Options. This package's own tests may set an unexported
// field of their Store to run code (or fail the write) just before a
// temp file is renamed into place; no package-level state exists.
package journal
