package driver

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/inliner"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/spec"
	"github.com/canonize/canonize/vetrun"
	"github.com/canonize/canonize/vettool"
)

// runInliner runs Go's inliner through the go command, with canonize as
// the vet tool, in the host configuration over every module and in
// every other configuration the tree's files need over the directories
// that need it: like every finding, it sees the whole module whatever
// the patterns. It returns nil when the spec turns the inliner off or
// no tool is given.
//
// When the go command cannot run at all (a broken go.mod, a missing
// module), loading will say why, positioned: the inliner's failure is
// then only a warning, returned as note.
func runInliner(opts Options, root string, sp *spec.Spec, progress func(string)) (res *vetrun.Result, note []diag.Diagnostic, err error) {
	if sp.Inline.Off || opts.Tool == "" {
		return nil, nil, nil
	}
	cfgs, _, err := vetConfigs(root)
	if err != nil {
		return nil, nil, err
	}
	args := []string{"-inline"}
	if sp.Inline.AllowBindingDecl {
		args = append(args, "-inline.allow_binding_decl=true")
	}
	progress(fmt.Sprintf("running Go's inliner in %d configuration(s)", len(cfgs)))
	req := vetrun.Request{Dir: root, Tool: opts.Tool, Env: inlineOnlyEnv(opts.ToolEnv), Args: args, Configs: cfgs}
	if opts.Progress != nil {
		req.Progress = packagesDone("running Go's inliner", len(cfgs), progress)
	}
	res, err = vetrun.Run(context.Background(), req)
	var ce *vetrun.CommandError
	if errors.As(err, &ce) {
		return nil, []diag.Diagnostic{{Msg: "Go's inliner did not run (" + ce.Config + "): " + firstLine(ce.Stderr)}}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("running Go's inliner: %w", err)
	}
	return res, nil, nil
}

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

// inlinedFiles lists the files the inliner reports on, for the loader.
func inlinedFiles(res *vetrun.Result) []string {
	if res == nil {
		return nil
	}
	var out []string
	for _, f := range res.Findings {
		out = appendNew(out, f.File)
	}
	return out
}

func appendNew(list []string, s string) []string {
	if n := len(list); n > 0 && list[n-1] == s {
		return list
	}
	return append(list, s)
}

// inlineFixes turns the inliner's findings into sites and fixes for the
// migration: a fix for each use it inlines, a review site for each it
// declines, a warning for each bad directive.
func inlineFixes(ws *load.Workspace, res *vetrun.Result) (fixes []migrate.Fix, declined []engine.Site, warnings, problems []diag.Diagnostic) {
	if res == nil {
		return nil, nil, nil, nil
	}
	byAbs := map[string]*load.SourceFile{}
	for _, f := range ws.Files {
		byAbs[f.Abs] = f
	}
	for _, c := range res.Conflicts {
		problems = append(problems, diag.Diagnostic{Pos: token.Position{Filename: diag.RelTo(ws.Root, c.File)}, Msg: "not inlined: " + c.Reason})
	}
	for _, e := range res.PackageErrors {
		if len(ws.Problems) > 0 {
			break // loading reports the packages that do not type-check, positioned
		}
		warnings = append(warnings, diag.Diagnostic{Msg: fmt.Sprintf("Go's inliner could not analyse %s (%s): %s", e.Package, e.Config, e.Msg)})
	}
	for _, fd := range res.Findings {
		pos := token.Position{Filename: diag.RelTo(ws.Root, fd.File), Line: fd.Line, Column: fd.Col}
		if fd.Category == inliner.CategoryDirective {
			warnings = append(warnings, diag.Diagnostic{Pos: pos, Msg: fd.Message})
			continue
		}
		src := byAbs[fd.File]
		if src == nil {
			problems = append(problems, diag.Diagnostic{Pos: pos, Msg: "Go's inliner changes this file, but it was not loaded: " + fd.Message})
			continue
		}
		site, edits, fix := classifyInline(inlineSite(ws, src, fd), src.Generated, fd)
		if fix {
			fixes = append(fixes, migrate.Fix{File: src, Site: site, Edits: edits})
		} else {
			declined = append(declined, site)
		}
	}
	return fixes, declined, warnings, problems
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

// inlineSite is the site of a finding in a loaded file.
func inlineSite(ws *load.Workspace, src *load.SourceFile, fd vetrun.Finding) engine.Site {
	return inlineSiteIn(ws.Fset, src.Syntax, src.Rel, src.Pkg.PkgPath, src.Generated, fd)
}

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
