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
	hunks := lineHunks(src, formatted)
	realign := realigned(src, hunks, lines)
	var out bytes.Buffer
	pos := 0
	for i, h := range hunks {
		if h.End == h.Start || !covered(lines, h.Start, h.End) && !realign[i] {
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

// realigned marks the hunks that only change the spaces of untouched
// lines next to touched ones (or to other such lines): gofmt realigning
// a block (keys of a composite literal, trailing comments) because a
// touched line's key got longer or shorter. Without them the touched
// line would be the only one in line, and the file not gofmt-clean.
func realigned(src []byte, hunks []linediff.Hunk, lines [][2]int) map[int]bool {
	spaces := map[int]int{} // start -> index, of one-line hunks changing spaces only
	ends := map[int]int{}   // end -> index, of the same
	for i, h := range hunks {
		if h.End > h.Start && bytes.Count(src[h.Start:h.End], []byte("\n")) <= 1 && alignedOnly(src[h.Start:h.End], h.Text) {
			spaces[h.Start], ends[h.End] = i, i
		}
	}
	out := map[int]bool{}
	for _, l := range lines {
		for at, ok := ends[l[0]]; ok && !out[at]; at, ok = ends[hunks[at].Start] {
			out[at] = true // upwards
		}
		for at, ok := spaces[l[1]]; ok && !out[at]; at, ok = spaces[hunks[at].End] {
			out[at] = true // downwards
		}
	}
	return out
}

// alignedOnly reports whether new is old with only the padding gofmt
// aligns changed: runs of blanks after a key's colon, before an '=' or
// before a trailing comment, never blanks added where there were none
// or removed between operands.
func alignedOnly(old, new []byte) bool {
	i, j := 0, 0
	for i < len(old) && j < len(new) {
		if old[i] != ' ' && old[i] != '\t' && new[j] != ' ' && new[j] != '\t' {
			if old[i] != new[j] {
				return false
			}
			i, j = i+1, j+1
			continue
		}
		a, b := blanks(old[i:]), blanks(new[j:])
		if a == 0 || b == 0 {
			return false
		}
		if !bytes.Equal(old[i:i+a], new[j:j+b]) {
			before := byte(0)
			if i > 0 {
				before = old[i-1]
			}
			rest := old[i+a:]
			if i == 0 || before != ':' && !bytes.HasPrefix(rest, []byte("//")) && !bytes.HasPrefix(rest, []byte("=")) {
				return false
			}
		}
		i, j = i+a, j+b
	}
	return i == len(old) && j == len(new)
}

func blanks(b []byte) int {
	n := 0
	for n < len(b) && (b[n] == ' ' || b[n] == '\t') {
		n++
	}
	return n
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
