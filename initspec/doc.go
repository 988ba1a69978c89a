// Package initspec writes a starting spec from a package's deprecated
// API: a rule for every Deprecated function whose body is a single
// return of a call using each parameter once, for every Deprecated
// method doing so with its receiver too (a method rule, where: giving
// the receiver its type), for every deprecated variable or constant
// initialised with another package-level one, and for every deprecated
// alias of another named type; symbols marked //go:fix inline
// (functions, methods, constants, aliases) are listed for Go's inliner;
// every other deprecated symbol becomes a commented-out TODO rule with
// its doc text. A derived rule whose replacement has another type than
// the deprecated symbol (a forwarding body returning a *strings.Reader
// as an io.Reader) says retype: assignable. It loads the packages it
// is given and renders YAML; it never reads or writes a spec.
package initspec
