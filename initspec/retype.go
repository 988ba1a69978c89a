package initspec

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/packages"
)

// A derived rule replaces a deprecated symbol by what it forwards to,
// which may have another type than the symbol's own (func Old()
// io.Reader { return New() } with New returning *strings.Reader; var
// Old io.Writer = os.Stdout). canonize refuses a rule whose replacement
// has another type than its match unless the rule says retype:, so the
// rule says it: assignable, which the deprecated symbol's own body
// proves.

// funcRetype is the retype: of a rule derived from a forwarding
// function or method d; "" when the call has the function's result type.
func funcRetype(p *packages.Package, d *ast.FuncDecl) string {
	ret, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return ""
	}
	fn, ok := p.TypesInfo.Defs[d.Name].(*types.Func)
	if !ok {
		return ""
	}
	var want types.Type = fn.Signature().Results()
	if res := fn.Signature().Results(); res.Len() == 1 {
		want = res.At(0).Type()
	}
	return retypeOf(p.TypesInfo.TypeOf(ret.Results[0]), want)
}

// valueRetype is the retype: of a rule derived from a deprecated
// variable or constant initialised with value.
func valueRetype(p *packages.Package, name *ast.Ident, value ast.Expr) string {
	obj := p.TypesInfo.Defs[name]
	if obj == nil {
		return ""
	}
	return retypeOf(p.TypesInfo.TypeOf(value), obj.Type())
}

func retypeOf(got, want types.Type) string {
	if got == nil || want == nil || types.Identical(got, want) {
		return ""
	}
	if b, ok := got.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return "" // an untyped constant takes the match's type
	}
	return "assignable"
}
