// Package driver runs the stages in order and returns their values
// together with the Order that apply executes (each phase's files with
// their content before and after). It has two engines that give the
// same Result:
//
// Plan (and Check, which stops at the sites) runs canonize's Analyzer
// and Go's inliner through the go command — go vet -vettool, once per
// package, cached per package, in every build configuration the
// module's files need (package vetrun) — merges what the packages
// reported, decides what only a view of every package can decide (the
// re-exports the exports phase deletes, whether cleanup may delete the
// deprecated declarations), has the declaring packages render those
// deletions, and plans (plan.Build).
//
// Run loads the whole program instead:
//
//	spec.Read      canonize.yaml -> rules
//	load.Load      the packages and build configurations that can hold a site
//	engine         rules compiled; re-exports found; each package scanned
//	migrate.Run    edits to a fixpoint, re-type-checked, withheld
//	plan.Build     phases, tiers, compliance
//
// Plan falls back to Run where the go command cannot yet give the same
// answer and says why (Result.Fallback); TestPlanSameAsRun and
// TestCheckSameAsRun hold the two engines equal on every txtar case.
//
// The driver also saves a plan with the hashes of what it read and
// refuses a saved plan once the tree changed. It holds no policy of its
// own, but one: the spec's template files (templates:) are rules, so
// they are never scanned (their before functions would match
// themselves).
package driver
