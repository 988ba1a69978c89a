// Package report renders the plan: text for terminals, JSON for tools,
// Markdown for pull requests, go vet-style lines for CI, and the
// one-line summary of a diff. Every format prints the same model
// (plan.Plan); report decides nothing and computes nothing but layout.
package report
