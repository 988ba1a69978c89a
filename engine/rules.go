package engine

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/rewrite"
	"github.com/canonize/canonize/spec"
)

// Lookup returns the type-checked package at an import path, or nil if
// it cannot be had. The engine never loads code itself: its caller
// decides where packages come from (the loaded program, export data).
type Lookup func(path string) *types.Package

// Rules are the spec's rules with every symbol resolved to a key, and
// the sets of deprecated and canonical symbols. They are immutable once
// compiled and shared by every package scanned.
type Rules struct {
	list       []*Rule
	deprecated map[string]string // key -> id of the rule that rewrites it ("" when none)
	canonical  map[string]string // key -> id of the rule that introduces it ("" when listed)
	// unmoved says, for a symbol of a moved package that the new package
	// does not declare alike, why its uses stay.
	unmoved map[string]string
	// fields indexes the rules that rename or delete a struct field by
	// the field's key.
	fields map[string]*Rule
	// unanchored is set when a rule names no deprecated symbol (a typed
	// wildcard, or a template's shape, anchors it): every file is scanned.
	unanchored bool
}

// Rule is one compiled rule of the spec.
type Rule struct {
	*spec.Rule
	// Template is the replace template as text with holes.
	Template *rewrite.Template
	// Prelude is the replace template's statements, inserted before the
	// statement enclosing each match; nil when it has none.
	Prelude *rewrite.Template
	// Display is the replacement as users read it in reports: the
	// symbols it names ("ws.New"), else its template text.
	Display string
	// PkgNames maps each import path the replacement names to its
	// package's own name, for new imports.
	PkgNames map[string]string

	symKey   map[*ast.SelectorExpr]string
	roots    []string // keys of the symbols match names
	replSyms []string // keys of the symbols replace names
	// receivers are the metavariables match selects a method on ($m in
	// $m.Old()): the method's key, not $m's type, decides the match.
	receivers map[string]bool
	// typed are the other metavariables where: gives a type: they bind
	// only expressions assignable to it.
	typed map[string]types.Type
	// params are a template file's wildcards with their checked types.
	params map[string]types.Type
	// fields are the keys of the struct fields the templates select.
	fields  map[string]bool
	replKey map[*ast.SelectorExpr]string // replace's typed selectors
	field   *fieldRule                   // set when the rule renames or deletes a field
}

// MissingSymbolError is a symbol a rule names that its package (which
// loads) does not declare. Err is the positioned spec error users see.
type MissingSymbolError struct {
	Err   *spec.Error
	Sym   spec.TemplateSym
	Match bool // named by the rule's match (else by its replace)
}

func (e *MissingSymbolError) Error() string { return e.Err.Error() }
func (e *MissingSymbolError) Unwrap() error { return e.Err }

// CompileOptions say how to compile a spec.
type CompileOptions struct {
	// CleanedUp says the cleanup phase has deleted the deprecated API: a
	// deprecated symbol that no longer exists is then expected (its rule
	// matches nothing, with a warning) instead of an error.
	CleanedUp bool
	// Partial says lookup sees only part of the program (one package and
	// its dependencies, as in an analysis pass): a symbol whose package
	// it cannot find is taken on trust, since this package cannot refer
	// to it except through a re-export, which is matched by key.
	Partial bool
}

