// Package plan decides what a migration changes: it owns the spec
// (canonize.yaml), loading the user's code in every build configuration
// its files need, matching rules against typed syntax, classifying every
// site, and re-type-checking the rewritten packages. It never writes the
// user's tree; it hands byte edits to package rewrite and returns plain
// data (Result, Site, Change) for the commands to render.
//
// # Loading
//
// Packages are loaded with go/packages (syntax and types for the
// module's packages and their test variants, export data for
// dependencies). Every .go file the host configuration excludes
// (x_windows.go, //go:build darwin, //go:build integration) is loaded
// again under the first configuration that includes it: the host
// platform with the file's custom tags, then other platforms. Each file
// is matched once, in the first configuration that compiles it; a file
// no configuration compiles (//go:build ignore) is noted and skipped.
// go list already leaves out vendor/ and testdata/. With a go.work, every
// module it uses is loaded.
//
// # Matching
//
// A rule's match template is a Go expression whose package-qualified
// names are resolved through the spec's imports to objects, compared by
// key ("path.Name", "path.Type.Method") rather than by name, so aliased
// and dot imports match and local variables or other packages that
// share a name never do. Re-exports in the loaded code — a package-level
// var initialised with a deprecated function, or a function whose body
// forwards its parameters, in order, to one — match too, and the site
// records the re-export it went through. $x binds any expression (the
// same $x twice must bind equal expressions); $x... binds the remaining
// arguments of a call, including a trailing spread.
//
// # Kinds of sites
//
// Every reference to a deprecated symbol (the rules' match roots and the
// spec's deprecated: list, directly or through a re-export) is a site:
//
//   - auto: matched and rewritten.
//   - review: a rule's symbol used in a way the rule cannot rewrite
//     safely: a function value, a factory stored in a variable, a method
//     value, a re-export declaration, a binding with side effects that
//     replace drops, duplicates or reorders, or a rewrite whose package
//     does not type-check afterwards (the file is withheld).
//   - manual: a deprecated symbol no rule rewrites.
//   - generated: in a file marked "Code generated ... DO NOT EDIT."; never
//     edited, it must be regenerated.
//
// References to canonical symbols (canonical:, by default the rules'
// replace roots) are canonical sites.
//
// # Proving the rewrite
//
// Every package variant that holds a rewritten file, in every build
// configuration, is type-checked again in memory against the same
// imported packages. A file whose rewrite does not type-check is
// withheld and its sites become review sites naming the error. A module
// whose go.mod declares a Go version older than a standard-library
// replacement needs (read from $GOROOT/api) gets a warning.
//
// # Phases
//
// The default policy sorts every changed file into one of four phases,
// applied, verified and rolled back together:
//
//  1. exports: files that call through a re-export, and the re-export
//     declarations themselves, deleted (with their doc comments and the
//     imports they leave unused) once every reference through them is
//     rewritten. Only re-exports the module calls through are deleted; an
//     unused wrapper is ordinary code whose body is rewritten.
//  2. production: the other non-test files, low tier first.
//  3. tests: the other _test.go files.
//  4. cleanup: the declarations of deprecated symbols the module owns,
//     deleted with their doc comments. It is blocked, listing them, while
//     any reference is left that phases 1-3 do not rewrite (review,
//     manual, generated, or in a withheld file), or if the deletion does
//     not type-check.
//
// Empty phases are listed. A file belongs to one of phases 1-3; a file
// that also holds a deprecated declaration appears again in cleanup.
//
// # Compliance
//
// percent = canonical / (canonical + deprecated) x 100 over the sites
// outside generated files (100 with no sites), per module and per
// package. A phase's compliance_after assumes it and every earlier phase
// are applied: each auto site turns a deprecated reference into as many
// canonical ones as its replacement names. Cleanup deletes the
// deprecated API, which compiles only once nothing refers to it, so its
// compliance_after is 100 — even while it is blocked.
//
// # Tiers
//
// Each file starts low; the highest signal wins, and every signal that
// applies is listed as a reason:
//
//	sites rewritten in the file     >= 3 medium, >= 8 high
//	review/manual sites left in it  medium
//	module packages importing its   >= 5 medium, >= 15 high
//	package (transitively, any build configuration)
//	build-constrained file          medium (not compiled on this host)
//	deletes an exported re-export   medium (code outside may use it)
//	package matches critical:       high
//	a rule's risk:                  at least that tier
//
// # JSON
//
// `canonize plan --json` prints Plan: {"name", "compliance": {"percent",
// "deprecated", "canonical", "by_package": [{"package", "percent",
// "deprecated", "canonical"}]}, "phases": [{"number", "name",
// "compliance_after", "blocked", "blocked_by", "files": [{"path", "tier",
// "reasons", "sites", "deletes"}]}], "sites": [{"path", "line", "col",
// "symbol", "role", "rule", "kind", "reason", "via", "replacement"}],
// "verify", "hashes"}. role is "deprecated" or "canonical"; kind (auto,
// review, manual, generated) is set on deprecated sites; hashes (path ->
// sha256, and "(spec)") is present in a plan saved with -o.
package plan
