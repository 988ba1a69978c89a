// Package plan is pure policy: from the sites and the migrated files it
// decides the phases, each file's risk tier with its reasons, the
// compliance now and after each phase, and whether cleanup is blocked.
// Its Plan is the one report model every output format prints (package
// report). It computes no bytes, reads no disk and knows nothing of the
// journal: what has been applied reaches it only as the tree it sees.
//
// # Phases
//
// The default policy sorts every changed file into one of four phases,
// applied, verified and rolled back together:
//
//  1. exports: files that call through a re-export, and the re-export
//     declarations themselves, deleted (with their doc comments and the
//     imports they leave unused) once every reference through them is
//     rewritten. Only re-exports the module calls through are deleted; an
//     unused wrapper is ordinary code whose body is rewritten.
//  2. production: the other non-test files, low tier first.
//  3. tests: the other _test.go files.
//  4. cleanup: the declarations of deprecated symbols the module owns,
//     deleted with their doc comments. It is blocked, listing them, while
//     any reference is left that phases 1-3 do not rewrite (review,
//     manual, generated, or in a withheld file), or if the deletion does
//     not type-check.
//
// Empty phases are listed. A file belongs to one of phases 1-3; a file
// that also holds a deprecated declaration appears again in cleanup.
//
// # Shapes
//
// Each of phases 1-3 groups its rewritten sites by shape (shapes.go):
// the rule, the site's expression with every call argument replaced by
// a letter (the same argument text, the same letter; an argument is
// abstracted whole, a nested call included), and the rule's replace
// template with its metavariables named by the letters of the match
// template's arguments at the same positions. A variadic $x... takes
// the remaining letters. A site whose form is not the template's (a
// reference through a re-export) says "(see the diff)" instead of an
// after-form it cannot know; the qualifier of the after-form is the
// template's, not the file's.
//
// # Compliance
//
// percent = canonical / (canonical + deprecated) x 100 over the sites
// outside generated files (100 with no sites), per module and per
// package. A phase's compliance_after assumes it and every earlier phase
// are applied: each auto site turns a deprecated reference into as many
// canonical ones as its replacement names. Cleanup deletes the
// deprecated API, which compiles only once nothing refers to it, so its
// compliance_after is 100 — even while it is blocked.
//
// # Tiers
//
// Each file starts low; the highest signal wins, and every signal that
// applies is listed as a reason:
//
//	sites rewritten in the file     >= 3 medium, >= 8 high
//	review/manual sites left in it  medium
//	module packages importing its   >= 5 medium, >= 15 high
//	package (transitively, any build configuration)
//	build-constrained file          medium (not compiled on this host)
//	deletes an exported re-export   medium (code outside may use it)
//	package matches critical:       high
//	a rule's risk:                  at least that tier
//
// # JSON
//
// `canonize plan --json` prints Plan: {"name", "compliance": {"percent",
// "deprecated", "canonical", "by_package": [{"package", "percent",
// "deprecated", "canonical"}]}, "phases": [{"number", "name",
// "compliance_after", "blocked", "blocked_by", "files": [{"path", "tier",
// "reasons", "sites", "deletes", "owners"}], "shares": [{"owner",
// "files", "sites", "compliance_after"}]}], "sites": [{"path", "line",
// "col", "symbol", "role", "rule", "kind", "reason", "via",
// "replacement"}], "verify", "owners_from", "hashes"}. role is
// "deprecated" or "canonical"; kind (auto, review, manual, generated,
// inline, outside) is set on deprecated sites; hashes (path -> sha256,
// and "(spec)") is present in a plan saved with -o.
//
// # Owners
//
// Each file's owners come from Input.Owners (CODEOWNERS or the spec's
// owners:); a phase's shares group its files by owner group (the
// owners joined by spaces, or "(unowned)"), sorted with the unowned
// last. A share's compliance_after assumes the earlier phases and that
// share alone are applied.
package plan
