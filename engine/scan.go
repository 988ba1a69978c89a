package engine

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/canonize/canonize/rewrite"
)

// Package is one type-checked package variant: the engine's whole view
// of the code. Files may be a subset of the package's files (those the
// caller wants scanned); Types and Info cover all of them.
type Package struct {
	Fset  *token.FileSet
	Types *types.Package
	Info  *types.Info
	Files []*File
}

// File is one file of a Package.
type File struct {
	Syntax    *ast.File
	Rel       string // slash path relative to the root, as reports name it
	Generated bool   // "Code generated ... DO NOT EDIT."
}

// FileResult is what scanning one file found: every site, and the edit
// of each auto site.
type FileResult struct {
	File  *File
	Sites []Site
	Edits []Edit
}

// Edit is the proposed rewrite of one auto site.
type Edit struct {
	rewrite.Edit
	Pos     token.Pos      // start of the matched expression
	Rule    *Rule          // the rule that matched
	Dropped [][2]token.Pos // code the rewrite drops: the match minus its bindings
	Site    int            // index of the site in FileResult.Sites
	// Delete marks the deletion of a whole statement (the rule's replace
	// is empty): the renderer takes its line with it when nothing else
	// is on it.
	Delete bool
	// Prelude inserts the replacement's statements before the statement
	// enclosing the match (nil when it has none); it goes, or is
	// withheld, with the edit.
	Prelude *rewrite.Edit
}

// Scan finds the sites of every file of p and the edits of its auto
// sites. It reads nothing but its arguments, so packages (and files) can
// be scanned in parallel; results are in p.Files order.
func Scan(p *Package, rules *Rules, rx Reexports) []FileResult {
	out := make([]FileResult, len(p.Files))
	for i, f := range p.Files {
		s := &scanner{pkg: p, file: f, rules: rules, rx: rx}
		out[i] = s.scan()
	}
	return out
}

// scanner scans one file.
type scanner struct {
	pkg   *Package
	file  *File
	rules *Rules
	rx    Reexports
	// names are, per top-level declaration, the identifiers it holds and
	// those earlier sites' statements declared there (hoist.go).
	names map[ast.Node]map[string]bool
}

func (s *scanner) scan() FileResult {
	res := FileResult{File: s.file}
	if !s.mentions() {
		return res
	}
	consumed := map[*ast.Ident]bool{}
	fields := s.rules.fields
	ast.Inspect(s.file.Syntax, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		if lit, ok := e.(*ast.CompositeLit); ok && len(fields) > 0 {
			s.literalFields(&res, lit, fields, consumed)
		}
		if id, ok := e.(*ast.Ident); ok && consumed[id] {
			return true // the name part of a match already made
		}
		for _, r := range s.rules.list {
			m := &matcher{info: s.pkg.Info, rule: r, rx: s.rx}
			m.reset()
			if !m.match(r.Match.Expr, e) {
				continue
			}
			for _, h := range m.hits {
				consumed[h.id] = true
			}
			s.matched(&res, e, r, m)
			return true
		}
		return true
	})
	res.Sites = append(res.Sites, s.otherSites(consumed)...)
	return res
}

// matched records the site of a match and, when it is safe, its edit.
func (s *scanner) matched(res *FileResult, e ast.Expr, r *Rule, m *matcher) {
	site := s.anchor(e, r, m)
	s.identify(&site, e)
	site.Rule, site.Replacement = r.ID, r.Display
	switch {
	case s.file.Generated:
		site.Kind, site.Reason = KindGenerated, "generated file: regenerate it"
	default:
		if why := s.selfReference(e, r); why != "" {
			site.Kind, site.Reason = KindReview, why
		} else if why := unsafeReason(s.pkg.Info, r, m.binds); why != "" {
			site.Kind, site.Reason = KindReview, why
		} else {
			site.Kind = KindAuto
		}
	}
	var stmt *ast.ExprStmt
	if r.Delete && r.field != nil && site.Kind == KindAuto {
		site.Kind, site.Reason = KindReview, "a use of the field outside a composite literal: rule "+r.ID+" deletes it only where a literal sets it"
	}
	if r.Delete && site.Kind == KindAuto {
		if stmt = s.statement(e); stmt == nil {
			site.Kind, site.Reason = KindReview, "the call is not a statement by itself (its result is used, or it is deferred or run by go): rule "+r.ID+" deletes it only where it stands alone"
		}
	}
	h := s.hoisted(res, &site, e, r)
	res.Sites = append(res.Sites, site)
	if site.Kind != KindAuto {
		return
	}
	if stmt != nil {
		res.Edits = append(res.Edits, s.deletion(stmt, r, len(res.Sites)-1))
		return
	}
	ed := Edit{Edit: s.edit(e, r, m), Pos: e.Pos(), Rule: r, Dropped: consumedSpans(e, m.binds), Site: len(res.Sites) - 1}
	if h != nil {
		ed.Locals = h.locals
		ed.Prelude = h.prelude(r, ed.Edit)
	}
	res.Edits = append(res.Edits, ed)
}

