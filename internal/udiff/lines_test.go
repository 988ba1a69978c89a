package udiff

import (
	"slices"
	"testing"
)

func TestDeletionsFirst(t *testing.T) {
	edits := []edit{{added, "1"}, {deleted, "2"}, {added, "3"}, {kept, "4"}, {added, "5"}, {deleted, "6"}}
	deletionsFirst(edits)
	want := []edit{{deleted, "2"}, {added, "1"}, {added, "3"}, {kept, "4"}, {deleted, "6"}, {added, "5"}}
	if !slices.Equal(edits, want) {
		t.Errorf("deletionsFirst = %v, want %v", edits, want)
	}
}
