package udiff_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/canonize/canonize/internal/udiff"
)

func TestStats(t *testing.T) {
	for _, c := range unifiedCases {
		path := "f.go"
		got := udiff.Stats(path, c.old, c.new)
		want := udiff.FileStat{Path: path}
		// The table's diffs are hand-checked, so their +/- lines are the expected counts.
		for _, l := range strings.SplitAfter(c.want, "\n") {
			switch {
			case strings.HasPrefix(l, "+++ "), strings.HasPrefix(l, "--- "):
			case strings.HasPrefix(l, "+"):
				want.Added++
			case strings.HasPrefix(l, "-"):
				want.Deleted++
			}
		}
		if got != want {
			t.Errorf("%s: Stats = %+v, want %+v", c.name, got, want)
		}
	}
}

func TestRenderStat(t *testing.T) {
	for _, c := range []struct {
		name  string
		stats []udiff.FileStat
		want  string
	}{
		{"none", nil, ""},
		{
			name:  "one file",
			stats: []udiff.FileStat{{"f.go", 2, 2}},
			want:  " f.go | 4 ++--\n 1 file changed, 2 insertions(+), 2 deletions(-)\n",
		},
		{
			name:  "sorted by path, singular counts, an unchanged file listed",
			stats: []udiff.FileStat{{"b.go", 1, 0}, {"a.go", 0, 1}, {"c", 0, 0}},
			want: " a.go | 1 -\n b.go | 1 +\n c    | 0\n" +
				" 3 files changed, 1 insertion(+), 1 deletion(-)\n",
		},
		{
			name:  "deletions only omit insertions",
			stats: []udiff.FileStat{{"f.go", 0, 3}},
			want:  " f.go | 3 ---\n 1 file changed, 3 deletions(-)\n",
		},
		{
			name:  "nothing changed shows both zero counts",
			stats: []udiff.FileStat{{"empty", 0, 0}},
			want:  " empty | 0\n 1 file changed, 0 insertions(+), 0 deletions(-)\n",
		},
		{
			// graph width 80-3-6-4 = 67; a.go: total 1+200*66/200 = 67, del 1+50*66/200 = 17.
			name:  "graph scaled to 80 columns",
			stats: []udiff.FileStat{{"a.go", 150, 50}, {"b.go", 1, 0}},
			want: " a.go | 200 " + strings.Repeat("+", 50) + strings.Repeat("-", 17) + "\n" +
				" b.go |   1 +\n 2 files changed, 151 insertions(+), 50 deletions(-)\n",
		},
		{
			// Counts clamp to 2^40; graph 80-13-6-4 = 57 columns: del 1+2^40*56/2^41 = 29, add 57-29.
			name:  "absurd counts are clamped, not overflowed",
			stats: []udiff.FileStat{{"f.go", math.MaxInt, math.MaxInt}},
			want: " f.go | 2199023255552 " + strings.Repeat("+", 28) + strings.Repeat("-", 29) + "\n" +
				" 1 file changed, 1099511627776 insertions(+), 1099511627776 deletions(-)\n",
		},
		{
			name:  "negative counts read as zero",
			stats: []udiff.FileStat{{"f.go", -5, 1}},
			want:  " f.go | 1 -\n 1 file changed, 1 deletion(-)\n",
		},
	} {
		if got := udiff.RenderStat(c.stats); got != c.want {
			t.Errorf("%s:\n got: %q\nwant: %q", c.name, got, c.want)
		}
	}
}

// TestRenderStatMatchesGit renders stats of changes whose line counts do not depend on the
// diff algorithm (old and new lines are all distinct) and compares with `git diff --stat`.
func TestRenderStatMatchesGit(t *testing.T) {
	git := lookGit(t)
	long := strings.Repeat("very_long_directory_name/", 4) + "and_a_long_file_name.go"
	for _, scenario := range [][]statCase{
		{{"a.go", 2, 1}, {"b/c.go", 0, 4}, {"new.go", 3, -1}, {"gone.go", -1, 2}, {"empty", 0, -1}},
		{{"big.go", 300, 120}, {"small.go", 1, 1}, {"sub dir/x y.go", 7, 0}, {"d\u00e9j\u00e0.go", 1, 0}},
		{{long, 40, 2}, {"short.go", 1, 0}, {"x/" + long, 0, 9}},
		{{long + long, 1, 1}, {"m.go", 1000, 1}},
	} {
		var cases []fileCase
		var stats []udiff.FileStat
		for _, sc := range scenario {
			c := sc.files()
			cases = append(cases, c)
			stats = append(stats, udiff.Stats(c.path, c.old, c.new))
		}
		repo := stagedRepo(t, git, cases)
		want := run(t, repo, git, "diff", "--cached", "--stat")
		if got := udiff.RenderStat(stats); got != want {
			t.Errorf("RenderStat differs from git diff --stat\n got:\n%s\nwant:\n%s", got, want)
		}
	}
}

// statCase describes a file by its counts; -1 added means deleted, -1 deleted means created.
type statCase struct {
	path           string
	added, deleted int
}

func (s statCase) files() fileCase {
	var old, new strings.Builder
	for i := range 3 {
		fmt.Fprintf(&old, "kept %d\n", i)
		fmt.Fprintf(&new, "kept %d\n", i)
	}
	for i := range s.deleted {
		fmt.Fprintf(&old, "old %d\n", i)
	}
	for i := range s.added {
		fmt.Fprintf(&new, "new %d\n", i)
	}
	c := fileCase{path: s.path, old: []byte(old.String()), new: []byte(new.String())}
	switch {
	case s.deleted < 0 && s.added == 0:
		c.old, c.new = nil, []byte{}
	case s.deleted < 0:
		c.old, c.new = nil, []byte(strings.TrimPrefix(new.String(), "kept 0\nkept 1\nkept 2\n"))
	case s.added < 0:
		c.new, c.old = nil, []byte(strings.TrimPrefix(old.String(), "kept 0\nkept 1\nkept 2\n"))
	}
	return c
}
