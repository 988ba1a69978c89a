package driver

import (
	"maps"
	"path/filepath"

	"github.com/canonize/canonize/migrate"
)

// inlineRenders gives, by file (absolute), the inliner's fixes the
// second pass renders with the file's rewrites (Deletions.Inline), each
// a list of edits, in the order of their sites: for the files whose
// fixes do not combine as bytes (unrendered, slash paths from the root:
// a rule's and the inliner's edits both change the imports or one line,
// or the inliner changes a file that is not gofmt-clean) and for every
// file a deletion renders that the inliner also changes. An unrendered
// file the inliner does not change (canonize's own edits of it overlap:
// two configurations, or two sites' imports) is listed with no fixes:
// the pass renders it from its rewrites, with types.
func (m *checkMerge) inlineRenders(fixes map[string][][]migrate.TextEdit, unrendered []string, d deletions) map[string][][]migrate.TextEdit {
	want := map[string]bool{}
	for _, rel := range unrendered {
		want[filepath.Join(m.root, filepath.FromSlash(rel))] = true
	}
	for abs := range maps.Keys(d.exportsIn) {
		want[abs] = want[abs] || fixes[abs] != nil
	}
	for abs := range maps.Keys(d.cleanupIn) {
		want[abs] = want[abs] || fixes[abs] != nil && len(d.flag.Cleanup) > 0
	}
	out := map[string][][]migrate.TextEdit{}
	for abs, ok := range want {
		if ok {
			out[abs] = fixes[abs]
		}
	}
	return out
}
