package journal

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/canonize/canonize/internal/linediff"
)

// Conflict is one region where ours and theirs both changed base differently.
type Conflict struct {
	BaseStart, BaseEnd int      // 1-based line range in base, end exclusive (BaseStart==BaseEnd for an insertion point)
	Base, Ours, Theirs []string // the lines of each side in that region (each line with its "\n" / "\r\n" if it had one)
}

// Merge3 merges the changes base→ours and base→theirs, line by line, the way
// diff3 -m / git merge-file do. It returns the merged bytes and no conflicts when
// the merge is clean; otherwise merged is nil and conflicts lists every conflicting region.
//
// A clean merge is never nil, even when it is empty. Lines are compared as
// bytes, terminator included: "x\r\n", "x\n" and a last line "x" without a
// newline are three different lines, and every line keeps its bytes.
//
// The outcome is git merge-file's (its default, "zealous" level): changes
// from both sides that overlap or merely touch — on adjacent lines, or an
// insertion right next to a change — conflict, unless both sides leave the
// same lines there. Each conflict is reported as the whole region, as
// git merge-file --diff3 shows it, not shrunk to the lines that differ.
// The line diffs come from go-diff, not git's xdiff. When a diff has several
// minimal alignments (repeated lines: "a b a" → "a" drops "a b" or "b a")
// the two may pick different ones, and the outcome can then differ from
// git's; on random files made of six distinct lines that happens to under 1%
// of merges, and the merge is right for the diffs it used.
func Merge3(base, ours, theirs []byte) (merged []byte, conflicts []Conflict) {
	// The trivial cases, as git merge-file takes them.
	switch {
	case bytes.Equal(base, ours):
		return append([]byte{}, theirs...), nil
	case bytes.Equal(base, theirs), bytes.Equal(ours, theirs):
		return append([]byte{}, ours...), nil
	}
	b, o, t := linediff.Split(string(base)), linediff.Split(string(ours)), linediff.Split(string(theirs))
	return diff3Merge(b, o, t, diff3Diff(b, o), diff3Diff(b, t))
}

// FormatConflicts renders conflicts for a terminal, like git's conflict markers
// (<<<<<<< current / ||||||| canonize wrote / ======= / >>>>>>> snapshot), with the base line numbers.
//
// Each conflict starts with a "path:line: " header naming the lines of base
// (what canonize wrote) it covers. A side whose last line has no newline gets
// one, so that every marker starts a line; the header says so.
func FormatConflicts(path string, cs []Conflict) string {
	var sb strings.Builder
	for i, c := range cs {
		fmt.Fprintf(&sb, "%s:%d: conflict %d of %d, %s\n", path, c.BaseStart, i+1, len(cs), mergeDescribe(c))
		sb.WriteString("<<<<<<< current\n")
		mergeWriteLines(&sb, c.Ours)
		sb.WriteString("||||||| canonize wrote\n")
		mergeWriteLines(&sb, c.Base)
		sb.WriteString("=======\n")
		mergeWriteLines(&sb, c.Theirs)
		sb.WriteString(">>>>>>> snapshot\n")
	}
	return sb.String()
}

// mergeDescribe says which lines of base a conflict covers.
func mergeDescribe(c Conflict) string {
	var s string
	switch n := c.BaseEnd - c.BaseStart; {
	case n == 0 && c.BaseStart == 1:
		s = "both sides insert at the top of the file"
	case n == 0:
		s = fmt.Sprintf("both sides insert after line %d", c.BaseStart-1)
	case n == 1:
		s = fmt.Sprintf("line %d", c.BaseStart)
	default:
		s = fmt.Sprintf("lines %d-%d", c.BaseStart, c.BaseEnd-1)
	}
	var missing []string
	for _, side := range []struct {
		name  string
		lines []string
	}{{"current", c.Ours}, {"canonize wrote", c.Base}, {"snapshot", c.Theirs}} {
		if n := len(side.lines); n > 0 && !strings.HasSuffix(side.lines[n-1], "\n") {
			missing = append(missing, side.name)
		}
	}
	if len(missing) > 0 {
		s += " (no newline at end of file in " + strings.Join(missing, ", ") + ")"
	}
	return s
}

// mergeWriteLines writes lines, ending the last one with a newline if it
// has none, so that the next marker starts a line.
func mergeWriteLines(sb *strings.Builder, lines []string) {
	for _, l := range lines {
		sb.WriteString(l)
	}
	if n := len(lines); n > 0 && !strings.HasSuffix(lines[n-1], "\n") {
		sb.WriteByte('\n')
	}
}

