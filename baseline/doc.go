// Package baseline is canonize's ratchet: it records the deprecated
// sites of a tree as it is today, so that `canonize check --baseline`
// fails only on sites added since and reports the ones fixed since. A
// team can then forbid new uses of a deprecated API on the day it
// adopts canonize and migrate the old ones later.
//
// # Fingerprints
//
// A site is recorded by what survives unrelated edits, never by its line
// or column: its file (slash path from the module root), the deprecated
// symbol, the function declaration holding it ("F", "T.M", "(*T).M",
// or "<file scope>"; a function literal counts as the function it is
// written in), and the sha256 of the normalised text of its expression
// (the call, for a called reference: tokens one space apart, comments
// and line breaks left out; see engine.NormalText). Adding lines above a
// site, reformatting it or editing other functions leaves it known;
// moving it to another function or file, renaming its function or
// changing its arguments makes it new (and the old one fixed).
//
// Identical calls in one function are counted, not merged: the baseline
// is a multiset, so a second identical call added next to a known one is
// a new site. Which of the identical calls is reported as new is not
// knowable; the last ones in the file are.
//
// Only the sites compliance counts are recorded: deprecated sites
// outside generated files, whatever their kind (a site canonize would
// rewrite is still a use of the deprecated API until it is rewritten).
//
// # The file
//
// JSON: a version (1), the spec's name and the sha256 of its content, and
// the fingerprints with their counts, sorted by path, function, symbol
// and hash; lists are [] when empty, never null. A baseline belongs to
// the spec it was made with: checked against another spec (any change
// to canonize.yaml) it is refused, because the spec decides which sites
// exist; make it again with canonize baseline.
//
// Parse reports a file that does not parse, or whose fields are
// unknown or out of range, as an *Error at the line of the culprit.
//
// Package baseline does not find sites (packages engine and driver do),
// print reports (package report) or decide exit codes (cmd/canonize).
package baseline
