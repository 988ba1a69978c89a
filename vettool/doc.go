// Package vettool speaks the go command's protocol for a vet or fix
// tool (go vet -vettool=X, go fix -fixtool=X), so that one executable is
// both canonize and the tool the go command runs once per package:
//
//	go vet -vettool=$(which canonize) ./...                # canonize's Analyzer (needs canonize.yaml)
//	go vet -vettool=$(which canonize) -inline -json ./...  # only the inliner; no spec needed
//	go fix -fixtool=$(which canonize) -inline ./...
//
// It owns recognising such an invocation (Is), the tool's identity for
// the go command's cache (-V=full), and handing the rest to unitchecker
// with the two Analyzers: package analyzer's (named "canonize") and
// package inliner's (named "inline"). Without an -NAME flag both run;
// with -inline only the inliner runs, and no spec is read.
//
// The identity hashes the executable and the canonize.yaml found from the
// working directory (analyzer.ToolID), so that results cached under one
// spec are never replayed under another; with no spec it hashes the
// executable alone. Under InlineOnlyEnv=1 (canonize's commands set it,
// as they run only the inliner this way) the identity is the
// executable's alone, so that the inliner's results for the standard
// library and dependencies are shared by every spec; canonize's
// Analyzer refuses to run then.
//
// A test binary can be the tool too: its TestMain calls Main when Is
// holds, and the test runs the go command with EnvVar=1 in its
// environment and the test binary as -vettool. The variable only widens
// Is to a command line of flags alone, none a test flag (the go command
// never passes -test.* flags to its tool; go test always passes some),
// so that unitchecker, not the tests, answers a malformed invocation.
//
// With TraceEnv=FILE in the environment, every run of the tool on a
// package appends the package's config file to FILE: what the go command
// ran rather than replayed from its cache (a warm run appends nothing).
//
// It does not decide which packages or build configurations are vetted
// (package vetrun runs the go command for that), nor what a diagnostic
// means.
package vettool
