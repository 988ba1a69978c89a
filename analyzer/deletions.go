package analyzer

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/rewrite"
)

// CategoryRender marks a diagnostic whose message is a RenderRecord:
// under -canonize.delete, one per file holding a declaration to delete.
const CategoryRender = "canonize-render"

// Deletions is the -canonize.delete flag: the declarations the exports
// and cleanup phases delete, by key, as canonize's commands decide them
// from every package's sites (one pass cannot see every caller).
//
// Inline carries, by file (absolute), the fixes Go's inliner reported
// in it, each a list of byte edits, in the order reported: the file is
// rendered with its rewrites and those fixes together, with types (the
// two sets of edits do not combine as bytes where both change the
// imports or one line). A file listed with no fixes is rendered from its
// rewrites alone: the driver could not combine their edits as bytes.
type Deletions struct {
	Exports []string                        `json:"exports"` // re-exports the exports phase deletes
	Cleanup []string                        `json:"cleanup"` // deprecated declarations the cleanup phase deletes
	Inline  map[string][][]migrate.TextEdit `json:"inline,omitempty"`
	// API names files (absolute) whose rewrite changes their package's
	// exported API (an APIRecord reported them) and that canonize's
	// commands accept, having checked every importer with it: the pass
	// offers their rewrite instead of withholding it.
	API []string `json:"api,omitempty"`
}

func (d *Deletions) String() string {
	if d == nil || len(d.Exports)+len(d.Cleanup)+len(d.Inline)+len(d.API) == 0 {
		return ""
	}
	data, _ := json.Marshal(d) // strings: cannot fail
	return string(data)
}

func (d *Deletions) Set(s string) error {
	if err := json.Unmarshal([]byte(s), d); err != nil {
		return fmt.Errorf("-delete wants a JSON object with the lists of keys exports and cleanup (and the inliner's fixes by file, inline, and the files whose API change is accepted, api): %w", err)
	}
	return nil
}

// RenderRecord is a file's content with the declarations deleted:
// New after the exports phase (and the file's rewrites), Final after
// cleanup too ("" when cleanup deletes nothing in it). Error, when set,
// says the package does not type-check so: the content is not offered.
// FinalError says the package checks through the exports phase but not
// after cleanup: New stands, Final is not offered, and the reason is
// the cleanup's block ("rewrite does not type-check (CONFIG): …" for an
// error in a file it changes, "rewrite breaks package P (CONFIG): …"
// otherwise). Withheld says Error is such a type check's reason too,
// rather than the file's failure to render.
//
// Exports and Cleanup are the keys of the declarations deleted in the
// file: a driver takes a record -canonize.sites reports speculatively
// (every re-export and deprecated declaration of the package deleted)
// where its decision for the file is the same, and runs the pass again
// with -canonize.delete where it is not.
type RenderRecord struct {
	Path       string   `json:"path"`
	New        string   `json:"new"`
	Final      string   `json:"final,omitempty"`
	Error      string   `json:"error,omitempty"`
	Withheld   bool     `json:"withheld,omitempty"` // Error is a type check's refusal, not a failure to render
	FinalError string   `json:"final_error,omitempty"`
	Exports    []string `json:"exports,omitempty"`
	Cleanup    []string `json:"cleanup,omitempty"`
}

// fileDeletions are the spans to delete in one file, and their keys.
type fileDeletions struct {
	exports, cleanup        [][2]token.Pos
	exportKeys, cleanupKeys []string
}

// reportDeletions renders, for each file of the package that holds a
// declaration d names or that d gives the inliner's fixes of, its
// content through the exports phase and through cleanup, checks the
// package with them, and reports each as a RenderRecord. scans are the
// files' results after salvage; withheld files are left as they are.
func reportDeletions(pass *analysis.Pass, imp *importer, d *Deletions, scans []engine.FileResult, rx engine.Reexports, rules *engine.Rules, withheld map[*ast.File]string, words reasons) {
	dels := deletionsIn(pass, d, rx, rules)
	if len(dels) == 0 {
		return
	}
	fixes := func(f *ast.File) [][]migrate.TextEdit { return d.Inline[pass.Fset.File(f.FileStart).Name()] }
	newer, final := map[*ast.File]rendered{}, map[*ast.File]rendered{}
	errs := map[*ast.File]string{}
	for _, fr := range scans {
		f := fr.File.Syntax
		if withheld[f] != "" {
			continue
		}
		tf := pass.Fset.File(f.FileStart)
		src, err := pass.ReadFile(tf.Name())
		if err != nil || len(src) != tf.Size() {
			continue
		}
		typed := rewrite.TypedFile{Syntax: f, Info: pass.TypesInfo, Pkg: pass.Pkg}
		fd := dels[f]
		n, err := renderFixes(pass, typed, src, fr.Edits, fd.exports, fixes(f))
		if err != nil {
			errs[f] = err.Error()
			continue
		}
		newer[f], final[f] = rendered{src, n}, rendered{src, n}
		if len(fd.cleanup) > 0 {
			fn, err := renderFixes(pass, typed, src, fr.Edits, append(slices.Clone(fd.exports), fd.cleanup...), fixes(f))
			if err != nil {
				errs[f] = err.Error()
				continue
			}
			final[f] = rendered{src, fn}
		}
	}
	checked := phaseErrors(pass, imp, newer, withheld, dels, errs, words)
	finalErrs := map[*ast.File]string{}
	phaseErrors(pass, imp, final, withheld, dels, finalErrs, words)
	for _, f := range slices.SortedFunc(maps.Keys(dels), func(a, b *ast.File) int { return int(a.FileStart - b.FileStart) }) {
		r := RenderRecord{Path: pass.Fset.File(f.FileStart).Name(), Error: errs[f], Withheld: checked[f], Exports: dels[f].exportKeys, Cleanup: dels[f].cleanupKeys}
		if nr, ok := newer[f]; ok && r.Error == "" {
			r.New = string(nr.new)
			if len(dels[f].cleanup) > 0 {
				r.Final = string(final[f].new)
			}
			if why := finalErrs[f]; why != "" {
				r.Final, r.FinalError = "", why
			}
		} else if r.Error == "" {
			r.Error = "not rendered (withheld, or not read as parsed)"
		}
		data, _ := json.Marshal(r)
		pass.Report(analysis.Diagnostic{Pos: f.Package, Category: CategoryRender, Message: string(data)})
	}
}

