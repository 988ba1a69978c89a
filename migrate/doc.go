// Package migrate holds what turns a package's proposed edits into
// file content, used by canonize's Analyzer in each pass and by the
// driver across passes: rendering a file from the engine's edits, the
// declarations a phase deletes and Go's inliner's fixes (RenderFile,
// RenderFileFixes, RenderFixes, Splice), tidying imports, mapping the
// rewritten lines back to the original ones, whether a rewrite changes a
// package's exported API (SameAPI) or would import a package into a
// cycle (Reaches), the deprecated declarations cleanup deletes
// (DeprecatedDecls), and the warning that a module's go directive is
// older than a standard-library replacement needs (VersionWarnings).
//
// Its values — File, Source, Cleanup — are what the plan reads of each
// file through the phases. It reads no user file (only $GOROOT/api) and
// writes none; it does not decide phases or tiers (package plan) nor
// how an expression is rewritten (package rewrite).
package migrate
