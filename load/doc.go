// Package load decides which packages and build configurations to load
// and loads them with go/packages: syntax and types for the module's
// packages and their test variants, export data for dependencies.
//
// With the spec's target packages, a cheap listing of every package's
// imports (a walk of the module that parses import declarations only,
// cached by file size and mtime in the user cache directory) selects
// the packages that can refer to a target: those importing one, and,
// to a fixpoint, those importing a package that re-exports one. Only
// those are type-checked; files among them that import no target are
// parsed without function bodies.
//
// Every .go file the host configuration excludes (x_windows.go,
// //go:build darwin, //go:build integration) is loaded again under the
// first configuration that includes it: the host platform with the
// file's custom tags, then other platforms. Each file appears once in
// the Workspace, in the first configuration that compiles it; a file no
// configuration compiles (//go:build ignore) is noted and skipped, and
// so is a file that uses cgo (its compiled form has other offsets). go
// list already leaves out vendor/ and testdata/. With a go.work, every
// module it uses is loaded.
//
// It does not match, rewrite or plan. Its Workspace is read-only to
// every later stage.
package load
