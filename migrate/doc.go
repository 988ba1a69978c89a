// Package migrate turns the engine's proposed edits into each file's
// content through the phases, and proves it: every package variant that
// holds a rewritten file, in every build configuration, is type-checked
// again in memory against the same imported packages. A file whose
// rewrite does not type-check is withheld and its sites become review
// sites naming the error; the re-exports the exports phase deletes and
// the declarations cleanup deletes are then decided again on what is
// left, until no file is newly withheld (at most one round per file;
// more is reported as an error, never looped on). A module whose go.mod
// declares a Go version older than a standard-library replacement needs
// (read from $GOROOT/api) gets a warning.
//
// Run returns a new Result; its Input is never changed. It reads the
// bytes of the files it rewrites (refusing a file that changed on disk
// since it was type-checked) and writes nothing. It does not decide
// phases or tiers (package plan) nor how bytes change (package rewrite).
package migrate
