// Package engine finds, in one type-checked package, every reference to
// the spec's deprecated and canonical symbols and proposes an edit for
// each one a rule can rewrite safely. It takes values (a Package: files,
// *types.Package, *types.Info; the compiled Rules; the Reexports known so
// far) and returns values (sites and edits); it reads no disk, loads no
// code, decides no phase and prints nothing.
//
// # Matching
//
// A rule's match template is compiled against the loaded program: each
// package-qualified name resolves to an object key ("path.Name",
// "path.Type.Method"), and code matches by key rather than by name, so
// aliased and dot imports match and local variables or other packages
// that share a name never do. Re-exports in the loaded code — a
// package-level var initialised with a deprecated function, or a
// function whose body forwards its parameters, in order, to one — match
// too, and the site records the re-export it went through. $x binds any
// expression (the same $x twice must bind equal expressions); $x... binds
// the remaining arguments of a call, including a trailing spread.
//
// # Types
//
// Compiling a rule type-checks it, before any code is scanned. A rule
// read from a template file (spec's templates:) is type-checked as the
// Go file it is, importing the packages the caller's Lookup finds: its
// wildcards get their parameters' types, before and after must have
// identical signatures and their expressions identical types (any, when
// before's is void), as eg requires. A YAML rule's match and replace are
// type-checked as expressions (types.CheckExpr) with its where: types;
// a metavariable without one takes the type of the parameter match
// passes it as (a fixed argument of a non-generic call), else it is an
// operand of invalid type, so a template whose type depends on it is
// not checked. A replacement with
// statements is checked as the function holding them. A replacement of
// another type is refused (a *spec.Error) unless the rule says retype:
// assignable (and it is) or retype: any.
//
// A rule whose match names no deprecated symbol (only a typed wildcard
// anchors it: $s[:len($s)] with s a string; or a template file whose
// match keeps every symbol it names) makes every file worth scanning;
// its sites are named by its match template.
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
//     replace drops, duplicates or reorders. (Package migrate also makes
//     review sites of rewrites that do not type-check.)
//   - manual: a deprecated symbol no rule rewrites.
//   - generated: in a file marked "Code generated ... DO NOT EDIT."; never
//     edited, it must be regenerated.
//
// References to canonical symbols (canonical:, by default the rules'
// replace roots) are canonical sites.
//
// # Statements before the match
//
// A rule whose replacement has statements (eg's after with statements
// before its return) puts them before the statement that encloses the
// match, as Edit.Prelude, which goes or is withheld with its edit
// (hoist.go). They run earlier than the match did, so a site is a
// review site, with the reason, unless the match runs exactly once each
// time that statement runs (not in an else-if or for condition, a case,
// the right operand of && or ||, after an init, in a labeled statement
// or outside a function) and nothing with side effects runs before it
// in the statement. The names they declare are renamed (n1, n2, ...)
// where the site's scope, its function or an earlier site's statements
// there already use them.
//
// An edit is a rewrite.Edit whose qualifiers are left open: which import
// name a replacement is written with depends on every edit of the file,
// which package rewrite decides (rewrite.Qualify).
package engine