// diff3Hunk is one change of a two-way line diff: base[baseStart:baseEnd]
// became other[otherStart:otherEnd] (0-based, ends exclusive). Hunks are
// sorted and separated by at least one unchanged line.
type diff3Hunk struct {
	baseStart, baseEnd, otherStart, otherEnd int
}

// diff3Diff computes the line diff base→other (package linediff), then
// slides it into place the way git's xdiff does (diff3Compact), so that
// an ambiguous change (a line inserted into a run of equal lines) lands
// where git puts it. A diff too large for go-diff is correct but not
// minimal, with which the merge conflicts more often, never less.
func diff3Diff(base, other []string) []diff3Hunk {
	b, o := diff3NewFile(base), diff3NewFile(other)
	i, j := 0, 0
	for _, s := range linediff.Diff(base, other) {
		switch s.Op {
		case linediff.Equal:
			i, j = i+s.N, j+s.N
		case linediff.Delete:
			diff3MarkAll(b, i, s.N)
			i += s.N
		case linediff.Insert:
			diff3MarkAll(o, j, s.N)
			j += s.N
		}
	}
	diff3Compact(b, o)
	diff3Compact(o, b)
	return diff3Script(b, o)
}

// diff3MarkAll marks n lines of f from line i on as changed.
func diff3MarkAll(f *diff3File, i, n int) {
	for k := i; k < i+n; k++ {
		f.set(k, true)
	}
}

// diff3File is one side of a two-way diff: its lines and which of them are
// changed. chg[i+1] is line i; chg[0] and chg[len(lines)+1] are always false,
// so that a group can look one line past either end (as xdiff's rchg does).
type diff3File struct {
	lines []string
	chg   []bool
}

func diff3NewFile(lines []string) *diff3File {
	return &diff3File{lines: lines, chg: make([]bool, len(lines)+2)}
}

func (f *diff3File) changed(i int) bool { return f.chg[i+1] }
func (f *diff3File) set(i int, v bool)  { f.chg[i+1] = v }

// diff3Group is a maximal run [start, end) of changed lines, possibly empty.
// The unchanged lines of the two files pair up in order, so group k of one
// file faces group k of the other.
type diff3Group struct{ start, end int }

func (f *diff3File) firstGroup() diff3Group {
	var g diff3Group
	for f.changed(g.end) {
		g.end++
	}
	return g
}

func (f *diff3File) nextGroup(g *diff3Group) bool {
	if g.end == len(f.lines) {
		return false
	}
	g.start = g.end + 1
	g.end = g.start
	for f.changed(g.end) {
		g.end++
	}
	return true
}

func (f *diff3File) previousGroup(g *diff3Group) bool {
	if g.start == 0 {
		return false
	}
	g.end = g.start - 1
	g.start = g.end
	for f.changed(g.start - 1) {
		g.start--
	}
	return true
}

// slideDown moves a group one line down when the line after it equals its
// first line, merging it with the next group if they meet.
func (f *diff3File) slideDown(g *diff3Group) bool {
	if g.end >= len(f.lines) || f.lines[g.start] != f.lines[g.end] {
		return false
	}
	f.set(g.start, false)
	f.set(g.end, true)
	g.start++
	g.end++
	for f.changed(g.end) {
		g.end++
	}
	return true
}

// slideUp moves a group one line up when the line before it equals its last
// line, merging it with the previous group if they meet.
func (f *diff3File) slideUp(g *diff3Group) bool {
	if g.start == 0 || f.lines[g.start-1] != f.lines[g.end-1] {
		return false
	}
	g.start--
	g.end--
	f.set(g.start, true)
	f.set(g.end, false)
	for f.changed(g.start - 1) {
		g.start--
	}
	return true
}

