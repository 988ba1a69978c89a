package engine

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/canonize/canonize/rewrite"
)

// This file places a replacement's statements (eg's "n := ...; return
// f(n)") before the statement that encloses a match, in the same block.
// Moving code earlier is safe only where it runs exactly when, and just
// before, the match would: the match must be evaluated once, each time
// its statement runs, and nothing with side effects may run before it
// in that statement. Where that cannot be shown the site is left for
// review with the reason. The names the statements declare are renamed
// where the site's scope (or its function) already uses them.

// hoist is where a match's statements go and what they call their names.
type hoist struct {
	stmt   ast.Stmt          // the enclosing statement, in a statement list
	line   int               // offset of the start of its line
	locals map[string]string // declared name -> name at this site
}

// hoistAt finds where the statements of r's replacement go for the
// match e, or explains why they cannot go anywhere.
func (s *scanner) hoistAt(e ast.Expr, r *Rule) (*hoist, string) {
	path, _ := astutil.PathEnclosingInterval(s.file.Syntax, e.Pos(), e.End())
	for len(path) > 1 && path[0] != ast.Node(e) {
		path = path[1:]
	}
	st, holder, why := enclosingStmt(path, e)
	if why != "" {
		return nil, why
	}
	if !s.startsLine(st, holder) {
		return nil, "the enclosing statement does not start its line: the replacement's statements would go in the middle of it"
	}
	if why := s.effectsBefore(st, e); why != "" {
		return nil, why
	}
	tf := s.pkg.Fset.File(st.Pos())
	line := tf.Offset(tf.LineStart(tf.Line(st.Pos())))
	return &hoist{stmt: st, line: line, locals: s.freshNames(st, r)}, ""
}

// startsLine reports whether st is the first code on its line: neither
// its block's brace (or its case's colon) nor the statement before it
// ends there.
func (s *scanner) startsLine(st ast.Stmt, holder ast.Node) bool {
	line := func(p token.Pos) int { return s.pkg.Fset.Position(p).Line }
	var open token.Pos
	var list []ast.Stmt
	switch h := holder.(type) {
	case *ast.BlockStmt:
		open, list = h.Lbrace, h.List
	case *ast.CaseClause:
		open, list = h.Colon, h.Body
	case *ast.CommClause:
		open, list = h.Colon, h.Body
	}
	at := line(st.Pos())
	if line(open) == at {
		return false
	}
	for i, x := range list {
		if x == st && i > 0 && line(list[i-1].End()) == at {
			return false
		}
	}
	return true
}

// enclosingStmt walks up from the match (path[0]) to the statement
// holding it in a statement list, refusing every place where the match
// may run other than once each time that statement runs.
func enclosingStmt(path []ast.Node, e ast.Expr) (ast.Stmt, ast.Node, string) {
	for i := 1; i < len(path); i++ {
		child, parent := path[i-1], path[i]
		switch p := parent.(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			if st, ok := child.(ast.Stmt); ok && inList(parent, st) {
				return st, parent, ""
			}
			return nil, nil, "the match is a case expression or a select's communication, evaluated only when the cases before it do not match"
		case *ast.BinaryExpr:
			if (p.Op == token.LAND || p.Op == token.LOR) && child == p.Y {
				return nil, nil, fmt.Sprintf("the match is the right operand of %s, evaluated only when the left one does not decide: its statements would always run", p.Op)
			}
		case *ast.File:
			return nil, nil, noStmt
		default:
			if st, ok := parent.(ast.Stmt); ok {
				if why := stmtPart(st, child, e); why != "" {
					return nil, nil, why
				}
			}
		}
	}
	return nil, nil, noStmt
}

const noStmt = "the match is not inside a function body: there is no statement to put the replacement's statements before"

// inList reports whether st is one of the statements holder lists.
func inList(holder ast.Node, st ast.Stmt) bool {
	var list []ast.Stmt
	switch h := holder.(type) {
	case *ast.BlockStmt:
		list = h.List
	case *ast.CaseClause:
		list = h.Body
	case *ast.CommClause:
		list = h.Body
	}
	for _, x := range list {
		if x == st {
			return true
		}
	}
	return false
}

