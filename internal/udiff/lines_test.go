package udiff

import (
	"slices"
	"strings"
	"testing"
)

func TestReplaceMiddle(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"", "", ""},
		{"x\n", "", "-x\n"},
		{"", "x", "+x"},
		{"a\nb\nc\n", "a\nB\nc\n", " a\n-b\n+B\n c\n"},
		{"a\nb\n", "a\nb", " a\n-b\n+b"},
		{"a\na\n", "a\n", " a\n-a\n"}, // the prefix and the suffix must not overlap
		{"a\nb\nc\nd\n", "a\nd\n", " a\n-b\n-c\n d\n"},
	} {
		var got strings.Builder
		for _, e := range replaceMiddle(splitLines(c.a), splitLines(c.b)) {
			got.WriteString(string(e.kind) + e.line)
		}
		if got.String() != c.want {
			t.Errorf("replaceMiddle(%q, %q) = %q, want %q", c.a, c.b, got.String(), c.want)
		}
	}
}

func TestDeletionsFirst(t *testing.T) {
	edits := []edit{{added, "1"}, {deleted, "2"}, {added, "3"}, {kept, "4"}, {added, "5"}, {deleted, "6"}}
	deletionsFirst(edits)
	want := []edit{{deleted, "2"}, {added, "1"}, {added, "3"}, {kept, "4"}, {deleted, "6"}, {added, "5"}}
	if !slices.Equal(edits, want) {
		t.Errorf("deletionsFirst = %v, want %v", edits, want)
	}
}
