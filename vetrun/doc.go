// Package vetrun runs the go command with canonize as its vet tool, once
// per build configuration, and merges what the tool reports into one
// deduplicated list of findings:
//
//	go vet -vettool=TOOL -json ARGS FLAGS PATTERNS   (in Request.Dir, env += Config.Env)
//
// The go command does the work it is good at: it loads each package in
// the configuration's GOOS/GOARCH/tags, runs the tool once per package
// with its dependencies' facts, and caches every package's result (the
// -json output is replayed from its cache on the next run, keyed by the
// tool's identity, flags and inputs). Configurations run in parallel, at
// most GOMAXPROCS at a time.
//
// # What the go command prints
//
// With -json, go vet writes to its standard output one JSON object per
// package it vetted (or replays), concatenated, each a tree
//
//	{"example.com/m/b": {"inline": [diagnostic, ...], "canonize": {"error": "..."}}}
//
// where a diagnostic is {"category", "posn": "file:line:col", "end",
// "message", "suggested_fixes": [{"message", "edits": [{"filename",
// "start", "end", "new"}]}]} with byte offsets. A package the tool could
// not analyse (type errors) appears on standard error instead, as a
// "# import/path" line followed by the errors, and the go command exits
// with status 1. Both streams are read the same way: JSON objects are
// decoded where they start, "# pkg" blocks become PackageErrors, and
// other lines are kept for the error message if the run failed outright.
//
// # Merging
//
// A package and its test variant ("p" and "p [p.test]") see the same
// files, and so do several configurations: a finding reported more than
// once is one Finding naming every configuration that reported it. Where
// two configurations that both report at one position disagree there
// (different fixes, or a fix in one and a declined call in the other),
// the findings at that position are dropped and a Conflict names the
// file: a fix computed in one configuration is not known to be right in
// the other. A configuration that reports nothing at a position does not
// disagree: the output does not say whether it compiled the file.
//
// RunEach runs the same configurations but merges each one's findings
// only within it, for a caller that decides itself which configuration
// speaks for a file (canonize check takes each file from the first
// configuration that compiles it, the host's first).
//
// # Replaying an unchanged tree
//
// The go command replays each package's result from its cache, but it
// still loads every package and computes every action's key: a few
// hundred milliseconds per configuration, more than the analysis of an
// unchanged module costs canonize otherwise. With Config.Fingerprint
// (load.Fingerprint: the name, size and modification time of every build
// file of the tree; load.FingerprintReach: of the files the
// configuration's packages can read, so that an edit elsewhere leaves
// it), a configuration's output is stored in the user's
// cache directory (canonize/vet, $CANONIZE_NOCACHE turns it off) and
// replayed, without running the go command, while the fingerprint, the
// go command's environment (go env -json), the tool's identity (TOOL
// -V=full, which covers the spec and its templates), the arguments and
// the configuration's environment are the same. GoOutput does the same
// for another go command (go list -export). A stored run unread for a
// week is dropped.
//
// # The go command's version
//
// Before it runs the go command, a request (and GoOutput) reads its
// GOVERSION (from the go env -json the replay reads too): one older
// than MinGo (go1.21) stops it with a *GoVersionError naming the go
// command and the version needed.
//
// # What it does not do
//
// It does not decide which configurations a tree needs (package load
// does), nor apply edits, nor interpret categories. A configuration with
// no patterns is not run (go vet would default to "."). A run that fails
// without naming a package (a broken go.mod, a missing import, no go
// command) is a *CommandError carrying the go command's standard error; a run
// that fails because some packages did not type-check is not: those are
// PackageErrors, and the other packages' findings stand.
package vetrun