// phaseErrors type-checks the package with one phase's content in place
// and records in errs, for each file to render, why it does not check:
// the error in it, or the package's first error when none lies in a
// file the phase changes. checked holds the files it gave a reason.
func phaseErrors(pass *analysis.Pass, imp *importer, phase map[*ast.File]rendered, withheld map[*ast.File]string, dels map[*ast.File]fileDeletions, errs map[*ast.File]string, words reasons) (checked map[*ast.File]bool) {
	checked = map[*ast.File]bool{}
	e, at, _ := checkAPI(pass, imp, phase, withheld, false)
	if len(e) == 0 {
		return checked
	}
	for i, f := range at {
		if f != nil && errs[f] == "" {
			errs[f], checked[f] = words.typeCheck(e[i]), true
		}
	}
	if len(checked) > 0 {
		return checked
	}
	for f := range dels {
		if errs[f] == "" {
			errs[f], checked[f] = words.breaks(pass.Pkg.Path(), e[0]), true
		}
	}
	return checked
}

// renderFixes renders a file with its rewrites, deletions and the
// inliner's fixes; a fix not applied is an error: the file's content
// would not be what the sites say.
func renderFixes(pass *analysis.Pass, typed rewrite.TypedFile, src []byte, edits []engine.Edit, dels [][2]token.Pos, fixes [][]migrate.TextEdit) ([]byte, error) {
	out, refused, err := migrate.RenderFileFixes(pass.Fset, typed, src, edits, dels, fixes)
	if len(refused) > 0 {
		return nil, fmt.Errorf("inlining withheld: %s", refused[slices.Min(slices.Collect(maps.Keys(refused)))])
	}
	return out, err
}

// deletionsIn finds the declarations d names among the package's files,
// and gives each file d has the inliner's fixes of an entry, even with
// nothing to delete.
func deletionsIn(pass *analysis.Pass, d *Deletions, rx engine.Reexports, rules *engine.Rules) map[*ast.File]fileDeletions {
	out := map[*ast.File]fileDeletions{}
	for _, f := range pass.Files {
		if _, ok := d.Inline[pass.Fset.File(f.FileStart).Name()]; ok {
			out[f] = fileDeletions{}
		}
	}
	for _, k := range d.Exports {
		al := rx[k]
		if al == nil || al.File == nil || al.Decl == nil {
			continue // declared in another package
		}
		start, end := rewrite.DeclSpan(al.File.Syntax, al.Decl)
		fd := out[al.File.Syntax]
		fd.exports = append(fd.exports, [2]token.Pos{start, end})
		fd.exportKeys = append(fd.exportKeys, k)
		out[al.File.Syntax] = fd
	}
	cleanup := map[string]bool{}
	for _, k := range d.Cleanup {
		cleanup[k] = true
	}
	for _, f := range pass.Files {
		if len(cleanup) == 0 || strings.HasSuffix(pass.Fset.File(f.FileStart).Name(), "_test.go") || ast.IsGenerated(f) {
			continue
		}
		for _, decl := range f.Decls {
			for _, dd := range migrate.DeprecatedDecls(f, decl, pass.TypesInfo, rules) {
				if cleanup[dd.Key] {
					fd := out[f]
					fd.cleanup = append(fd.cleanup, [2]token.Pos{dd.Start, dd.End})
					fd.cleanupKeys = append(fd.cleanupKeys, dd.Key)
					out[f] = fd
				}
			}
		}
	}
	return out
}

// speculation is what -canonize.sites renders ahead of any decision:
// every re-export of a deprecated symbol the package declares in a
// non-generated file deleted by the exports phase, and every deprecated
// declaration by cleanup, as canonize's commands decide when every call
// through a re-export is rewritten and no deprecated site is left. Where
// they decide so for a file, they need no second go vet run for it.
// nil when the package declares neither.
func speculation(pass *analysis.Pass, rx engine.Reexports, rules *engine.Rules, decls []DeclRecord) *Deletions {
	var d Deletions
	for _, k := range slices.Sorted(maps.Keys(rx)) {
		al := rx[k]
		if al.File != nil && al.Decl != nil && !al.File.Generated && rules.Deprecated(al.Target) {
			d.Exports = append(d.Exports, k)
		}
	}
	for _, dr := range decls {
		d.Cleanup = append(d.Cleanup, dr.Key)
	}
	if len(d.Exports)+len(d.Cleanup) == 0 {
		return nil
	}
	return &d
}
