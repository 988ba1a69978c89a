package engine

import (
	"go/ast"
	"go/token"
	"go/types"
)

// otherSites records every reference to a tracked symbol that no rule
// rewrote: canonical uses, and deprecated uses with the reason they stay.
func (s *scanner) otherSites(consumed map[*ast.Ident]bool) []Site {
	info := s.pkg.Info
	var out []Site
	var stack []ast.Node
	ast.Inspect(s.file.Syntax, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || consumed[id] {
			return true
		}
		key := ObjKey(info.Uses[id])
		if key == "" {
			return true
		}
		target, via, viaKey := key, "", ""
		if al, ok := s.rx[key]; ok {
			target, via, viaKey = al.Target, al.Name, key
		}
		if s.rules.Canonical(target) {
			site := s.site(id.Pos(), id.End(), DisplayKey(target), RoleCanonical)
			site.Via = via
			out = append(out, site)
			return true
		}
		ruleID, ok := s.rules.deprecated[target]
		if !ok {
			return true
		}
		site := s.site(id.Pos(), id.End(), DisplayKey(target), RoleDeprecated)
		s.identify(&site, referenceExpr(stack))
		site.Via, site.Rule, site.ViaKey = via, ruleID, viaKey
		site.InReexport = s.reexportDeclAt(id.Pos())
		site.Kind, site.Reason = s.classify(stack, id, ruleID)
		if why := s.rules.unmoved[target]; why != "" && site.Kind == KindManual {
			site.Reason = why
		}
		if ruleID != "" {
			site.Replacement = s.rules.Rule(ruleID).Display
		}
		out = append(out, site)
		return true
	})
	return out
}

// referenceExpr is the expression a reference (the identifier on top of
// stack) stands for in the code: the call when it is called, else the
// reference itself, qualified when it is a selector's name.
func referenceExpr(stack []ast.Node) ast.Expr {
	i := len(stack) - 1
	ref := stack[i].(ast.Expr)
	if i > 0 {
		if sel, ok := stack[i-1].(*ast.SelectorExpr); ok && sel.Sel == ref {
			ref, i = sel, i-1
		}
	}
	if i > 0 {
		if call, ok := stack[i-1].(*ast.CallExpr); ok && call.Fun == ref {
			return call
		}
	}
	return ref
}

// reexportDeclAt returns the key of the re-export whose declaration holds pos.
func (s *scanner) reexportDeclAt(pos token.Pos) string {
	for k, al := range s.rx {
		if al.File == s.file && al.Decl != nil && al.Decl.Pos() <= pos && pos < al.Decl.End() {
			return k
		}
	}
	return ""
}

// valueKind names an uncalled reference: a method value (x.M), a method
// expression ((*T).M) or a function value.
func (s *scanner) valueKind(ref ast.Node) string {
	sel, ok := ref.(*ast.SelectorExpr)
	if !ok {
		return "function value"
	}
	switch sl := s.pkg.Info.Selections[sel]; {
	case sl == nil:
		return "function value"
	case sl.Kind() == types.MethodExpr:
		return "method expression"
	}
	return "method value"
}

// classify explains why a deprecated reference was not rewritten.
func (s *scanner) classify(stack []ast.Node, id *ast.Ident, ruleID string) (Kind, string) {
	name := id.Name
	if s.file.Generated {
		return KindGenerated, "generated file: regenerate it"
	}
	if ruleID == "" {
		return KindManual, "no rule rewrites " + name
	}
	// Walk up from the reference: pkg.F, then F(...), then F(...).M ...
	i := len(stack) - 1
	ref := ast.Node(id)
	if i > 0 {
		if sel, ok := stack[i-1].(*ast.SelectorExpr); ok && sel.Sel == id {
			ref, i = sel, i-1
		}
	}
	if k := s.reexportDeclAt(id.Pos()); k != "" {
		return KindReview, "re-export declaration " + s.rx[k].Name + ": calls through it are rewritten; delete it once unused"
	}
	if i == 0 {
		return KindReview, "reference to " + name + " that no rule matches"
	}
	if lit, ok := stack[i-1].(*ast.CompositeLit); ok && lit.Type == ref {
		return KindReview, "composite literal of " + name + " does not match rule " + ruleID
	}
	if _, isType := s.pkg.Info.Uses[id].(*types.TypeName); isType {
		return KindReview, "type " + name + " named as a type: rule " + ruleID + " does not match it there"
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	if !ok || call.Fun != ref {
		return KindReview, s.valueKind(ref) + " " + name + ": not called, so rule " + ruleID + " cannot rewrite it"
	}
	if r := s.rules.Rule(ruleID); r != nil && r.callsRootDirectly() {
		return KindReview, "call " + name + "(...) does not match rule " + ruleID
	}
	if i-1 == 0 {
		return KindReview, "result of " + name + "() used in a way rule " + ruleID + " does not match"
	}
	switch p := stack[i-2].(type) {
	case *ast.SelectorExpr:
		if i-2 > 0 {
			if c, ok := stack[i-3].(*ast.CallExpr); ok && c.Fun == p {
				return KindReview, "call " + name + "()." + p.Sel.Name + "(...) does not match rule " + ruleID
			}
		}
		return KindReview, "method value " + name + "()." + p.Sel.Name + ": not called, so rule " + ruleID + " cannot rewrite it"
	case *ast.AssignStmt, *ast.ValueSpec:
		return KindReview, "result of " + name + "() stored in a variable: later uses are not rewritten"
	}
	return KindReview, "result of " + name + "() used as a value: rule " + ruleID + " cannot rewrite it"
}
