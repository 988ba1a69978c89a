package inliner

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// span is a node's extent, the key a call is known by in both runs.
type span struct{ pos, end token.Pos }

// reportCalls reports each call of the lazy run once: with the full
// run's fix when it gave one, else as declined with the reason.
func reportCalls(pass *analysis.Pass, root inspector.Cursor, calls, full []analysis.Diagnostic) {
	fixed := map[span]analysis.Diagnostic{}
	errs := map[token.Pos]string{} // the inliner reports its error at the call's '('
	for _, d := range full {
		switch d.Category {
		case CategoryCall:
			fixed[span{d.Pos, d.End}] = d
		case "":
			if _, ok := errs[d.Pos]; !ok {
				errs[d.Pos] = d.Message
			}
		}
	}
	seen := map[span]bool{}
	for _, c := range calls {
		s := span{c.Pos, c.End}
		if seen[s] {
			continue
		}
		seen[s] = true
		if d, ok := fixed[s]; ok {
			pass.Report(d)
			continue
		}
		pass.Report(declined(pass, root, s, errs))
	}
}

// declined is the diagnostic for a call the inliner gave no fix for.
func declined(pass *analysis.Pass, root inspector.Cursor, s span, errs map[token.Pos]string) analysis.Diagnostic {
	callee, reason := "the function", ""
	if cur, ok := root.FindByPos(s.pos, s.end); ok {
		if call, ok := cur.Node().(*ast.CallExpr); ok {
			if fn := typeutil.StaticCallee(pass.TypesInfo, call); fn != nil {
				callee = calleeName(fn)
			}
			reason = errs[call.Lparen]
		}
	}
	if reason == "" {
		reason = errorWithin(s, errs)
	}
	if reason == "" {
		// Without an error the inliner declined for one of the two
		// shapes go fix refuses (inline.Result's Literalized and
		// BindingDecl); the x/tools Analyzer does not say which.
		reason = "the inliner would have to turn the call into a function literal"
		if !allowBindingDecl {
			reason += " or add a binding declaration (set inline.allow_binding_decl to accept those)"
		}
	}
	return analysis.Diagnostic{
		Pos:      s.pos,
		End:      s.end,
		Category: CategoryDeclined,
		Message:  fmt.Sprintf("Call of %s not inlined: %s", callee, reason),
	}
}

// errorWithin is the message of an error reported inside s, for a call
// whose node could not be found again (it always can in a well-formed
// pass; this keeps the reason if not).
func errorWithin(s span, errs map[token.Pos]string) string {
	best := token.NoPos
	for pos := range errs {
		if s.pos <= pos && pos < s.end && (best == token.NoPos || pos < best) {
			best = pos
		}
	}
	return errs[best]
}

// calleeName names fn as the x/tools Analyzer's messages do: a.F, or
// (a.T).M and (*a.T).M for methods.
func calleeName(fn *types.Func) string {
	if recv := fn.Signature().Recv(); recv != nil {
		return "(" + types.TypeString(recv.Type(), (*types.Package).Name) + ")." + fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
