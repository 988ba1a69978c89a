// Package driver runs the stages in order and returns their values
// together with the Order that apply executes (each phase's files with
// their content before and after).
//
// Plan (and Check, which stops at the sites) runs canonize's Analyzer
// and Go's inliner through the go command — go vet -vettool, once per
// package, cached per package, in every build configuration the
// module's files need (package vetrun) — merges what the packages
// reported, decides what only a view of every package can decide (the
// re-exports the exports phase deletes, whether cleanup may delete the
// deprecated declarations, whether a rewrite that changes its package's
// API breaks an importer), has the declaring packages render those
// deletions in a second go vet run, and plans (plan.Build):
//
//	spec.Read          canonize.yaml -> rules
//	load               the tree's root, build configurations, import graph (no type-checking)
//	go vet -vettool    analyzer (engine, rewrite, migrate's rendering) per package and configuration
//	merge + decide     re-exports, cleanup, API changes, withheld files
//	plan.Build         phases, tiers, compliance
//
// No stage loads the whole program: the largest process is one
// package's analysis or the go command itself.
//
// The driver also saves a plan with the hashes of what it read and
// refuses a saved plan once the tree changed. It holds no policy of its
// own, but one: the spec's template files (templates:) are rules, so
// they are never scanned (their before functions would match
// themselves).
package driver