// diff3Compact is xdiff's xdl_change_compact (git 2.39, without the indent
// heuristic, which git merge-file does not use): every group of changed lines
// in f slides as far down as it can, or back up to face the last changed
// group of o it can face. Myers diffs leave the position of such a group
// open; git's merge outcome depends on it, so we place it as git does.
func diff3Compact(f, o *diff3File) {
	g, og := f.firstGroup(), o.firstGroup()
	for {
		if g.end != g.start {
			var earliestEnd, endMatchingOther, size int
			for {
				size = g.end - g.start
				endMatchingOther = -1
				for f.slideUp(&g) {
					diff3Must(o.previousGroup(&og), "sliding up")
				}
				earliestEnd = g.end
				if og.end > og.start {
					endMatchingOther = g.end
				}
				for f.slideDown(&g) {
					diff3Must(o.nextGroup(&og), "sliding down")
					if og.end > og.start {
						endMatchingOther = g.end
					}
				}
				if size == g.end-g.start {
					break
				}
			}
			if g.end != earliestEnd && endMatchingOther != -1 {
				for og.end == og.start {
					diff3Must(f.slideUp(&g), "match disappeared")
					diff3Must(o.previousGroup(&og), "sliding to match")
				}
			}
		}
		if !f.nextGroup(&g) {
			return
		}
		diff3Must(o.nextGroup(&og), "moving to next group")
	}
}

// diff3Must panics on a broken invariant of the group walk: the unchanged
// lines of both files no longer pair up. That is a bug here, not bad input.
func diff3Must(ok bool, what string) {
	if !ok {
		panic("journal: diff3 group sync broken " + what)
	}
}

// diff3Script turns the marked lines into hunks (xdiff's xdl_build_script).
func diff3Script(b, o *diff3File) []diff3Hunk {
	var hs []diff3Hunk
	i, j := 0, 0
	for i < len(b.lines) || j < len(o.lines) {
		if i < len(b.lines) && j < len(o.lines) && !b.changed(i) && !o.changed(j) {
			i++
			j++
			continue
		}
		h := diff3Hunk{baseStart: i, otherStart: j}
		for i < len(b.lines) && b.changed(i) {
			i++
		}
		for j < len(o.lines) && o.changed(j) {
			j++
		}
		h.baseEnd, h.otherEnd = i, j
		diff3Must(h.baseEnd > h.baseStart || h.otherEnd > h.otherStart, "building hunks")
		hs = append(hs, h)
	}
	return hs
}

// diff3Merge walks the hunks of both sides over base (xdiff's xdl_do_merge).
// Hunks of the two sides that overlap or touch — one ends where the other
// starts, insertions included — form one region, transitively. A region
// changed by one side only takes that side's lines; one changed by both is
// clean if both sides have the same lines there (git's zealous level:
// xdl_refine_conflicts finds nothing to mark), and a conflict otherwise.
func diff3Merge(base, ours, theirs []string, oh, th []diff3Hunk) ([]byte, []Conflict) {
	var out []string
	var cs []Conflict
	pos := 0           // base lines before pos are in out
	oOff, tOff := 0, 0 // an unchanged base line i is ours[i+oOff], theirs[i+tOff]
	i, j := 0, 0
	for i < len(oh) || j < len(th) {
		start := len(base) + 1
		if i < len(oh) {
			start = oh[i].baseStart
		}
		if j < len(th) {
			start = min(start, th[j].baseStart)
		}
		end := start
		i0, j0 := i, j
		for {
			if i < len(oh) && oh[i].baseStart <= end {
				end = max(end, oh[i].baseEnd)
				i++
			} else if j < len(th) && th[j].baseStart <= end {
				end = max(end, th[j].baseEnd)
				j++
			} else {
				break
			}
		}
		oStart, tStart := start+oOff, start+tOff
		if i > i0 {
			oOff = oh[i-1].otherEnd - oh[i-1].baseEnd
		}
		if j > j0 {
			tOff = th[j-1].otherEnd - th[j-1].baseEnd
		}
		o, t := ours[oStart:end+oOff], theirs[tStart:end+tOff]

		out = append(out, base[pos:start]...)
		pos = end
		switch {
		case j == j0:
			out = append(out, o...)
		case i == i0:
			out = append(out, t...)
		case slices.Equal(o, t):
			out = append(out, o...)
		default:
			cs = append(cs, Conflict{
				BaseStart: start + 1, BaseEnd: end + 1,
				Base: mergeClip(base[start:end]), Ours: mergeClip(o), Theirs: mergeClip(t),
			})
		}
	}
	if len(cs) > 0 {
		return nil, cs
	}
	out = append(out, base[pos:]...)
	n := 0
	for _, l := range out {
		n += len(l)
	}
	merged := make([]byte, 0, n)
	for _, l := range out {
		merged = append(merged, l...)
	}
	return merged, nil
}

// mergeClip returns lines for a Conflict: nil when empty, and without spare
// capacity, so that appending to one side cannot overwrite a neighbour.
func mergeClip(lines []string) []string {
	if len(lines) == 0 {
		return nil
	}
	return lines[:len(lines):len(lines)]
}
