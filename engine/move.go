package engine

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/spec"
)

// compileMove expands a package move into one rule per exported symbol
// of From that To declares alike (same kind, identical type, equal
// constant value): from.X -> to.X, which the matcher, the import editing
// and the re-type-check treat like any rule. Symbols To lacks, or has
// otherwise, are deprecated with the reason, for a person.
func compileMove(mv *spec.Move, lookup Lookup, opts CompileOptions) ([]*Rule, map[string]string, []diag.Diagnostic, error) {
	from := lookup(mv.From)
	if from == nil {
		note := diag.Diagnostic{Pos: mv.Pos, Msg: fmt.Sprintf("rule %s: package %s cannot be loaded (nothing imports it any more?): nothing to move", mv.ID, mv.From)}
		return nil, nil, []diag.Diagnostic{note}, nil
	}
	to := lookup(mv.To)
	if to == nil {
		if opts.Partial {
			return nil, nil, nil, nil
		}
		return nil, nil, nil, &spec.Error{Pos: mv.Pos, Msg: fmt.Sprintf("rule %s: package %s (to:) cannot be loaded", mv.ID, mv.To)}
	}
	var rules []*Rule
	unmoved := map[string]string{}
	scope := from.Scope()
	for _, name := range scope.Names() {
		a := scope.Lookup(name)
		if !a.Exported() {
			continue
		}
		if why := differs(a, to.Scope().Lookup(name), mv.To); why != "" {
			unmoved[mv.From+"."+name] = why
			continue
		}
		sr, err := mv.SymbolRule(name)
		if err != nil {
			return nil, nil, nil, err
		}
		cr, err := compileRule(sr, lookup, opts.Partial)
		if err != nil {
			return nil, nil, nil, err
		}
		rules = append(rules, cr)
	}
	return rules, unmoved, nil, nil
}

// differs says why b cannot stand in for a ("" when it can).
func differs(a, b types.Object, toPath string) string {
	if b == nil {
		return fmt.Sprintf("%s has no %s", toPath, a.Name())
	}
	if fmt.Sprintf("%T", a) != fmt.Sprintf("%T", b) {
		return fmt.Sprintf("%s.%s is another kind of symbol", toPath, a.Name())
	}
	if !sameType(a.Type(), b.Type()) {
		return fmt.Sprintf("%s.%s has another type: %s", toPath, a.Name(), types.TypeString(b.Type(), nil))
	}
	if ca, ok := a.(*types.Const); ok {
		if !constant.Compare(ca.Val(), token.EQL, b.(*types.Const).Val()) {
			return fmt.Sprintf("%s.%s has another value", toPath, a.Name())
		}
	}
	return ""
}

// sameType compares types of packages that may come from two loads.
func sameType(a, b types.Type) bool {
	return types.Identical(a, b) || types.TypeString(types.Unalias(a), nil) == types.TypeString(types.Unalias(b), nil)
}
