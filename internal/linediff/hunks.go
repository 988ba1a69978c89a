package linediff

// Hunk replaces Old[Start:End] — whole lines, Start == End for a pure
// insertion — by Text, in the bytes a Hunks call was given.
type Hunk struct {
	Start, End int
	Text       []byte
}

// Hunks lists the runs of changed lines turning old into new, as byte
// spans of old: applied together, in any order, they give new.
func Hunks(old, new []byte) []Hunk {
	a, b := Split(string(old)), Split(string(new))
	var out []Hunk
	var cur *Hunk
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	off, i, j := 0, 0, 0
	for _, s := range Diff(a, b) {
		if s.Op != Equal && cur == nil {
			cur = &Hunk{Start: off, End: off}
		}
		switch s.Op {
		case Equal:
			flush()
			for k := range s.N {
				off += len(a[i+k])
			}
			i, j = i+s.N, j+s.N
		case Delete:
			for k := range s.N {
				off += len(a[i+k])
			}
			cur.End = off
			i += s.N
		case Insert:
			for k := range s.N {
				cur.Text = append(cur.Text, b[j+k]...)
			}
			j += s.N
		}
	}
	flush()
	return out
}