// hoisted finds where an auto site's replacement statements go, making
// it a review site when they cannot go anywhere. A match nested in
// another site's rewrite (or holding one) is left for review when
// either has statements: a nested rewrite is rendered in the outer
// replacement's bindings, which the statements would copy unrewritten.
func (s *scanner) hoisted(res *FileResult, site *Site, e ast.Expr, r *Rule) *hoist {
	if site.Kind != KindAuto {
		return nil
	}
	start, end := s.pkg.Fset.Position(e.Pos()).Offset, s.pkg.Fset.Position(e.End()).Offset
	for _, prev := range res.Edits {
		if prev.Start <= start && end <= prev.End && (r.Prelude != nil || prev.Prelude != nil) {
			site.Kind, site.Reason = KindReview, "inside another site's rewrite, and one of them puts statements before the enclosing statement: run canonize again once the outer site is rewritten"
			return nil
		}
	}
	if r.Prelude == nil {
		return nil
	}
	h, why := s.hoistAt(e, r)
	if why != "" {
		site.Kind, site.Reason = KindReview, why
	}
	return h
}

// anchor makes the site of a match: at the deprecated symbol it names,
// or, for a rule no symbol anchors, at the match, named by the rule's
// match template.
func (s *scanner) anchor(e ast.Expr, r *Rule, m *matcher) Site {
	if len(r.roots) == 0 {
		return s.site(e.Pos(), e.End(), r.Match.Text, RoleDeprecated)
	}
	primary := m.hits[0]
	for _, h := range m.hits {
		// A symbol the rule keeps (named by both templates) is no site.
		if slices.Contains(r.roots, s.primaryTarget(h)) {
			primary = h
			break
		}
	}
	site := s.site(primary.id.Pos(), e.End(), DisplayKey(s.primaryTarget(primary)), RoleDeprecated)
	if primary.via != "" {
		site.Via, site.ViaKey = s.rx[primary.via].Name, primary.via
	}
	return site
}

// statement returns the expression statement e stands alone in, or nil.
func (s *scanner) statement(e ast.Expr) *ast.ExprStmt {
	path, _ := astutil.PathEnclosingInterval(s.file.Syntax, e.Pos(), e.End())
	for len(path) > 1 && path[0] != ast.Node(e) {
		path = path[1:]
	}
	if len(path) > 1 {
		if st, ok := path[1].(*ast.ExprStmt); ok && st.X == e {
			return st
		}
	}
	return nil
}

// deletion is the edit deleting a call statement; everything in it is
// dropped, the imports it alone used included.
func (s *scanner) deletion(st *ast.ExprStmt, r *Rule, site int) Edit {
	off := func(p token.Pos) int { return s.pkg.Fset.Position(p).Offset }
	return Edit{Edit: rewrite.Edit{Start: off(st.Pos()), End: off(st.End())}, Pos: st.Pos(), Rule: r,
		Dropped: [][2]token.Pos{{st.Pos(), st.End()}}, Site: site, Delete: true}
}

// selfReference explains why a match inside the declaration of one of
// its rule's own symbols is not rewritten: in the replacement's body it
// would make the replacement call itself; in the deprecated function's
// body it would change what the old API does. Empty otherwise.
func (s *scanner) selfReference(e ast.Expr, r *Rule) string {
	for _, d := range s.file.Syntax.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Body == nil || e.Pos() < fd.Body.Pos() || e.End() > fd.Body.End() {
			continue
		}
		key := ObjKey(s.pkg.Info.Defs[fd.Name])
		switch {
		case slices.Contains(r.replSyms, key):
			return "inside " + DisplayKey(key) + ", the replacement itself: rewriting would make it call itself"
		case slices.Contains(r.roots, key):
			return "inside deprecated " + DisplayKey(key) + " itself: rewriting would change what the old API does"
		}
	}
	return ""
}

