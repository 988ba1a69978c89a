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
// remaining arguments of a call.
//
// It does not load code: whether a symbol exists in its package is
// checked by package engine when the rules are compiled against the
// loaded program.
package spec
