package udiff_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canonize/canonize/internal/udiff"
)

// fileCase is one file of a random batch; a nil side means the file does not exist.
type fileCase struct {
	path     string
	old, new []byte
}

// TestApplyRandom feeds random diffs to the real git apply (forward and -R) and GNU patch
// (forward and -R), and to the strict applier of this package's tests, and checks that each
// produces the expected files byte for byte. Files go in batches, one multi-file diff each, so
// that concatenated diffs are tested too and the test stays fast.
func TestApplyRandom(t *testing.T) {
	tools := findTools(t)
	n := 300
	if testing.Short() {
		n = 60
	}
	rng := rand.New(rand.NewPCG(20261128, 1))
	const batch = 30
	for first := 0; first < n; first += batch {
		cases := make([]fileCase, 0, batch)
		for i := first; i < min(first+batch, n); i++ {
			cases = append(cases, randomCase(rng, i))
		}
		t.Run(fmt.Sprintf("files%03d-%03d", first, first+len(cases)-1), func(t *testing.T) {
			checkBatch(t, tools, cases)
		})
	}
}

type tools struct{ git, patch string }

func findTools(t *testing.T) tools {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not in PATH; this test needs the real git apply")
	}
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Fatal("GNU patch is not in PATH; install it (e.g. apt-get install patch): " +
			"diffs must be checked against patch -p1 as well as git apply")
	}
	return tools{git, patch}
}

func checkBatch(t *testing.T, tl tools, cases []fileCase) {
	var diff []byte
	for _, c := range cases {
		d := udiff.Unified(c.path, c.old, c.new)
		checkApplies(t, c.old, c.new, d)
		diff = append(diff, d...)
	}
	if len(diff) == 0 {
		return
	}
	dir := t.TempDir()
	patchFile := filepath.Join(dir, "p.diff")
	if err := os.WriteFile(patchFile, diff, 0o644); err != nil {
		t.Fatal(err)
	}

	repo := filepath.Join(dir, "git")
	writeTree(t, repo, cases, oldSide)
	run(t, repo, tl.git, "init", "-q")
	run(t, repo, tl.git, "apply", "--check", patchFile)
	run(t, repo, tl.git, "apply", patchFile)
	checkTree(t, "git apply", repo, cases, newSide)
	run(t, repo, tl.git, "apply", "-R", patchFile)
	checkTree(t, "git apply -R", repo, cases, oldSide)

	plain := filepath.Join(dir, "patch")
	writeTree(t, plain, cases, oldSide)
	runPatch(t, plain, tl.patch, patchFile)
	checkTree(t, "patch -p1", plain, cases, newSide)
	runPatch(t, plain, tl.patch, patchFile, "-R")
	checkTree(t, "patch -p1 -R", plain, cases, oldSide)
}

func oldSide(c fileCase) []byte { return c.old }
func newSide(c fileCase) []byte { return c.new }

func writeTree(t *testing.T, root string, cases []fileCase, side func(fileCase) []byte) {
	t.Helper()
	for _, c := range cases {
		data := side(c)
		if data == nil {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(c.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func checkTree(t *testing.T, stage, root string, cases []fileCase, side func(fileCase) []byte) {
	t.Helper()
	for _, c := range cases {
		want := side(c)
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(c.path)))
		if os.IsNotExist(err) && want == nil {
			continue
		}
		if err != nil || want == nil || !bytes.Equal(got, want) {
			t.Fatalf("after %s, %s is %q (err %v), want %q (nil: absent)\ndiff:\n%s",
				stage, c.path, got, err, want, udiff.Unified(c.path, c.old, c.new))
		}
	}
}

// isolatedEnv keeps the user's and the system's git configuration out of the test.
func isolatedEnv(dir string) []string {
	return append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"HOME="+dir, "LC_ALL=C")
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = isolatedEnv(dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// runPatch runs GNU patch so that it can only succeed on an exact diff: no fuzz, no guessing
// that the patch is reversed (-f), and any "Hunk #n succeeded at ... (offset ...)" message,
// which means a wrong line number, is a failure.
func runPatch(t *testing.T, dir, patch, file string, extra ...string) {
	t.Helper()
	args := append([]string{"-p1", "-f", "--fuzz=0", "--no-backup-if-mismatch", "-i", file}, extra...)
	if out := run(t, dir, patch, args...); strings.Contains(out, "Hunk #") {
		t.Fatalf("patch %s did not apply exactly:\n%s", strings.Join(args, " "), out)
	}
}

// randomCase makes file i of the random test: lines from a small alphabet, including lines
// that look like diff syntax, then a few random edits; sometimes CRLF, sometimes no final
// newline, sometimes a created, deleted or empty file.
func randomCase(rng *rand.Rand, i int) fileCase {
	c := fileCase{path: randomPath(i)}
	eol := "\n"
	if rng.IntN(4) == 0 {
		eol = "\r\n"
	}
	lines := randomLines(rng, rng.IntN(25), eol)
	c.old = joinLines(rng, lines)
	c.new = joinLines(rng, editLines(rng, lines, eol))
	switch rng.IntN(20) {
	case 0:
		c.old = nil
	case 1:
		c.new = nil
	case 2:
		c.old = []byte{}
	}
	return c
}

func randomPath(i int) string {
	switch i % 10 {
	case 3:
		return fmt.Sprintf("dir/sub file %d.txt", i) // a space: git adds a tab after the name
	case 7:
		return fmt.Sprintf("d\u00e9j\u00e0/q\"uote\\%d.txt", i) // quoted by git's rules
	}
	return fmt.Sprintf("f%03d.txt", i)
}

var alphabet = []string{"a", "b", "c", "d", "", " ", "-- x", "++ y", "@@ -1 +1 @@", "\\ z"}

func randomLines(rng *rand.Rand, n int, eol string) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = alphabet[rng.IntN(len(alphabet))] + eol
		if rng.IntN(30) == 0 { // a stray line ending of the other kind
			lines[i] = strings.TrimSuffix(lines[i], eol) + "\r\n"
		}
	}
	return lines
}

func editLines(rng *rand.Rand, lines []string, eol string) []string {
	out := append([]string(nil), lines...)
	for range 1 + rng.IntN(4) {
		at := rng.IntN(len(out) + 1)
		n := min(1+rng.IntN(3), len(out)-at)
		switch rng.IntN(3) {
		case 0: // insert
			out = append(out[:at], append(randomLines(rng, 1+rng.IntN(3), eol), out[at:]...)...)
		case 1: // delete
			out = append(out[:at], out[at+n:]...)
		case 2: // change
			out = append(out[:at], append(randomLines(rng, n, eol), out[at+n:]...)...)
		}
	}
	return out
}

// joinLines joins lines, sometimes dropping the final line ending, or only its "\n".
func joinLines(rng *rand.Rand, lines []string) []byte {
	s := strings.Join(lines, "")
	switch rng.IntN(10) {
	case 0, 1:
		s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	case 2:
		s = strings.TrimSuffix(s, "\n")
	}
	return []byte(s)
}
