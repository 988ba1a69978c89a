package linediff

import (
	"strings"
	"testing"
)

// render prints spans as diff lines: " " kept, "-" deleted, "+" added.
func render(a, b []string, spans []Span) string {
	var out strings.Builder
	i, j := 0, 0
	for _, s := range spans {
		for k := 0; k < s.N; k++ {
			switch s.Op {
			case Equal:
				out.WriteString(" " + a[i])
				i, j = i+1, j+1
			case Delete:
				out.WriteString("-" + a[i])
				i++
			case Insert:
				out.WriteString("+" + b[j])
				j++
			}
		}
	}
	return out.String()
}

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		a, b string
		max  int // 0: MaxLines
		want string
	}{
		{"", "", 0, ""},
		{"x\n", "", 0, "-x\n"},
		{"", "x", 0, "+x"},
		{"a\nb\nc\n", "a\nB\nc\n", 0, " a\n-b\n+B\n c\n"},
		{"a\nb\n", "a\nb", 0, " a\n-b\n+b"}, // "b" and "b\n" are different lines
		{"a\nx\nb\ny\nc\n", "a\nb\nc\nz\n", 0, " a\n-x\n b\n-y\n c\n+z\n"},
		// Over the bound the middle is replaced whole, prefix and suffix kept.
		{"a\nb\nc\nd\n", "a\nd\n", 1, " a\n-b\n-c\n d\n"},
		{"a\na\n", "a\n", 1, " a\n-a\n"}, // the prefix and the suffix must not overlap
		{"p\nx\ny\nq\n", "p\ny\nx\nq\n", 1, " p\n-x\n-y\n+y\n+x\n q\n"},
	} {
		a, b := Split(c.a), Split(c.b)
		max := c.max
		if max == 0 {
			max = MaxLines
		}
		if got := render(a, b, diff(a, b, max)); got != c.want {
			t.Errorf("diff(%q, %q, %d) = %q, want %q", c.a, c.b, max, got, c.want)
		}
	}
}

// Spans of one op are merged: no two neighbours share an op.
func TestSpansMerged(t *testing.T) {
	spans := Diff(Split("a\nb\nc\n"), Split("x\ny\nz\n"))
	for i := 1; i < len(spans); i++ {
		if spans[i].Op == spans[i-1].Op {
			t.Fatalf("neighbouring spans share an op: %v", spans)
		}
	}
}

func TestSplit(t *testing.T) {
	got := Split("a\n\nb")
	want := []string{"a\n", "\n", "b"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Split = %q, want %q", got, want)
	}
	if len(Split("")) != 0 {
		t.Error("Split of nothing is not empty")
	}
}
