// Package spec reads and validates a migration spec (canonize.yaml) into
// typed, immutable rules. Every error it returns is an *Error positioned
// at its culprit in the spec file (line and column, counting escapes in
// quoted scalars and the indentation of block scalars).
//
// It owns the spec's grammar: imports, rules (id, match, replace, risk,
// note), deprecated: and canonical: symbols, critical: package patterns,
// verify: commands, verify_affected: (go test on the packages a phase
// can change), bench: (the performance gate: pattern, packages, count,
// benchtime, fail and warn percentages) and phases: selectors. A template is a Go expression
// whose package-qualified names are resolved through imports: to import
// paths; $x is a metavariable binding any expression and $x... the
// remaining arguments of a call; where: gives one a type, retype: says
// the replacement may have another type than the match. A replacement
// may instead be statements ending in an expression (Template.Stmts):
// spec records the names they declare (Template.Locals), which each
// site may rename, and refuses a return, jump or defer among them.
//
// templates: lists Go files written as eg reads them (func before and
// func after, whose parameters are the typed wildcards); each becomes a
// Rule like a YAML one (id: the file's name; match: before's expression
// with each parameter written $name; replace: after's), whose Go field
// keeps the parsed file. Spec parses it and checks its shape (both
// functions; before one return or expression statement, after ending
// in one, its statements before it kept as the replacement's; the same
// parameters, no dot import), with errors positioned in the file.
//
// It does not load code: whether a symbol exists in its package, the
// types of a template file's wildcards and whether a replacement has
// its match's type are checked by package engine when the rules are
// compiled against the loaded program.
package spec
