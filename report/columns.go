package report

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// columns converts Go's positions (1-based byte columns) into the
// columns SARIF and GitHub count by default: UTF-16 code units. The two
// agree on ASCII lines; a line with a non-ASCII character before the
// position differs. A file whose bytes are unknown keeps byte columns.
type columns struct {
	files  map[string]Source
	starts map[string][]int // line start offsets, computed once per file
}

func newColumns(files map[string]Source) *columns {
	return &columns{files: files, starts: map[string][]int{}}
}

// col is the UTF-16 column of byte column byteCol on line (1-based).
func (c *columns) col(path string, line, byteCol int) int {
	src, ok := c.files[path]
	if !ok || line < 1 {
		return byteCol
	}
	starts := c.lineStarts(path, src.Old)
	if line > len(starts) {
		return byteCol
	}
	start := starts[line-1]
	end := min(start+byteCol-1, len(src.Old))
	if end < start {
		return byteCol
	}
	return 1 + utf16Len(src.Old[start:end])
}

func (c *columns) lineStarts(path string, src []byte) []int {
	if s, ok := c.starts[path]; ok {
		return s
	}
	s := lineStarts(src)
	c.starts[path] = s
	return s
}

// lineStarts lists the offset of each line of src; the text after the
// last newline is a line too, even when empty.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

// textPos is the SARIF line and UTF-16 column of byte offset off in
// src, where starts are src's line starts.
func textPos(src []byte, starts []int, off int) (line, col int) {
	lo, hi := 0, len(starts)-1
	for lo < hi { // the last start <= off
		mid := (lo + hi + 1) / 2
		if starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, 1 + utf16Len(src[starts[lo]:off])
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += utf16.RuneLen(r)
		b = b[size:]
	}
	return n
}
