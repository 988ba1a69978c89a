// Package report renders the plan: text for terminals, JSON for tools,
// Markdown for pull requests, go vet-style lines for CI, the one-line
// summary of a diff, and one HTML page to look at. Every format prints
// the same model (plan.Plan); report decides nothing and computes
// nothing but layout.
//
// # The HTML page
//
// [WriteHTML] renders a [Page]: the plan, apply's work order (each
// phase's files before and after, rendered as unified diffs by
// internal/udiff, the text diff --phase N prints) and the journal's
// commits (apply.Timeline). The page is self-contained: inline CSS, no
// script, no font, image or link outside itself. Its charts are laid
// out in Go (chart.go) and printed as inline SVG, so they need nothing
// to draw and read the same in every browser. The template
// (page.html.tmpl, embedded) is html/template: every string from the
// code, the spec, CODEOWNERS or the journal is escaped for where it
// lands.
//
// The burndown over time has, for each phase applied and still in the
// tree, the compliance measured when it began and the one its plan
// projected when it committed (apply records both), then the compliance
// measured now. Limitations:
//
//   - the point at a commit is a projection: a phase bisect partly
//     rolled back is drawn at what the whole phase would reach (its
//     state says partial), and so is an edit made during the apply;
//   - phases rolled back since are listed with when, not drawn, and a
//     phase applied by a canonize that did not record compliance is
//     listed as such;
//   - a value that would be printed over a later point's is left to the
//     point's tooltip;
//   - diffs are plain text, not highlighted, and every diff is in the
//     page: about 1 KB per changed file on the example.
//
// # Verification evidence and shapes
//
// The journal's verify records (apply.Evidences, apply.State.Verified)
// are printed under each phase by status, as a "Verification evidence"
// section by plan --markdown (a table per applied phase, benchmark
// tables, the end of a failed command's output in a <details>), and in
// the page's "Verification and rollback" section. Every string from the
// journal passes through printable (control characters escaped) before
// a terminal or Markdown sees it. A phase's shapes (plan.Shape) are
// printed by plan and plan --markdown, and by diff --by-shape with one
// example hunk each (WriteByShape); the page does not show them.
// WriteAffected prints apply --verify-affected's selection.
//
// # canonize check
//
// Check wraps the plan with what check's formats need besides: the
// spec (its rules become SARIF rules), the bytes of the files with
// sites and, for a baseline, the comparison with it (package baseline).
// WriteCheckAs prints it as text, JSON, SARIF 2.1.0 or GitHub Actions
// workflow commands (Format).
//
// Layout only, but exact: Go counts columns in bytes and SARIF and
// GitHub in UTF-16 code units, so columns are converted where a file's
// bytes are given; a SARIF fix is the line diff of the file it
// rewrites (internal/linediff.Hunks), with regions in the same units.
// A site's level (warning for review and manual sites, note for the
// others) says whether a person must act, not how bad the API is.
//
// What SARIF does not get: a fix per site (the rewrites of a file share
// their import edits, so a site's own edit applied alone may not
// compile: each rewritten site carries its whole file's change), and
// absent results for the sites a baseline has and the tree no longer
// does (they are counted in the run's properties instead).
package report
