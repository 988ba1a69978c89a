package udiff

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FileStat counts the lines a diff adds and deletes in one file.
type FileStat struct {
	Path           string
	Added, Deleted int
}

// Stats counts added/deleted lines of old->new (same line diff as Unified).
func Stats(path string, old, new []byte) FileStat {
	s := FileStat{Path: path}
	for _, e := range lineDiff(old, new) {
		switch e.kind {
		case added:
			s.Added++
		case deleted:
			s.Deleted++
		case kept:
		}
	}
	return s
}

// statWidth is the line width git uses for --stat when stdout is not a terminal.
const statWidth = 80

// RenderStat renders stats like `git diff --stat` (" path | 4 ++--" lines plus the
// " N files changed, X insertions(+), Y deletions(-)" summary line), deterministic.
//
// Files are sorted by path, as git lists them, and every given file is listed, even one with
// no changed lines (git lists a created empty file that way): pass only the changed files.
// The layout is git's for an 80-column width, including its scaling of the +/- graph and its
// "..." shortening of long names. No stats render as "".
func RenderStat(stats []FileStat) string {
	if len(stats) == 0 {
		return ""
	}
	files := make([]FileStat, len(stats))
	for i, f := range stats {
		files[i] = FileStat{f.Path, clampCount(f.Added), clampCount(f.Deleted)}
	}
	slices.SortStableFunc(files, func(x, y FileStat) int { return cmp.Compare(x.Path, y.Path) })
	l := newStatLayout(files)
	var b strings.Builder
	ins, del := 0, 0
	for _, f := range files {
		l.writeLine(&b, quote(f.Path), f.Added, f.Deleted)
		ins, del = ins+f.Added, del+f.Deleted
	}
	b.WriteString(summary(len(files), ins, del))
	return b.String()
}

// maxCount bounds the counts RenderStat trusts, so that no arithmetic on them can overflow.
const maxCount = 1 << 40

// clampCount keeps a caller's count within what the layout arithmetic handles.
func clampCount(n int) int { return min(max(n, 0), maxCount) }

// statLayout holds the column widths of a --stat table, computed as git's show_stats does.
type statLayout struct {
	name, number, graph int
	maxChange           int
}

func newStatLayout(files []FileStat) statLayout {
	var l statLayout
	for _, f := range files {
		l.name = max(l.name, len(quote(f.Path))) // quoted names are ASCII: bytes are columns
		l.maxChange = max(l.maxChange, f.Added+f.Deleted)
	}
	l.number = len(strconv.Itoa(l.maxChange))
	l.graph = l.maxChange
	width := max(statWidth, 16+6+l.number)
	if l.name+l.number+6+l.graph <= width {
		return l
	}
	// Too wide: the graph gets at most 3/8 of the line (but 6 columns at least), the name
	// what is left, and a short name gives its slack back to the graph.
	if l.graph > width*3/8-l.number-6 {
		l.graph = max(width*3/8-l.number-6, 6)
	}
	if l.name > width-l.number-6-l.graph {
		l.name = width - l.number - 6 - l.graph
	} else {
		l.graph = width - l.number - 6 - l.name
	}
	return l
}

func (l statLayout) writeLine(b *strings.Builder, name string, add, del int) {
	prefix, room := "", l.name
	if len(name) > room {
		// git keeps the end of a long name and cuts it back to a directory boundary.
		prefix, room = "...", max(room-3, 0)
		name = name[len(name)-room:]
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[i:]
		}
	}
	pad := strings.Repeat(" ", max(room-len(name), 0))
	total := add + del
	sep := ""
	if total > 0 {
		sep = " "
	}
	fmt.Fprintf(b, " %s%s%s | %*d%s", prefix, name, pad, l.number, total, sep)
	add, del = l.scale(add, del)
	b.WriteString(strings.Repeat("+", add))
	b.WriteString(strings.Repeat("-", del))
	b.WriteByte('\n')
}

// scale shrinks the +/- counts to the graph width, rounding so that any change shows at least
// one mark and a file with both additions and deletions shows both.
func (l statLayout) scale(add, del int) (int, int) {
	if l.graph > l.maxChange {
		return add, del
	}
	total := scaleLinear(add+del, l.graph, l.maxChange)
	if total < 2 && add > 0 && del > 0 {
		total = 2
	}
	if add < del {
		add = scaleLinear(add, l.graph, l.maxChange)
		return add, total - add
	}
	del = scaleLinear(del, l.graph, l.maxChange)
	return total - del, del
}

// scaleLinear is git's: scale as if one column narrower, then add one, so that a non-zero
// count never rounds to nothing.
func scaleLinear(n, width, maxChange int) int {
	if n <= 0 || maxChange <= 0 {
		return 0
	}
	return 1 + n*(width-1)/maxChange
}

func summary(files, ins, del int) string {
	s := fmt.Sprintf(" %d %s changed", files, plural(files, "file", "files"))
	// git omits a zero count unless both are zero.
	if ins > 0 || del == 0 {
		s += fmt.Sprintf(", %d %s", ins, plural(ins, "insertion(+)", "insertions(+)"))
	}
	if del > 0 || ins == 0 {
		s += fmt.Sprintf(", %d %s", del, plural(del, "deletion(-)", "deletions(-)"))
	}
	return s + "\n"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
