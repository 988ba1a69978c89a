package inliner

import (
	"fmt"
	"go/ast"
	"go/types"
	"strconv"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inline"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// The categories of the diagnostics Analyzer reports. CategoryCall is
// the x/tools Analyzer's own; the others are canonize's.
const (
	CategoryCall      = "inline_call"
	CategoryConst     = "inline_const"
	CategoryAlias     = "inline_alias"
	CategoryDirective = "inline_directive"
	CategoryDeclined  = "inline_declined"
)

// Analyzer reports what go fix -inline would do to a package, and every
// call it would decline, with the reason. It shares the x/tools
// Analyzer's fact types, so facts about //go:fix inline functions flow
// from a package to its importers under the go command.
var Analyzer = &analysis.Analyzer{
	Name:      "inline",
	Doc:       "inline calls and uses marked //go:fix inline, as go fix -inline does, and report each call it declines with the reason",
	URL:       "https://github.com/canonize/canonize/tree/main/inliner",
	Run:       run,
	Requires:  inline.Analyzer.Requires,
	FactTypes: inline.Analyzer.FactTypes,
}

// allowBindingDecl is Analyzer's -allow_binding_decl flag, passed on to
// the x/tools Analyzer's flag of the same name.
var allowBindingDecl bool

func init() {
	Analyzer.Flags.BoolVar(&allowBindingDecl, "allow_binding_decl", false,
		"accept inlinings that need a 'var params = args' declaration instead of reporting them as declined")
}

// flagsMu serializes runs of the x/tools Analyzer: its flags are package
// variables, read during Run, and an in-process driver runs many passes
// at once.
var flagsMu sync.Mutex

func run(pass *analysis.Pass) (any, error) {
	pass = withRecords(pass)
	// The lazy run finds every inlinable call without the cost of
	// inlining it, and reports the const, alias and directive findings,
	// which do not depend on the flags.
	lazy, err := runInline(pass, true, false)
	if err != nil {
		return nil, err
	}
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	var calls []analysis.Diagnostic
	for _, d := range lazy {
		if d.Category == CategoryCall {
			calls = append(calls, d)
			continue
		}
		if d.Category == "" {
			d.Category = categoryOf(pass, root, d)
		}
		pass.Report(d)
	}
	if len(calls) == 0 {
		return nil, nil
	}
	full, err := runInline(pass, false, allowBindingDecl)
	if err != nil {
		return nil, err
	}
	reportCalls(pass, root, calls, full)
	return nil, nil
}

// runInline runs the x/tools Analyzer on pass with the given flags and
// returns what it reported instead of reporting it.
func runInline(pass *analysis.Pass, lazy, allowBinding bool) ([]analysis.Diagnostic, error) {
	flagsMu.Lock()
	defer flagsMu.Unlock()
	restore, err := setFlags(map[string]bool{"lazy_edits": lazy, "allow_binding_decl": allowBinding})
	if err != nil {
		return nil, err
	}
	defer restore()
	var got []analysis.Diagnostic
	p := *pass
	p.Report = func(d analysis.Diagnostic) { got = append(got, d) }
	if _, err := inline.Analyzer.Run(&p); err != nil {
		return nil, fmt.Errorf("inline %s: %w", pass.Pkg.Path(), err)
	}
	return got, nil
}

// setFlags sets the x/tools Analyzer's flags and returns a function that
// restores their previous values.
func setFlags(values map[string]bool) (restore func(), err error) {
	saved := map[string]string{}
	restore = func() {
		for name, v := range saved {
			_ = inline.Analyzer.Flags.Set(name, v) // a value it gave us; cannot fail
		}
	}
	for name, v := range values {
		f := inline.Analyzer.Flags.Lookup(name)
		if f == nil {
			restore()
			return nil, fmt.Errorf("the x/tools inline Analyzer has no flag %s", name)
		}
		saved[name] = f.Value.String()
		if err := f.Value.Set(strconv.FormatBool(v)); err != nil {
			restore()
			return nil, fmt.Errorf("set inline.%s: %w", name, err)
		}
	}
	return restore, nil
}

// categoryOf gives a category to a diagnostic the x/tools Analyzer
// reported without one: a fix for a use of a constant or an alias, named
// by the object used; anything else is a complaint about a directive.
func categoryOf(pass *analysis.Pass, root inspector.Cursor, d analysis.Diagnostic) string {
	if len(d.SuggestedFixes) == 0 {
		return CategoryDirective
	}
	cur, ok := root.FindByPos(d.Pos, d.End)
	if !ok {
		return CategoryDirective
	}
	for id := range cur.Preorder((*ast.Ident)(nil)) {
		switch pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(type) {
		case *types.Const:
			return CategoryConst
		case *types.TypeName:
			return CategoryAlias
		}
	}
	return CategoryDirective
}
