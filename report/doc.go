// Package report renders the plan: text for terminals, JSON for tools,
// Markdown for pull requests, go vet-style lines for CI, and the
// one-line summary of a diff. Every format prints the same model
// (plan.Plan); report decides nothing and computes nothing but layout.
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
