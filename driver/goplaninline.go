package driver

import (
	"cmp"
	"maps"
	"path/filepath"
	"slices"

	"github.com/canonize/canonize/migrate"
)

// inlineRenders gives, by file (absolute), the inliner's fixes the
// second pass renders with the file's rewrites (Deletions.Inline), each
// a list of edits, in the order of their sites: for the files whose
// fixes do not combine as bytes (unrendered, slash paths from the root:
// a rule's and the inliner's edits both change the imports or one line,
// or the inliner changes a file that is not gofmt-clean) and for every
// file a deletion renders that the inliner also changes. why names an
// unrendered file the inliner does not change: canonize's own fixes
// there do not combine, which no pass renders.
func (m *checkMerge) inlineRenders(unrendered []string, d deletions) (map[string][][]migrate.TextEdit, string) {
	byFile := map[string][]siteKey{}
	for k, edits := range m.inlined {
		if len(edits) > 0 {
			byFile[edits[0].File] = append(byFile[edits[0].File], k)
		}
	}
	want := map[string]bool{}
	for _, rel := range unrendered {
		abs := filepath.Join(m.root, filepath.FromSlash(rel))
		if byFile[abs] == nil {
			return nil, rel + ": its fixes do not combine by themselves; only the whole-program migration renders it"
		}
		want[abs] = true
	}
	for abs := range maps.Keys(d.exportsIn) {
		want[abs] = want[abs] || byFile[abs] != nil
	}
	for abs := range maps.Keys(d.cleanupIn) {
		want[abs] = want[abs] || byFile[abs] != nil && len(d.flag.Cleanup) > 0
	}
	out := map[string][][]migrate.TextEdit{}
	for abs, ok := range want {
		if !ok {
			continue
		}
		keys := byFile[abs]
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
	return out, ""
}
