// Package apply makes each phase of a migration a transaction on the
// user's tree: it writes the phase's files through package journal
// (snapshot and journal record first, then an atomic write), runs the
// verification commands, and keeps the phase, rolls it back, or — with
// bisect — rolls back only the files that make verification fail. It also
// rolls back one file, one phase or everything, reversing canonize's own
// change by a three-way merge when a person edited the file since, and
// derives the state of every phase and file from the journal.
//
// It owns the order of operations and the meaning of the journal's
// records. It does not decide what changes: its input is an [Order],
// every phase with each file's content before and after, which the
// caller builds from whatever decided it (cmd/canonize converts the
// plan); apply does not import package plan. It never writes to the
// user's tree except through package journal (it reads files to check
// them).
//
// # Journal records
//
// Apply and rollback write every record of the journal; package journal
// defines the ops, says which fields each carries and checks them. Here
// they mean:
//
//	begin     apply starts the phase (Note: its name)
//	write     apply is about to write Path; appended before the write, after both snapshots
//	commit    verification passed and the phase is kept (Note: "nothing to do", or what bisect rolled back)
//	abort     a write or verification failed and the files written were restored (Note: why)
//	restore   Path has its content from before again (Note: "abort", "bisect", or how rollback did it)
//	backup    rollback --force saved a person's content of Path (After) before restoring it
//	rollback  rollback undid a phase that wrote no file (empty, or interrupted before its first write)
//	verify    a verification command ran (Verify: command, configuration, exit status, duration, output tail, benchmark deltas)
//
// A phase every file of which is restored is rolled back without a
// rollback record: its restore records say so.
//
// # States
//
// A phase is pending (never applied), applied, partial (some of its files
// rolled back, by bisect or by hand), rolled-back, or interrupted (an
// apply that neither committed nor aborted: the process died). A file
// written by a phase is applied (it holds what canonize wrote), modified
// (a person changed it since), missing, rolled-back, or pending (an
// interrupted apply had not written it yet).
//
// # A person's edits
//
// Each file is read again just before its write record: content that is
// no longer what the plan was made from is not replaced, and the phase
// is undone. An automatic rollback (failed verification, bisect, abort)
// restores a file a person edited since canonize wrote it by reversing
// only canonize's change (journal.Merge3), or, on a conflict, saves the
// person's content first (a backup record names the snapshot) and then
// restores it; the error returned says which. Bisect stops rather than
// overwrite a file that holds neither its old nor its new content.
//
// # Crash safety
//
// Because the intent is durable before each write and each write is
// atomic, every file of an interrupted phase holds either its content
// from before (it hashes to the record's before) or canonize's (after);
// rollback handles both, and anything else is a person's edit, merged.
//
// The durability points of an apply are begin, then for every file its
// write record and its write, then a verify record per verification
// command, then commit (or abort, and bisect's restore records);
// bisect's probes (recorded, stage "bisect") and an abort's restores
// are not points.
//
// # The performance gate
//
// With [Options].Bench, before anything is written (and before the begin
// record) the benchmarks' test binaries are built from the tree as it is
// and run once (package perfgate); a failure is a [*BenchError] and the
// phase is not begun. After writing, and after the other verification
// commands, the new binaries are built and run in turn with the old ones;
// a benchmark significantly slower than allowed fails the verification
// like a command that failed. The baseline's verify record (stage
// "baseline") follows the begin record.
//
// # Results on record
//
// Every verification command's result is appended as a verify record
// as soon as the command ends, before the phase is kept or rolled back,
// so a crash loses none that finished. [Status] shows, for each phase,
// the results of its latest apply, and [Evidences] returns them for
// plan --markdown and the HTML report.
// [Options].OnDurable is called at each with its number; cmd/canonize's
// tests stop a real apply at every point in turn, kill it with SIGKILL
// and check that status and rollback recover.
package apply
