package driver

import (
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/inliner"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/vetrun"
	"github.com/canonize/canonize/vettool"
)

// packagesDone is a vetrun progress callback saying, after what, how
// many packages the go command has analysed of how many (once counted).
func packagesDone(what string, configs int, progress func(string)) func(done, total int) {
	return func(done, total int) {
		switch {
		case total > 0:
			progress(fmt.Sprintf("%s: %d of %d packages in %d configuration(s)", what, min(done, total), total, configs))
		default:
			progress(fmt.Sprintf("%s: %d packages in %d configuration(s)", what, done, configs))
		}
	}
}

// inlineOnlyEnv adds to env the variable that keys the go command's
// cache on the tool alone: only the inliner runs, and it never reads the
// spec, so runs under different specs share results.
func inlineOnlyEnv(env []string) []string {
	return append(slices.Clip(env), vettool.InlineOnlyEnv+"=1")
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// classifyInline decides what becomes of an inliner finding's site: a
// fix with its edits (fix true), or a declined site with its kind and
// reason.
func classifyInline(site engine.Site, generated bool, fd vetrun.Finding) (engine.Site, []migrate.TextEdit, bool) {
	edits, why := fixEdits(fd)
	switch {
	case generated:
		site.Kind, site.Reason = engine.KindGenerated, "generated file: regenerate it"
	case fd.Category == inliner.CategoryDeclined:
		site.Kind, site.Reason = engine.KindReview, fd.Message
	case why != "":
		site.Kind, site.Reason = engine.KindReview, why
	default:
		return site, edits, true
	}
	return site, nil, false
}

// fixEdits returns the edits of a finding's first fix, or why it has none
// canonize can apply.
func fixEdits(fd vetrun.Finding) ([]migrate.TextEdit, string) {
	if len(fd.Fixes) == 0 {
		return nil, "Go's inliner offers no fix: " + fd.Message
	}
	var out []migrate.TextEdit
	for _, e := range fd.Fixes[0].Edits {
		if e.File != fd.File {
			return nil, "the inliner's fix edits another file (" + e.File + ")"
		}
		out = append(out, migrate.TextEdit{Start: e.Start, End: e.End, New: e.New})
	}
	return out, ""
}

var inlineSubject = regexp.MustCompile(`^(?:Call of|Constant|Type alias) (.+?) (?:should be|not) inlined`)

// inlineSiteIn is the site of a finding in the file f (slash path rel
// from the root) of package pkgPath.
func inlineSiteIn(fset *token.FileSet, f *ast.File, rel, pkgPath string, generated bool, fd vetrun.Finding) engine.Site {
	s := inlineSiteOf(rel, pkgPath, generated, fd)
	if tf := fset.File(f.Pos()); tf != nil && fd.Line >= 1 && fd.Line <= tf.LineCount() {
		s.Pos = tf.LineStart(fd.Line) + token.Pos(fd.Col-1)
		s.End = s.Pos
		identify(&s, fset, f)
	}
	return s
}

// inlineSiteOf is the site of an inliner finding, without what only the
// file's syntax tells (identify).
func inlineSiteOf(rel, pkgPath string, generated bool, fd vetrun.Finding) engine.Site {
	sym := fd.Category
	if m := inlineSubject.FindStringSubmatch(fd.Message); m != nil {
		sym = m[1]
	}
	return engine.Site{Path: rel, Line: fd.Line, Col: fd.Col, Symbol: sym, Role: engine.RoleDeprecated,
		Kind: engine.KindInline, Replacement: "its //go:fix inline body", Inline: true,
		Package: strings.TrimSuffix(pkgPath, "_test"), Generated: generated}
}

// identify gives a site known only by its position what identifies it
// across edits (package baseline): its function, and the text of the
// innermost call starting there (the inliner reports a call at its
// first byte; of calls starting at the same byte, as in F(x).M(), the
// innermost is taken, whichever the inliner meant).
func identify(s *engine.Site, fset *token.FileSet, f *ast.File) {
	s.Func = engine.EnclosingFunc(f, s.Pos)
	e := engine.ExprAt(f, s.Pos)
	if e == nil {
		return
	}
	s.Text = engine.NormalText(fset, e)
	s.End = e.End()
	end := fset.Position(s.End)
	s.EndLine, s.EndCol = end.Line, end.Column
}