// Compile resolves the spec's symbols through lookup. Errors are
// *spec.Error values positioned in the spec.
func Compile(s *spec.Spec, lookup Lookup, opts CompileOptions) (*Rules, []diag.Diagnostic, error) {
	rs := &Rules{unmoved: map[string]string{}}
	var gone []diag.Diagnostic
	for _, r := range s.Rules {
		cr, err := compileRule(r, lookup, opts.Partial)
		var missing *MissingSymbolError
		if errors.Is(err, errNotInView) {
			continue // a partial view: no code here can match it
		}
		if opts.CleanedUp && errors.As(err, &missing) && missing.Match {
			s := missing.Sym
			gone = append(gone, diag.Diagnostic{Pos: missing.Err.Pos, Msg: fmt.Sprintf("rule %s matches nothing: %s.%s was deleted by the cleanup phase", r.ID, s.Qual, s.Name)})
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		rs.list = append(rs.list, cr)
		rs.unanchored = rs.unanchored || len(cr.roots) == 0
	}
	for _, mv := range s.Moves {
		list, unmoved, notes, err := compileMove(mv, lookup, opts)
		if err != nil {
			return nil, nil, err
		}
		rs.list = append(rs.list, list...)
		gone = append(gone, notes...)
		for k, why := range unmoved {
			rs.unmoved[k] = why
		}
	}
	var err error
	rs.fields = fieldRules(rs.list)
	rs.deprecated, rs.canonical, err = symbolSets(s, rs.list, lookup, opts)
	if err != nil {
		return nil, nil, err
	}
	for k := range rs.unmoved {
		if _, ok := rs.deprecated[k]; !ok {
			rs.deprecated[k] = ""
		}
	}
	return rs, gone, nil
}

func compileRule(r *spec.Rule, lookup Lookup, partial bool) (*Rule, error) {
	cr := &Rule{Rule: r, symKey: map[*ast.SelectorExpr]string{}, Display: oneLine(r.Replace.Text), PkgNames: map[string]string{}, receivers: map[string]bool{}, typed: map[string]types.Type{},
		fields: map[string]bool{}, replKey: map[*ast.SelectorExpr]string{}}
	if r.Go != nil {
		var err error
		if cr.params, err = checkGoTemplate(r, lookup, partial); err != nil {
			return nil, err
		}
	}
	for _, s := range r.Match.Symbols {
		if err := checkSymbol(lookup, s, r.Match, true, partial); err != nil {
			return nil, err
		}
		key := s.Path + "." + s.Name
		cr.symKey[s.Sel] = key
		cr.roots = append(cr.roots, key)
	}
	for _, s := range r.Replace.Symbols {
		if err := checkSymbol(lookup, s, r.Replace, false, partial); err != nil {
			return nil, err
		}
		cr.replSyms = append(cr.replSyms, s.Path+"."+s.Name)
		if p := lookup(s.Path); p != nil {
			cr.PkgNames[s.Path] = p.Name()
		}
	}
	if err := compileMethods(cr, lookup, partial); err != nil {
		return nil, err
	}
	if err := keepShared(cr); err != nil {
		return nil, err
	}
	if err := checkTypes(cr, lookup, partial); err != nil {
		return nil, err
	}
	if len(cr.replSyms) > 0 {
		// Reports name the replacement's symbols, not the template text.
		names := make([]string, len(cr.replSyms))
		for i, k := range cr.replSyms {
			names[i] = DisplayKey(k)
		}
		cr.Display = strings.Join(names, ", ")
	}
	cr.field = fieldOf(cr)
	if r.Delete && cr.field != nil {
		cr.Display = "nothing (the field is deleted)"
		return cr, nil
	}
	if r.Delete {
		cr.Display = "nothing (the call is deleted)"
		return cr, nil // no template: the edit deletes the statement
	}
	cr.Template = rewrite.FromSpec(r.Replace)
	cr.Prelude = rewrite.Prelude(r.Replace)
	if !sameArgs(r.Match, r.Replace) {
		cr.Template.Args = [2]int{}
	}
	return cr, nil
}

// oneLine is a template's text as reports show it: statements on
// several lines joined with "; ".
func oneLine(text string) string {
	var parts []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, "; ")
}

func checkSymbol(lookup Lookup, s spec.TemplateSym, t *spec.Template, match, partial bool) error {
	p := lookup(s.Path)
	if partial && (p == nil || !p.Complete()) {
		return nil // an indirect import's export data lists only what is used
	}
	if p == nil {
		return &spec.Error{Pos: t.PosAt(s.Offset), Msg: fmt.Sprintf("package %s (imported as %s) cannot be loaded", s.Path, s.Qual)}
	}
	if p.Scope().Lookup(s.Name) == nil {
		err := &spec.Error{Pos: t.PosAt(s.Offset + len(s.Qual) + 1), Msg: fmt.Sprintf("%s.%s does not exist in %s", s.Qual, s.Name, s.Path)}
		return &MissingSymbolError{Err: err, Sym: s, Match: match}
	}
	return nil
}

// keepShared takes the symbols both templates name (NewClient in
// NewClient($a, OldOpt()) -> NewClient($a, NewOpt())) out of the
// deprecated roots and the canonical symbols: the rule keeps them and
// is about the others. A rule that keeps every symbol it matches has
// nothing deprecated to anchor a site on, unless a typed wildcard or a
// template file (whose shape eg matches anywhere) anchors it.
func keepShared(cr *Rule) error {
	shared := map[string]bool{}
	for _, k := range cr.roots {
		if slices.Contains(cr.replSyms, k) {
			shared[k] = true
		}
	}
	if len(shared) == 0 {
		return nil
	}
	keep := func(k string) bool { return shared[k] }
	cr.roots = slices.DeleteFunc(cr.roots, keep)
	cr.replSyms = slices.DeleteFunc(cr.replSyms, keep)
	if len(cr.roots) == 0 && cr.Go == nil && len(cr.typed) == 0 {
		return &spec.Error{Pos: cr.Match.Pos, Msg: fmt.Sprintf("rule %s: replace keeps every symbol match names: nothing is deprecated (name the old symbol in match and not in replace)", cr.ID)}
	}
	return nil
}