// stmtPart explains why the part child of statement st may not be
// preceded by the replacement's statements; empty when it may.
func stmtPart(st ast.Stmt, child ast.Node, e ast.Expr) string {
	const initFirst = "the match is in a condition that the statement's init runs before"
	switch p := st.(type) {
	case *ast.ExprStmt, *ast.AssignStmt, *ast.ReturnStmt, *ast.IncDecStmt, *ast.SendStmt, *ast.DeclStmt, *ast.RangeStmt:
		return ""
	case *ast.GoStmt, *ast.DeferStmt:
		if child == e {
			return "the match is the call a go or defer statement runs later"
		}
		return ""
	case *ast.IfStmt:
		switch {
		case child == p.Else:
			return "the match is in an else-if condition, evaluated only when the conditions before it are false"
		case child == p.Cond && p.Init != nil:
			return initFirst
		}
		return ""
	case *ast.ForStmt:
		if child == p.Init {
			return ""
		}
		return "the match is in a for loop's condition or post statement, evaluated on every iteration"
	case *ast.SwitchStmt:
		if child == p.Tag && p.Init != nil {
			return initFirst
		}
		return ""
	case *ast.TypeSwitchStmt:
		if child == p.Assign && p.Init != nil {
			return initFirst
		}
		return ""
	case *ast.LabeledStmt:
		return "the enclosing statement is labeled: a jump to the label would skip the replacement's statements"
	}
	return fmt.Sprintf("the match is in a %T: the replacement's statements cannot be placed before it", st)
}

// effectsBefore explains why the replacement's statements may not run
// before what st evaluates ahead of the match: a call or a receive
// there would then run after them. Empty when nothing does.
func (s *scanner) effectsBefore(st ast.Stmt, e ast.Expr) string {
	var first ast.Expr
	ast.Inspect(st, func(n ast.Node) bool {
		if first != nil || n == nil || n.Pos() >= e.Pos() {
			return false
		}
		x, ok := n.(ast.Expr)
		if !ok || n.End() > e.Pos() {
			return true // a statement, or an expression holding the match
		}
		if sideEffects(s.pkg.Info, x) {
			first = x
		}
		return false
	})
	if first == nil {
		return ""
	}
	return fmt.Sprintf("%s runs before the match in the same statement and has side effects: the replacement's statements would run before it", types.ExprString(first))
}

// freshNames names the statements' declarations at st: as written, or
// with the least number appended that no name in scope at st, in the
// enclosing function or in an earlier site's statements there uses.
func (s *scanner) freshNames(st ast.Stmt, r *Rule) map[string]string {
	names := r.Replace.LocalNames()
	if len(names) == 0 {
		return nil
	}
	fn := s.enclosingFunc(st.Pos())
	used := s.usedNames(fn)
	scope := s.pkg.Types.Scope().Innermost(st.Pos())
	taken := func(name string) bool {
		if used[name] {
			return true
		}
		if scope == nil {
			return false
		}
		_, obj := scope.LookupParent(name, st.Pos())
		return obj != nil
	}
	out := map[string]string{}
	for _, name := range names {
		fresh := name
		for i := 1; taken(fresh); i++ {
			fresh = name + strconv.Itoa(i)
		}
		used[fresh] = true // the next site in this function must not take it
		out[name] = fresh
	}
	return out
}

// enclosingFunc is the top-level declaration holding pos.
func (s *scanner) enclosingFunc(pos token.Pos) ast.Node {
	for _, d := range s.file.Syntax.Decls {
		if d.Pos() <= pos && pos < d.End() {
			return d
		}
	}
	return s.file.Syntax
}

// usedNames is the set of identifiers fn holds, plus the names earlier
// sites' statements declared in it; kept per scanned file.
func (s *scanner) usedNames(fn ast.Node) map[string]bool {
	if s.names == nil {
		s.names = map[ast.Node]map[string]bool{}
	}
	if used, ok := s.names[fn]; ok {
		return used
	}
	used := map[string]bool{}
	ast.Inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			used[id.Name] = true
		}
		return true
	})
	s.names[fn] = used
	return used
}

// prelude is the zero-width edit inserting the statements at the start
// of the enclosing statement's line, with the match's bindings.
func (h *hoist) prelude(r *Rule, main rewrite.Edit) *rewrite.Edit {
	return &rewrite.Edit{Start: h.line, End: h.line, Template: r.Prelude, Binds: main.Binds, Locals: h.locals}
}
