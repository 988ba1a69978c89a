package migrate

import (
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/internal/linediff"
)

// toOriginal moves the positions of errors found in rewritten files to
// the lines of those files as they are on disk, which is where a person
// reading the reason looks: an import block that grew by three lines
// must not send them three lines too far. A line the rewrite changed
// maps to the line it replaced (the last one, when it replaced fewer).
func (m *migration) toOriginal(errs []diag.Diagnostic, contents map[string][]byte, withheld map[string]string) {
	maps := map[string][]int{}
	for k, e := range errs {
		name := e.Pos.Filename
		src, ok := contents[name]
		w := m.work[name]
		if !ok || withheld[name] != "" || w == nil || w.old == nil {
			continue
		}
		lines, ok := maps[name]
		if !ok {
			lines = lineMap(w.old, src)
			maps[name] = lines
		}
		if l := e.Pos.Line; l >= 1 && l <= len(lines) && lines[l-1] != l {
			errs[k].Pos.Line, errs[k].Pos.Offset = lines[l-1], 0
		}
	}
}

// OriginalLines returns, for a file rewritten from old to new, the line
// of old each line of new comes from (index line-1): errors found in
// the rewritten file are reported where a person finds them on disk.
func OriginalLines(old, new []byte) []int { return lineMap(old, new) }

// lineMap gives, for each line of new (index line-1), the line of old it
// comes from.
func lineMap(old, new []byte) []int {
	var out []int
	i := 0 // lines of old consumed
	deleted := 0
	for _, s := range linediff.Diff(linediff.Split(string(old)), linediff.Split(string(new))) {
		switch s.Op {
		case linediff.Equal:
			for k := range s.N {
				out = append(out, i+k+1)
			}
			i, deleted = i+s.N, 0
		case linediff.Delete:
			i, deleted = i+s.N, s.N
		case linediff.Insert:
			for k := range s.N {
				// The k-th inserted line replaces the k-th deleted one.
				at := i - deleted + min(k, max(deleted-1, 0)) + 1
				out = append(out, max(at, 1))
			}
			deleted = 0
		}
	}
	return out
}
