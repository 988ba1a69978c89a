package udiff

import (
	"bytes"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// kind is the marker a line carries in a hunk body.
type kind byte

const (
	kept    kind = ' '
	deleted kind = '-'
	added   kind = '+'
)

// edit is one line of a line diff. line keeps its terminator; only the last line of a file
// can lack "\n", which is why "x" and "x\n" are different lines here and in git.
type edit struct {
	kind kind
	line string
}

// maxDiffLines bounds the lines given to go-diff, which encodes every distinct line as one
// rune and panics beyond 1,112,060 of them.
const maxDiffLines = 1 << 20

// lineDiff returns the edits turning old into new, deletions before additions within each run
// of changes (the order diff -u prints them in).
func lineDiff(old, new []byte) []edit {
	a, b := string(old), string(new)
	var edits []edit
	if bytes.Count(old, []byte("\n"))+bytes.Count(new, []byte("\n")) >= maxDiffLines {
		edits = replaceMiddle(splitLines(a), splitLines(b))
	} else {
		edits = goDiff(a, b)
	}
	deletionsFirst(edits)
	return edits
}

func goDiff(a, b string) []edit {
	dmp := diffmatchpatch.New()
	// With a timeout go-diff returns a coarser diff when the clock runs out, so the same
	// input could give different output on a slower machine.
	dmp.DiffTimeout = 0
	ca, cb, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)
	var edits []edit
	for _, d := range diffs {
		k := kept
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			k = deleted
		case diffmatchpatch.DiffInsert:
			k = added
		}
		for _, l := range splitLines(d.Text) {
			edits = append(edits, edit{k, l})
		}
	}
	return edits
}

// replaceMiddle is the fallback for inputs too large for go-diff: keep the common first and
// last lines and replace everything between them.
func replaceMiddle(a, b []string) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	edits := make([]edit, 0, len(a)+len(b)-pre-suf)
	for _, l := range a[:pre] {
		edits = append(edits, edit{kept, l})
	}
	for _, l := range a[pre : len(a)-suf] {
		edits = append(edits, edit{deleted, l})
	}
	for _, l := range b[pre : len(b)-suf] {
		edits = append(edits, edit{added, l})
	}
	for _, l := range a[len(a)-suf:] {
		edits = append(edits, edit{kept, l})
	}
	return edits
}

// deletionsFirst reorders each run of changes so that its deletions precede its additions.
// go-diff already does so after its merge cleanup; this makes it a property of this package.
func deletionsFirst(edits []edit) {
	for i := 0; i < len(edits); {
		if edits[i].kind == kept {
			i++
			continue
		}
		j := i
		for j < len(edits) && edits[j].kind != kept {
			j++
		}
		run := edits[i:j]
		var del, add []edit
		for _, e := range run {
			if e.kind == deleted {
				del = append(del, e)
			} else {
				add = append(add, e)
			}
		}
		copy(run, del)
		copy(run[len(del):], add)
		i = j
	}
}

// splitLines splits s after every "\n"; a last line without one is kept as it is.
func splitLines(s string) []string {
	var lines []string
	for s != "" {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		lines = append(lines, s[:i])
		s = s[i:]
	}
	return lines
}
