package driver

import (
	"testing"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/migrate"
)

// TestSpeculated: the rendering go vet's first run gives ahead of the
// decision stands for a file only where the decision deletes there
// exactly what it assumed; otherwise the file is rendered again.
func TestSpeculated(t *testing.T) {
	const f = "/m/ws/ws.go"
	m := &checkMerge{renders: map[string]analyzer.RenderRecord{
		f: {Path: f, New: "exports", Final: "cleanup", Exports: []string{"b", "a"}, Cleanup: []string{"x"}},
	}}
	decide := func(exports, cleanup []string, blocked bool) deletions {
		d := deletions{exportKeys: map[string][]string{f: exports}, cleanupKeys: map[string][]string{f: cleanup}}
		d.flag.Exports, d.flag.Cleanup, d.cleanup.Blocked = exports, cleanup, blocked
		if blocked {
			d.flag.Cleanup = nil
		}
		return d
	}
	for _, tc := range []struct {
		name  string
		d     deletions
		ok    bool
		final string
	}{
		{"same deletions, in another order", decide([]string{"a", "b"}, []string{"x"}, false), true, "cleanup"},
		{"cleanup blocked: no content after cleanup", decide([]string{"a", "b"}, []string{"x"}, true), true, ""},
		{"a re-export kept", decide([]string{"a"}, []string{"x"}, false), false, ""},
		{"a declaration more", decide([]string{"a", "b"}, []string{"x", "y"}, false), false, ""},
	} {
		r, ok := m.speculated(f, tc.d)
		if ok != tc.ok || ok && (r.New != "exports" || r.Final != tc.final) {
			t.Errorf("%s: speculated gives %v (new %q, final %q), want %v (final %q)", tc.name, ok, r.New, r.Final, tc.ok, tc.final)
		}
	}
	d := decide([]string{"a", "b"}, []string{"x"}, false)
	d.flag.Inline = map[string][][]migrate.TextEdit{f: {{{Start: 1, End: 2, New: "z"}}}}
	if _, ok := m.speculated(f, d); ok {
		t.Error("a file with the inliner's fixes to render took the rendering made without them")
	}
	m.renders[f] = analyzer.RenderRecord{Path: f, Error: "does not type-check", Exports: []string{"a", "b"}, Cleanup: []string{"x"}}
	if _, ok := m.speculated(f, decide([]string{"a", "b"}, []string{"x"}, false)); ok {
		t.Error("a rendering with an error was taken: the second run must decide")
	}
}
