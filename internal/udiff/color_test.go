package udiff_test

import (
	"math/rand/v2"
	"testing"

	"github.com/canonize/canonize/internal/udiff"
)

func TestColorize(t *testing.T) {
	const (
		b = "\x1b[1m"
		c = "\x1b[36m"
		r = "\x1b[31m"
		g = "\x1b[32m"
		x = "\x1b[m"
	)
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{
			name: "headers, hunk, context, deletion, addition",
			in:   "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n",
			want: b + "diff --git a/f b/f" + x + "\n" + b + "--- a/f" + x + "\n" + b + "+++ b/f" + x + "\n" +
				c + "@@ -1,2 +1,2 @@" + x + "\n" + " a" + x + "\n" + r + "-b" + x + "\n" + g + "+B" + x + "\n",
		},
		{
			name: "body lines that look like headers are coloured by the hunk counts",
			in:   "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n--- x\n+++ y\n \n",
			want: b + "--- a/f" + x + "\n" + b + "+++ b/f" + x + "\n" + c + "@@ -1,2 +1,2 @@" + x + "\n" +
				r + "--- x" + x + "\n" + g + "+++ y" + x + "\n" + " " + x + "\n",
		},
		{
			name: "CR and the tab after a spaced name stay outside the colour",
			in:   "--- a/m n\t\n+++ b/m n\t\n@@ -1 +1 @@\n-a\r\n+b\r\n",
			want: b + "--- a/m n" + x + "\t\n" + b + "+++ b/m n" + x + "\t\n" + c + "@@ -1 +1 @@" + x + "\n" +
				r + "-a" + x + "\r\n" + g + "+b" + x + "\r\n",
		},
		{
			name: "no-newline marker, function context, last line without newline",
			in:   "@@ -1 +1 @@ func F() {\n-a\n\\ No newline at end of file\n+a",
			want: c + "@@ -1 +1 @@" + x + " " + x + "func F() {" + x + "\n" + r + "-a" + x + "\n" +
				"\\ No newline at end of file" + x + "\n" + g + "+a" + x,
		},
		{
			name: "a line after the counted body is a header again",
			in:   "@@ -1 +0,0 @@\n-a\n-b\n",
			want: c + "@@ -1 +0,0 @@" + x + "\n" + r + "-a" + x + "\n" + b + "-b" + x + "\n",
		},
		{
			name: "blank lines outside hunks stay blank",
			in:   "x\n\n",
			want: b + "x" + x + "\n\n",
		},
	} {
		if got := string(udiff.Colorize([]byte(tc.in))); got != tc.want {
			t.Errorf("%s:\n got: %q\nwant: %q", tc.name, got, tc.want)
		}
	}
}

// TestColorizeMatchesGit colours git's own plain diff of random files and compares with
// git's coloured output of the same diff (whitespace-error highlighting off).
func TestColorizeMatchesGit(t *testing.T) {
	git := lookGit(t)
	rng := rand.New(rand.NewPCG(7, 7))
	var cases []fileCase
	for i := range 40 {
		cases = append(cases, randomCase(rng, i))
	}
	repo := stagedRepo(t, git, cases)
	plain := run(t, repo, git, "diff", "--cached", "--color=never")
	want := run(t, repo, git, "diff", "--cached", "--color=always", "--ws-error-highlight=none")
	if got := string(udiff.Colorize([]byte(plain))); got != want {
		t.Errorf("Colorize differs from git diff --color\n got: %q\nwant: %q", got, want)
	}
}
