// Package udiff renders unified diffs: it is the one place that turns an old and a new version
// of a file into the text a reviewer reads and that `git apply` and `patch -p1` accept.
//
// It owns three renderings of the same line diff:
//
//   - [Unified]: git-style unified diff text ("diff --git" line, "--- a/path" and "+++ b/path"
//     headers, hunks with 3 lines of context merged as GNU diff merges them, and
//     "\ No newline at end of file" markers). Lines keep their exact bytes, so the "\r" of a
//     CRLF file survives into the diff and back out of `git apply`.
//   - [Stats] and [RenderStat]: per-file added/deleted counts and the `git diff --stat` summary.
//   - [Colorize]: the ANSI colouring git uses for a diff on a terminal.
//
// A nil slice means "the file does not exist": Unified(p, nil, b) creates p and
// Unified(p, a, nil) deletes it, with the "new file mode"/"deleted file mode" lines git needs
// for those. A non-nil empty slice is an existing empty file, so editing it is a modification.
//
// It does not decide what changes, and it never touches the disk: callers hand it bytes and
// print or store the bytes it returns.
//
// Limitations:
//   - Modes are always 100644; deleting an executable file makes `git apply` warn (not fail).
//   - Colorize does not highlight whitespace errors the way git does by default; its output
//     matches `git diff --color --ws-error-highlight=none`.
//   - The diff is go-diff's Myers diff without a timeout (a timeout makes output depend on the
//     machine's speed), so its cost grows with file length times lines changed: about 8 ms for
//     a 10,000-line file with 200 lines changed, but 0.14 s for a 5,000-line file with every
//     line changed, and four times that per doubling.
//   - Past about a million lines in one file the diff falls back to replacing everything
//     between the common first and last lines: still correct, no longer minimal.
package udiff
