// Package inliner is canonize's front to Go's own inliner, the
// go/analysis/passes/inline Analyzer behind go fix -inline, with one
// difference: a call to a //go:fix inline function that the inliner
// declines is reported, with the reason, instead of being dropped.
//
// Analyzer is named "inline", so under the go command its flags read as
// go fix's do:
//
//	go vet -vettool=$(which canonize) -inline -json ./...
//	go vet -vettool=$(which canonize) -inline -inline.allow_binding_decl ./...
//
// It reports:
//
//   - every call the inliner rewrites (Category "inline_call"), with the
//     inliner's SuggestedFix, exactly as go fix -inline would apply it;
//   - every use of a //go:fix inline constant or type alias (Category
//     "inline_const" or "inline_alias") with its fix;
//   - every invalid directive (Category "inline_directive"), such as a
//     constant whose value is not the name of another constant;
//   - every call the inliner declines (Category "inline_declined"), at the
//     call, with no fix and a message naming the callee and why: the
//     inliner's own error (the callee refers to a name the caller cannot
//     see, say), or that the rewrite would need a function literal or a
//     binding declaration ("var params = args"), which go fix refuses
//     unless -inline.allow_binding_decl is set.
//
// # What it does not do
//
// It does not rewrite calls itself: how one call is inlined safely is the
// x/tools inliner's business, unchanged. Uses inside the dedicated tests
// of the inlined symbol (a call of F in TestF, or in f_test.go when F is
// declared in f.go) are left alone, as go fix leaves them, and are not
// reported as declined either. It cannot say which of the two shapes (a
// function literal or a binding declaration) a declined call would have
// needed: the x/tools Analyzer does not tell, and finding out would cost
// a third run of the inliner.
//
// It has the fact types of the x/tools Analyzer, so the two cannot run in
// the same driver; canonize runs this one in place of that one.
package inliner
