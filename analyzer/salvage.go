package analyzer

import (
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/rewrite"
)

// salvage keeps what can be kept of a file whose rewrite does not
// type-check, as canonize's commands do: its edits are tried one at a
// time, each added to those kept so far, and kept when the package
// still checks with it; the others become review sites with their own
// errors. With nothing to keep, or nothing to refuse, the whole file is
// withheld with why. files is updated to what is kept.
func salvage(pass *analysis.Pass, imp *importer, fr engine.FileResult, why string, files map[*ast.File]rendered, withheld map[*ast.File]string, words reasons) engine.FileResult {
	f := fr.File.Syntax
	r, ok := files[f]
	if !ok || len(fr.Edits) < 2 {
		return withhold(fr, why)
	}
	others := map[*ast.File]string{}
	for g, w := range withheld {
		if g != f {
			others[g] = w
		}
	}
	var kept []engine.Edit
	refused := map[int]string{}
	checked := map[int]bool{} // refused for a type error, not for failing to render
	tf := rewrite.TypedFile{Syntax: f, Info: pass.TypesInfo, Pkg: pass.Pkg}
	for _, e := range fr.Edits {
		text, err := migrate.RenderFile(pass.Fset, tf, r.old, append(append([]engine.Edit(nil), kept...), e), nil)
		if err != nil {
			refused[e.Site] = err.Error()
			continue
		}
		trial := map[*ast.File]rendered{}
		for g, v := range files {
			trial[g] = v
		}
		trial[f] = rendered{r.old, text}
		if msg := fileError(pass, imp, trial, others, f); msg != "" {
			refused[e.Site] = words.typeCheck(msg)
			checked[e.Site] = true
			continue
		}
		kept = append(kept, e)
	}
	if len(refused) == 0 {
		return withhold(fr, why)
	}
	if len(kept) == 0 {
		// Each site with the error its own trial gave, not the first one's.
		out := withhold(fr, why)
		for i, msg := range refused {
			out.Sites[i].Reason, out.Sites[i].Withheld = msg, checked[i]
		}
		return out
	}
	text, err := migrate.RenderFile(pass.Fset, tf, r.old, kept, nil)
	if err != nil {
		return withhold(fr, why)
	}
	files[f] = rendered{r.old, text}
	delete(withheld, f)
	sites := append([]engine.Site(nil), fr.Sites...)
	for i, msg := range refused {
		sites[i].Kind, sites[i].Reason, sites[i].Withheld = engine.KindReview, msg, checked[i]
	}
	return engine.FileResult{File: fr.File, Sites: sites, Edits: kept}
}

// fileError type-checks the package with trial in place and returns the
// first error in f, if any.
func fileError(pass *analysis.Pass, imp *importer, trial map[*ast.File]rendered, withheld map[*ast.File]string, f *ast.File) string {
	errs, at := check(pass, imp, trial, withheld)
	for i, e := range errs {
		if at[i] == f {
			return e
		}
	}
	return ""
}

// withhold turns a file's auto sites into review sites giving why, and
// drops its edits: its rewrite is not offered.
func withhold(fr engine.FileResult, why string) engine.FileResult {
	sites := append([]engine.Site(nil), fr.Sites...)
	for _, e := range fr.Edits {
		sites[e.Site].Kind, sites[e.Site].Reason, sites[e.Site].Withheld = engine.KindReview, why, true
	}
	return engine.FileResult{File: fr.File, Sites: sites}
}
