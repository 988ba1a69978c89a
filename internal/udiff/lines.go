package udiff

import "github.com/canonize/canonize/internal/linediff"

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

// lineDiff returns the edits turning old into new, deletions before additions within each run
// of changes (the order diff -u prints them in).
func lineDiff(old, new []byte) []edit {
	a, b := linediff.Split(string(old)), linediff.Split(string(new))
	var edits []edit
	i, j := 0, 0
	for _, s := range linediff.Diff(a, b) {
		switch s.Op {
		case linediff.Equal:
			edits = appendLines(edits, kept, a[i:i+s.N])
			i, j = i+s.N, j+s.N
		case linediff.Delete:
			edits = appendLines(edits, deleted, a[i:i+s.N])
			i += s.N
		case linediff.Insert:
			edits = appendLines(edits, added, b[j:j+s.N])
			j += s.N
		}
	}
	deletionsFirst(edits)
	return edits
}

func appendLines(edits []edit, k kind, lines []string) []edit {
	for _, l := range lines {
		edits = append(edits, edit{k, l})
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
