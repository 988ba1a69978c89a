package linediff

import "testing"

// Hunks applied to old, last first, give new; each spans whole lines.
func TestHunks(t *testing.T) {
	for _, c := range []struct{ old, new string }{
		{"a\nb\nc\n", "a\nB\nc\n"},
		{"a\nb\nc\n", "x\na\nc\ny\n"},
		{"a\nb", "a\nb\n"},
		{"", "a\n"},
		{"a\n", ""},
		{"import \"old\"\n\nf(old.X())\ng()\nh(old.Y())\n", "import \"new\"\n\nf(new.X())\ng()\nh(new.Y())\n"},
	} {
		hs := Hunks([]byte(c.old), []byte(c.new))
		got := c.old
		for i := len(hs) - 1; i >= 0; i-- {
			h := hs[i]
			if h.Start > 0 && c.old[h.Start-1] != '\n' || h.End > h.Start && h.End < len(c.old) && c.old[h.End-1] != '\n' {
				t.Errorf("%q: hunk [%d,%d) is not whole lines", c.old, h.Start, h.End)
			}
			got = got[:h.Start] + string(h.Text) + got[h.End:]
		}
		if got != c.new {
			t.Errorf("%q -> %q: hunks %+v give %q", c.old, c.new, hs, got)
		}
	}
}
