// Package linediff is the one line diff of canonize: go-diff's Myers diff
// in line mode, deterministic (no timeout), with a bounded fallback for
// inputs too large for it. Package udiff prints its result as unified
// diffs; package journal's three-way merge aligns on it. It owns the
// splitting into lines and the diff, not what either caller makes of it.
package linediff

import (
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what a Span does.
type Op int8

// Ops of a line diff.
const (
	Equal  Op = iota // lines of a kept in b
	Delete           // lines of a not in b
	Insert           // lines of b not in a
)

// Span is a run of N lines with the same Op. Equal and Delete spans
// consume lines of a, Equal and Insert spans lines of b, in order.
type Span struct {
	Op Op
	N  int
}

// MaxLines bounds the distinct lines given to go-diff, which encodes
// each distinct line as one rune and panics past about 1.11M of them
// (v1.4.0, intToRune); 1<<20 stays clear of that.
const MaxLines = 1 << 20

// Split splits s after every "\n"; a last line without one is a line
// too, so "x" and "x\n" are different lines (as in git). It splits
// exactly as go-diff's line mode does, so line i is rune i there.
func Split(s string) []string {
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for s != "" {
		n := strings.IndexByte(s, '\n') + 1
		if n == 0 {
			n = len(s)
		}
		lines = append(lines, s[:n])
		s = s[n:]
	}
	return lines
}

// Diff returns the spans turning a into b. The common first and last
// lines are kept first (as go-diff and git's xdiff both do, so that a
// large file with a small change stays cheap); what is left is diffed by
// go-diff or, when it has more than MaxLines distinct lines, replaced
// whole: correct, not minimal. With no timeout the result depends only
// on the input, never on the machine's speed.
func Diff(a, b []string) []Span { return diff(a, b, MaxLines) }

// diff is Diff with the bound on distinct lines as a parameter.
func diff(a, b []string, maxLines int) []Span {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	var out []Span
	out = appendSpan(out, Equal, p)
	if len(ma)+len(mb) <= maxLines || distinct(ma, mb, maxLines) <= maxLines {
		out = myers(out, ma, mb)
	} else {
		out = appendSpan(out, Delete, len(ma))
		out = appendSpan(out, Insert, len(mb))
	}
	return appendSpan(out, Equal, s)
}

func myers(out []Span, a, b []string) []Span {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	r1, r2, _ := dmp.DiffLinesToRunes(strings.Join(a, ""), strings.Join(b, ""))
	// One rune is one line, so rune counts are line counts.
	for _, d := range dmp.DiffMainRunes(r1, r2, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			out = appendSpan(out, Equal, n)
		case diffmatchpatch.DiffDelete:
			out = appendSpan(out, Delete, n)
		case diffmatchpatch.DiffInsert:
			out = appendSpan(out, Insert, n)
		}
	}
	return out
}

// appendSpan adds n lines of op, merging with a last span of the same op.
func appendSpan(out []Span, op Op, n int) []Span {
	if n == 0 {
		return out
	}
	if k := len(out) - 1; k >= 0 && out[k].Op == op {
		out[k].N += n
		return out
	}
	return append(out, Span{op, n})
}

// distinct counts the distinct lines of a and b, stopping past max.
func distinct(a, b []string, max int) int {
	seen := make(map[string]struct{})
	for _, list := range [][]string{a, b} {
		for _, l := range list {
			seen[l] = struct{}{}
			if len(seen) > max {
				return len(seen)
			}
		}
	}
	return len(seen)
}
