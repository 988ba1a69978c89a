package migrate

import (
	"github.com/canonize/canonize/internal/linediff"
)

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
