package rewrite

import (
	"bytes"
	"go/format"
	"sort"

	"github.com/canonize/canonize/internal/linediff"
)

// formatTouched gives the lines an edit wrote gofmt's layout (a
// template's "$x * 2" inside "… + 1" is "n*2 + 1", an inliner's text
// lines up with its block) and nothing else: it formats the whole file
// and keeps only the changed runs of lines that lie wholly on lines an
// edit wrote, so every other line keeps its bytes even in a file that
// is not gofmt-clean. A file that does not parse, or one with CRLF line
// endings or a byte-order mark (which gofmt rewrites everywhere), is
// returned as it is.
func formatTouched(src []byte, touched [][2]int) []byte {
	if len(touched) == 0 || bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) || bytes.Contains(src, []byte("\r\n")) {
		return src
	}
	formatted, err := format.Source(src)
	if err != nil || bytes.Equal(formatted, src) {
		return src
	}
	lines := wholeLines(src, touched)
	var out bytes.Buffer
	pos := 0
	for _, h := range lineHunks(src, formatted) {
		if h.End == h.Start || !covered(lines, h.Start, h.End) {
			continue
		}
		out.Write(src[pos:h.Start])
		out.Write(h.Text)
		pos = h.End
	}
	out.Write(src[pos:])
	return out.Bytes()
}

// lineHunks is linediff.Hunks with each run that replaces n lines by n
// lines split into n one-line hunks: gofmt's changes to a touched line
// and to the untouched line next to it are then taken or left apart.
func lineHunks(old, new []byte) []linediff.Hunk {
	var out []linediff.Hunk
	for _, h := range linediff.Hunks(old, new) {
		a, b := linediff.Split(string(old[h.Start:h.End])), linediff.Split(string(h.Text))
		if len(a) != len(b) || len(a) < 2 {
			out = append(out, h)
			continue
		}
		off := h.Start
		for i := range a {
			out = append(out, linediff.Hunk{Start: off, End: off + len(a[i]), Text: []byte(b[i])})
			off += len(a[i])
		}
	}
	return out
}

// wholeLines widens byte spans to the whole lines they touch and merges
// them, sorted.
func wholeLines(src []byte, spans [][2]int) [][2]int {
	var out [][2]int
	for _, s := range spans {
		start := bytes.LastIndexByte(src[:s[0]], '\n') + 1
		end := len(src)
		last := max(s[1]-1, s[0])
		if i := bytes.IndexByte(src[last:], '\n'); i >= 0 {
			end = last + i + 1
		}
		out = append(out, [2]int{start, end})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], s[1])
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// covered reports whether [start, end) lies within one of the spans.
func covered(spans [][2]int, start, end int) bool {
	for _, s := range spans {
		if s[0] <= start && end <= s[1] {
			return true
		}
	}
	return false
}
