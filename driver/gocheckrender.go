package driver

import (
	"bytes"
	"cmp"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/vetrun"
)

// changes gives each file with fixes its content now and with every fix
// applied, identical edits once (fixes are the inliner's, from
// inlineFixes after siteList, which drops covered ones): canonize's
// edits as bytes; the inliner's as a pass renders them with types
// (migrate.RenderFixes), where every import's name is known without
// types. A file whose edits
// overlap, that both canonize and the inliner change, whose imports'
// names are not known, or that cannot be read, is left out and listed
// in unrendered: the second go vet pass renders it with types (Plan),
// or check shows its sites without a fix.
func (m *checkMerge) changes(fixes map[string][][]migrate.TextEdit) (out []Change, unrendered []string) {
	files := slices.Concat(slices.Collect(maps.Keys(m.edits)), slices.Collect(maps.Keys(fixes)))
	slices.Sort(files)
	files = slices.DeleteFunc(slices.Compact(files), func(abs string) bool { return m.outside(m.rel(abs)) })
	type result struct {
		old, new []byte
		ok       bool
	}
	results := make([]result, len(files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0)) // rendering reprints files: spread it over the cores
	for i, abs := range files {
		g.Go(func() error {
			r := &results[i]
			old, err := os.ReadFile(abs)
			switch {
			case err != nil:
			case fixes[abs] == nil:
				r.new, r.ok = applyEdits(old, m.edits[abs])
			case len(m.edits[abs]) == 0:
				r.new, r.ok = renderInlined(old, fixes[abs])
			default: // both: rendered with types
			}
			r.old = old
			return nil
		})
	}
	g.Wait() // no goroutine fails: a file that does not render is unrendered
	for i, abs := range files {
		r := results[i]
		switch {
		case !r.ok:
			unrendered = append(unrendered, m.rel(abs))
		case !bytes.Equal(r.old, r.new):
			out = append(out, Change{Path: m.rel(abs), Abs: abs, Old: r.old, New: r.new})
		}
	}
	return out, unrendered
}

// inlineFixes gives, by file (absolute), the inliner's fixes there, each
// a list of edits, in the order of their sites.
func (m *checkMerge) inlineFixes() map[string][][]migrate.TextEdit {
	byFile := map[string][]siteKey{}
	for k, edits := range m.inlined {
		if len(edits) > 0 {
			byFile[edits[0].File] = append(byFile[edits[0].File], k)
		}
	}
	out := map[string][][]migrate.TextEdit{}
	for abs, keys := range byFile {
		slices.SortFunc(keys, func(a, b siteKey) int {
			return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), cmp.Compare(a.symbol, b.symbol))
		})
		for _, k := range keys {
			var fix []migrate.TextEdit
			for _, e := range m.inlined[k] {
				fix = append(fix, migrate.TextEdit{Start: e.Start, End: e.End, New: e.New})
			}
			out[abs] = append(out[abs], fix)
		}
	}
	return out
}

// renderInlined renders the inliner's fixes of a file as a pass does
// (migrate.RenderFixes), or reports false where that needs the
// package's types: an import of the file, before or after a fix, whose
// name is not known from its path and the file (see assumedNames), or a
// fix the migration would refuse.
func renderInlined(old []byte, fixes [][]migrate.TextEdit) ([]byte, bool) {
	k, ok := readKnown(old)
	if !ok {
		return nil, false
	}
	paths := importPaths(old)
	for _, fix := range fixes {
		after, err := migrate.Splice(old, fix)
		if err != nil {
			return nil, false
		}
		paths = append(paths, importPaths(after)...)
	}
	names := map[string]string{}
	for _, p := range paths {
		name, ok := k.name(p)
		if !ok && p != "C" {
			return nil, false
		}
		names[p] = name
	}
	out, refused, err := migrate.RenderFixes(old, fixes, names)
	return out, err == nil && len(refused) == 0
}

// importPaths lists the import paths of a Go file; none if it does not
// parse.
func importPaths(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	var out []string
	for _, spec := range f.Imports {
		if p, err := strconv.Unquote(spec.Path.Value); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// assumedNames gives the imports of changed that do not rename their
// package the name their path suggests, as goimports assumes it (the
// last element, before a major-version element "v2" and before a dot
// "yaml.v3"), where that name is known to be right: a standard-library
// path, or an import old had and used by that name (old compiled, so
// its selectors name its imports). Imports left out are kept.
func assumedNames(old, changed []byte) map[string]string {
	k, ok := readKnown(old)
	if !ok {
		return nil
	}
	names := map[string]string{}
	for _, p := range importPaths(changed) {
		if name, ok := k.name(p); ok {
			names[p] = name
		}
	}
	return names
}

// known is what assumedNames reads of the old file: the names its
// selectors use and the paths it imports.
type known struct{ used, had map[string]bool }

// readKnown parses old once; false if it does not parse.
func readKnown(old []byte) (known, bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", old, parser.SkipObjectResolution)
	if err != nil {
		return known{}, false
	}
	k := known{used: migrate.SelectorRoots(f), had: map[string]bool{}}
	for _, spec := range f.Imports {
		if path, err := strconv.Unquote(spec.Path.Value); err == nil {
			k.had[path] = true
		}
	}
	return k, true
}

// name is the package name the import path is known to give, if known.
func (k known) name(path string) (string, bool) {
	name := assumedName(path)
	std := !strings.Contains(strings.SplitN(path, "/", 2)[0], ".")
	if token.IsIdentifier(name) && (std || k.had[path] && k.used[name]) {
		return name, true
	}
	return "", false
}

func assumedName(path string) string {
	elems := strings.Split(path, "/")
	name := elems[len(elems)-1]
	if len(elems) > 1 && len(name) > 1 && name[0] == 'v' && strings.Trim(name[1:], "0123456789") == "" {
		name = elems[len(elems)-2]
	}
	name, _, _ = strings.Cut(name, ".")
	return name
}

// applyEdits applies edits to src, each distinct edit once; ok is false
// when two distinct edits overlap or one lies outside src.
func applyEdits(src []byte, edits []vetrun.Edit) ([]byte, bool) {
	sorted := slices.Clone(edits)
	slices.SortFunc(sorted, func(a, b vetrun.Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.New, b.New))
	})
	sorted = slices.Compact(sorted)
	var out bytes.Buffer
	at := 0
	for _, e := range sorted {
		if e.Start < at || e.End < e.Start || e.End > len(src) {
			return nil, false
		}
		out.Write(src[at:e.Start])
		out.WriteString(e.New)
		at = e.End
	}
	out.Write(src[at:])
	return out.Bytes(), true
}
