package engine

import (
	"go/ast"
	"go/token"
	"go/types"
	"sync"

	"github.com/canonize/canonize/rewrite"
)

// This file gives struct fields keys, so that a rule can name one as it
// names a method ($c.Timeout with where: {c: "*cfg.Config"}), and makes
// field rules reach composite literals: cfg.Config{Timeout: d} has no
// selector to match, only a key.

// fieldKeys caches, per package, the key of every field of its
// package-level named struct types.
var fieldKeys sync.Map // *types.Package -> map[*types.Var]string

// fieldKey is the key of a struct field: "path.Type.Field", Type being
// the named struct type that declares it (not one that embeds it); ""
// when no package-level type declares it.
func fieldKey(v *types.Var) string {
	v = v.Origin()
	if v.Pkg() == nil {
		return ""
	}
	m, ok := fieldKeys.Load(v.Pkg())
	if !ok {
		m, _ = fieldKeys.LoadOrStore(v.Pkg(), packageFields(v.Pkg()))
	}
	return m.(map[*types.Var]string)[v]
}

func packageFields(p *types.Package) map[*types.Var]string {
	out := map[*types.Var]string{}
	scope := p.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		st, ok := tn.Type().Underlying().(*types.Struct)
		if !ok {
			continue
		}
		for i := range st.NumFields() {
			out[st.Field(i)] = p.Path() + "." + tn.Name() + "." + st.Field(i).Name()
		}
	}
	return out
}

// fieldRule says what a rule does to a struct field: renames it (To is
// the new field's name) or, when To is "", deletes it where a composite
// literal sets it.
type fieldRule struct {
	From string // the deprecated field's key
	To   string
}

// fieldOf returns the rule's field rule when match is $v.F selecting a
// field and replace is $v.G selecting a field, or is empty.
func fieldOf(cr *Rule) *fieldRule {
	sel, ok := cr.Match.Expr.(*ast.SelectorExpr)
	if !ok || len(cr.Match.Methods) != 1 || cr.Match.Methods[0].Sel != sel {
		return nil
	}
	from := cr.symKey[sel]
	if !cr.fields[from] {
		return nil
	}
	if cr.Delete {
		return &fieldRule{From: from}
	}
	rsel, ok := cr.Replace.Expr.(*ast.SelectorExpr)
	if !ok || len(cr.Replace.Methods) != 1 || cr.Replace.Methods[0].Sel != rsel || cr.Replace.Methods[0].Var != cr.Match.Methods[0].Var {
		return nil
	}
	if !cr.fields[cr.replKey[rsel]] {
		return nil
	}
	return &fieldRule{From: from, To: rsel.Sel.Name}
}

// fieldRules indexes the rules that rename or delete a field by the
// field's key.
func fieldRules(list []*Rule) map[string]*Rule {
	out := map[string]*Rule{}
	for _, r := range list {
		if r.field != nil {
			out[r.field.From] = r
		}
	}
	return out
}

// literalFields records the sites of a composite literal's keys that a
// field rule names, with their edits: the key renamed, or the element
// deleted. It marks the keys consumed.
func (s *scanner) literalFields(res *FileResult, lit *ast.CompositeLit, rules map[string]*Rule, consumed map[*ast.Ident]bool) {
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		fk := ObjKey(s.pkg.Info.Uses[key])
		r := rules[fk]
		if r == nil {
			continue
		}
		consumed[key] = true
		site := s.site(key.Pos(), kv.End(), DisplayKey(fk), RoleDeprecated)
		s.identify(&site, kv)
		site.Rule, site.Replacement = r.ID, r.Display
		site.Kind, site.Reason = s.literalKind(lit, kv, r)
		res.Sites = append(res.Sites, site)
		if site.Kind != KindAuto {
			continue
		}
		off := func(p token.Pos) int { return s.pkg.Fset.Position(p).Offset }
		ed := Edit{Pos: key.Pos(), Rule: r, Site: len(res.Sites) - 1}
		if r.field.To != "" {
			ed.Edit = rewrite.Edit{Start: off(key.Pos()), End: off(key.End()), Literal: true, Text: r.field.To}
		} else {
			start, end := s.elementSpan(lit, i)
			ed.Edit = rewrite.Edit{Start: off(start), End: off(end), Literal: true}
			ed.Dropped = [][2]token.Pos{{start, end}}
		}
		res.Edits = append(res.Edits, ed)
	}
}

// literalKind decides whether a literal's key can be renamed or its
// element deleted.
func (s *scanner) literalKind(lit *ast.CompositeLit, kv *ast.KeyValueExpr, r *Rule) (Kind, string) {
	if s.file.Generated {
		return KindGenerated, "generated file: regenerate it"
	}
	if r.field.To == "" {
		if sideEffects(s.pkg.Info, kv.Value) {
			return KindReview, "the value " + types.ExprString(kv.Value) + " has side effects and rule " + r.ID + " deletes it"
		}
		return KindAuto, ""
	}
	st, _ := s.pkg.Info.TypeOf(lit).Underlying().(*types.Struct)
	if st == nil {
		return KindReview, "composite literal of a type that is not a struct"
	}
	has := false
	for i := range st.NumFields() {
		has = has || st.Field(i).Name() == r.field.To
	}
	if !has {
		return KindReview, "the literal's type has no field " + r.field.To + " of its own (a promoted field cannot be a key)"
	}
	for _, e := range lit.Elts {
		if kv2, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv2.Key.(*ast.Ident); ok && id.Name == r.field.To {
				return KindReview, "the literal sets " + r.field.To + " too"
			}
		}
	}
	return KindAuto, ""
}

// elementSpan is what deleting lit.Elts[i] removes: its whole lines when
// it has them to itself, else the element with the separator that
// joins it to its neighbour.
func (s *scanner) elementSpan(lit *ast.CompositeLit, i int) (token.Pos, token.Pos) {
	elt := lit.Elts[i]
	tf := s.pkg.Fset.File(elt.Pos())
	line := func(p token.Pos) int { return tf.Line(p) }
	before, after := lit.Lbrace, lit.Rbrace
	if i > 0 {
		before = lit.Elts[i-1].End()
	}
	if i+1 < len(lit.Elts) {
		after = lit.Elts[i+1].Pos()
	}
	first, last := line(elt.Pos()), line(elt.End())
	switch {
	case line(before) < first && line(after) > last:
		end := tf.LineStart(last + 1)
		return tf.LineStart(first), end
	case i+1 < len(lit.Elts):
		return elt.Pos(), after
	case i > 0:
		return before, elt.End()
	}
	return elt.Pos(), lit.Rbrace
}
