package spec

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