// callsRootDirectly reports whether the match template is a call of its
// symbol (F($x)), not of something F returns (F().M($x)).
func (r *Rule) callsRootDirectly() bool {
	call, ok := r.Match.Expr.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	_, isSym := r.symKey[sel]
	return ok && isSym
}

// metaArgs returns the metavariables a call's arguments consist of
// ("$x", "$rest..."), or nil if any argument is something else.
func metaArgs(t *spec.Template, call *ast.CallExpr) []string {
	out := []string{}
	for _, a := range call.Args {
		id, ok := a.(*ast.Ident)
		if !ok {
			return nil
		}
		mv, ok := t.VarAt(id)
		if !ok {
			return nil
		}
		name := mv.Name
		if mv.Variadic {
			name += "..."
		}
		out = append(out, name)
	}
	return out
}

// sameArgs reports whether both templates are calls whose arguments are
// the same metavariables in the same order: then the matched call's
// argument list can be kept as written.
func sameArgs(match, replace *spec.Template) bool {
	mc, ok1 := match.Expr.(*ast.CallExpr)
	rc, ok2 := replace.Expr.(*ast.CallExpr)
	if !ok1 || !ok2 {
		return false
	}
	a, b := metaArgs(match, mc), metaArgs(replace, rc)
	if a == nil || b == nil || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// symbolSets returns the deprecated and canonical symbol keys: the spec's
// lists plus the rules' match roots and (by default) replace roots.
func symbolSets(s *spec.Spec, rules []*Rule, lookup Lookup, opts CompileOptions) (dep, can map[string]string, err error) {
	dep, can = map[string]string{}, map[string]string{}
	for _, r := range rules {
		for _, k := range r.roots {
			if _, ok := dep[k]; !ok {
				dep[k] = r.ID
			}
		}
	}
	for _, sym := range s.Deprecated {
		if err := symbolExists(lookup, sym, opts.Partial); err != nil {
			if opts.CleanedUp {
				continue
			}
			return nil, nil, err
		}
		if _, ok := dep[sym.String()]; !ok {
			dep[sym.String()] = ""
		}
	}
	if len(s.Canonical) == 0 {
		for _, r := range rules {
			for _, k := range r.replSyms {
				can[k] = r.ID
			}
		}
	}
	for _, sym := range s.Canonical {
		if err := symbolExists(lookup, sym, opts.Partial); err != nil {
			return nil, nil, err
		}
		can[sym.String()] = ""
	}
	for k := range can {
		if _, ok := dep[k]; ok {
			return nil, nil, &spec.Error{Pos: s.KeyPos("canonical"), Msg: fmt.Sprintf("%s is both deprecated and canonical", k)}
		}
	}
	return dep, can, nil
}

func symbolExists(lookup Lookup, s spec.Symbol, partial bool) error {
	p := lookup(s.Path)
	if partial && (p == nil || !p.Complete()) {
		return nil
	}
	if p == nil {
		return &spec.Error{Pos: s.Pos, Msg: fmt.Sprintf("package %s cannot be loaded", s.Path)}
	}
	name, method, isMethod := strings.Cut(s.Name, ".")
	obj := p.Scope().Lookup(name)
	if obj == nil {
		return &spec.Error{Pos: s.Pos, Msg: fmt.Sprintf("%s does not exist in %s", name, s.Path)}
	}
	if isMethod {
		m, _, _ := types.LookupFieldOrMethod(types.NewPointer(obj.Type()), true, p, method)
		if m == nil {
			return &spec.Error{Pos: s.Pos, Msg: fmt.Sprintf("%s has no method %s", name, method)}
		}
	}
	return nil
}

// Rule returns the rule with the given id, or nil.
func (rs *Rules) Rule(id string) *Rule {
	for _, r := range rs.list {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Deprecated reports whether key names a deprecated symbol.
func (rs *Rules) Deprecated(key string) bool {
	_, ok := rs.deprecated[key]
	return ok
}

// Canonical reports whether key names a canonical symbol.
func (rs *Rules) Canonical(key string) bool {
	_, ok := rs.canonical[key]
	return ok
}

// CanonicalIn counts the canonical symbols the rule's replacement names:
// each site it rewrites turns into that many canonical references.
func (rs *Rules) CanonicalIn(id string) int {
	r := rs.Rule(id)
	if r == nil {
		return 0
	}
	n := 0
	for _, k := range r.replSyms {
		if rs.Canonical(k) {
			n++
		}
	}
	return n
}
