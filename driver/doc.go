// Package driver runs the stages in order, in one short function (Run):
//
//	spec.Read      canonize.yaml -> rules
//	load.Load      the packages and build configurations that can hold a site
//	engine         rules compiled; re-exports found; each package scanned
//	migrate.Run    edits to a fixpoint, re-type-checked, withheld
//	plan.Build     phases, tiers, compliance
//
// and returns their values together with the Order that apply executes
// (each phase's files with their content before and after). It also
// saves a plan with the hashes of what it read and refuses a saved plan
// once the tree changed. It holds no policy of its own, but one: the
// spec's template files (templates:) are rules, so they are never
// scanned (their before functions would match themselves).
package driver
