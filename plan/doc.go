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
package plan
