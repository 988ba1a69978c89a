package spec

import (
	"fmt"
	"go/ast"
	"go/token"

	"go.yaml.in/yaml/v3"
)

// Anchored reports whether match names a package symbol or a method
// that replace does not keep: then only code that refers to it can
// match. An argument migration keeping its function (F(OldOpt()) ->
// F(NewOpt())) is anchored on the argument's symbol.
func (r *Rule) Anchored() bool {
	if len(r.Match.Methods) > 0 {
		return true
	}
	kept := map[string]bool{}
	for _, sym := range r.Replace.Symbols {
		kept[sym.Path+"."+sym.Name] = true
	}
	for _, sym := range r.Match.Symbols {
		if !kept[sym.Path+"."+sym.Name] {
			return true
		}
	}
	return false
}

// Retype is how a rule's replacement's type may differ from its
// match's.
type Retype string

const (
	// RetypeNone requires identical types (the default, as eg does).
	RetypeNone Retype = ""
	// RetypeAssignable accepts a replacement assignable to the match's type.
	RetypeAssignable Retype = "assignable"
	// RetypeAny accepts any type: each rewritten file is type-checked
	// again and a site whose rewrite does not compile is withheld.
	RetypeAny Retype = "any"
)

func buildRule(file string, data []byte, rr rawRule, rn *yaml.Node, fields map[string]*yaml.Node, imports map[string]string) (*Rule, error) {
	rpos := token.Position{Filename: file, Line: rn.Line, Column: rn.Column}
	r := &Rule{ID: rr.ID, Risk: Risk(rr.Risk), Note: rr.Note, Pos: rpos}
	if r.ID == "" {
		return nil, &Error{rpos, "rule has no id"}
	}
	switch r.Risk {
	case RiskNone, RiskLow, RiskMedium, RiskHigh:
	default:
		return nil, &Error{keyPos(file, fields, "risk", rpos), fmt.Sprintf("rule %s: risk %q is not low, medium or high", r.ID, r.Risk)}
	}
	if rr.Match == "" {
		return nil, &Error{rpos, fmt.Sprintf("rule %s has no match", r.ID)}
	}
	if r.Retype = Retype(rr.Retype); r.Retype != RetypeNone && r.Retype != RetypeAssignable && r.Retype != RetypeAny {
		return nil, &Error{keyPos(file, fields, "retype", rpos), fmt.Sprintf("rule %s: retype %q is not assignable or any", r.ID, rr.Retype)}
	}
	if rr.Replace == "" && fields["replace"] == nil {
		return nil, &Error{rpos, fmt.Sprintf("rule %s has no replace (replace: \"\" deletes the call)", r.ID)}
	}
	var err error
	if r.Match, err = parseTemplate(rr.Match, scalarPos(file, fields["match"]), scalarLocator(file, data, fields["match"]), imports, false); err != nil {
		return nil, err
	}
	if err := parseReplace(file, data, r, rr.Replace, fields["replace"], imports); err != nil {
		return nil, err
	}
	if err := readWhere(file, r, rr.Where, fields["where"], imports); err != nil {
		return nil, err
	}
	if len(r.Match.Symbols) == 0 && len(r.Match.Methods) == 0 && len(r.Where) == 0 {
		return nil, &Error{r.Match.Pos, fmt.Sprintf("rule %s: match names no package symbol and no typed metavariable (qualify a name with one from imports:, or give a metavariable a type with where:)", r.ID)}
	}
	return r, checkReplaceVars(r)
}

// parseReplace parses a rule's replace template; an empty one makes a
// rule that deletes the call its match names.
func parseReplace(file string, data []byte, r *Rule, text string, n *yaml.Node, imports map[string]string) error {
	if text == "" {
		if !deletable(r.Match) {
			return &Error{scalarPos(file, n), fmt.Sprintf("rule %s: replace: \"\" deletes a call or a struct field ($v.Field), but match is neither", r.ID)}
		}
		r.Delete, r.Replace = true, &Template{Pos: scalarPos(file, n)}
		return nil
	}
	var err error
	r.Replace, err = parseTemplate(text, scalarPos(file, n), scalarLocator(file, data, n), imports, true)
	return err
}

// deletable reports whether a template can be deleted: a call (where
// it stands alone as a statement) or a selector on a metavariable, a
// field whose key a composite literal sets.
func deletable(t *Template) bool {
	switch e := t.Expr.(type) {
	case *ast.CallExpr:
		return true
	case *ast.SelectorExpr:
		id, ok := e.X.(*ast.Ident)
		if !ok {
			return false
		}
		_, isVar := t.VarAt(id)
		return isVar
	}
	return false
}