func (s *scanner) site(p, end token.Pos, sym string, role Role) Site {
	pos, last := s.pkg.Fset.Position(p), s.pkg.Fset.Position(end)
	return Site{Path: s.file.Rel, Line: pos.Line, Col: pos.Column, Symbol: sym, Role: role, Pos: p,
		End: end, EndLine: last.Line, EndCol: last.Column,
		Package: strings.TrimSuffix(s.pkg.Types.Path(), "_test"), Generated: s.file.Generated}
}

// identify records what identifies a deprecated site across edits: its
// function and the normalised text of its expression e.
func (s *scanner) identify(site *Site, e ast.Expr) {
	site.Func = EnclosingFunc(s.file.Syntax, e.Pos())
	site.Text = NormalText(s.pkg.Fset, e)
}

func (s *scanner) primaryTarget(h hit) string {
	if h.via != "" {
		return s.rx[h.via].Target
	}
	return h.key
}

// mentions reports whether any identifier of the file refers to a
// tracked symbol: the cheap filter before matching.
func (s *scanner) mentions() bool {
	if s.rules.unanchored {
		return true // a rule anchored on a type, not a symbol, can match anywhere
	}
	found := false
	ast.Inspect(s.file.Syntax, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if k := ObjKey(s.pkg.Info.Uses[id]); k != "" && s.tracked(k) {
				found = true
			}
		}
		return true
	})
	return found
}

func (s *scanner) tracked(k string) bool {
	if s.rules.Deprecated(k) || s.rules.Canonical(k) {
		return true
	}
	_, ok := s.rx[k]
	return ok
}

// consumedSpans are the parts of a matched expression that the rewrite
// drops: the whole span minus the bindings.
func consumedSpans(e ast.Expr, binds map[string]*bound) [][2]token.Pos {
	spans := [][2]token.Pos{{e.Pos(), e.End()}}
	for _, b := range binds {
		for _, x := range b.exprs {
			var next [][2]token.Pos
			for _, s := range spans {
				if x.Pos() >= s[0] && x.End() <= s[1] {
					next = append(next, [2]token.Pos{s[0], x.Pos()}, [2]token.Pos{x.End(), s[1]})
				} else {
					next = append(next, s)
				}
			}
			spans = next
		}
	}
	return spans
}

// edit builds the text edit of one auto site. Its Quals are left nil:
// the qualifiers depend on every edit of the file, and the caller
// decides them (rewrite.Qualify).
func (s *scanner) edit(e ast.Expr, r *Rule, m *matcher) rewrite.Edit {
	off := func(p token.Pos) int { return s.pkg.Fset.Position(p).Offset }
	ed := rewrite.Edit{Start: off(e.Pos()), End: off(e.End()), Template: r.Template, Binds: map[string]rewrite.Binding{}}
	path, _ := astutil.PathEnclosingInterval(s.file.Syntax, e.Pos(), e.End())
	for len(path) > 1 && path[0] != ast.Node(e) {
		path = path[1:]
	}
	if len(path) > 1 {
		ed.MinPrec = rewrite.MinPrec(path[1], e)
	}
	if call, ok := e.(*ast.CallExpr); ok {
		ed.Call = [2]int{off(call.Lparen), off(call.Rparen) + 1}
		if r.Template.Args[1] > 0 {
			ed.Args = ed.Call
		}
	}
	for name, b := range m.binds {
		if len(b.exprs) == 0 {
			ed.Binds[name] = rewrite.Binding{Start: ed.Start, End: ed.Start, Prec: rewrite.PrecPrimary}
			continue
		}
		bd := rewrite.Binding{Start: off(b.exprs[0].Pos()), End: off(b.exprs[len(b.exprs)-1].End()), Prec: rewrite.Precedence(b.exprs[0])}
		if b.variadic {
			bd.Prec = rewrite.PrecPrimary
			if b.ellipsis.IsValid() {
				bd.End = off(b.ellipsis) + 3
			}
		}
		ed.Binds[name] = bd
	}
	return ed
}
