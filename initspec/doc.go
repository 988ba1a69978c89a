// Package initspec writes a starting spec from a package's deprecated
// API: a rule for every function marked //go:fix inline or Deprecated
// whose body is a single return of a call using each parameter once,
// and for every deprecated variable initialised with another
// package-level variable; every other deprecated symbol becomes a
// commented-out TODO rule with its doc text. It loads the packages it
// is given and renders YAML; it never reads or writes a spec.
package initspec
