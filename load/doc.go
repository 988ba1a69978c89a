// Package load knows the user's tree without type-checking it: its root
// (go.mod or go.work) and modules, the build configurations the module's
// files need (every .go file the host excludes — x_windows.go,
// //go:build darwin, //go:build integration — goes to the first
// configuration that compiles it; a file none compiles is listed as
// unplaced), what keeps a file out of the host build, the import graph
// of the module's packages, the packages a broken one makes unanalysable,
// and the files that use cgo.
//
// All of it comes from a cheap listing: a walk of the modules that
// parses import declarations and build constraints only, cached by file
// size and mtime in the user cache directory. vendor/ and testdata/ are
// skipped as the go command skips them.
//
// Fingerprint digests the tree's build inputs (each build file's name,
// size and modification time) so that an unchanged tree's go command
// runs can be replayed (package vetrun).
//
// It does not type-check, match, rewrite or plan: type-checking is the
// go command's, running canonize's Analyzer per package (package driver).
package load
