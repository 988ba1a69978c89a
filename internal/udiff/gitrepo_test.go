package udiff_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func lookGit(t *testing.T) string {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not in PATH; this test compares with real git output")
	}
	return git
}

// stagedRepo returns a git repository whose HEAD holds the old side of cases and whose index
// holds the new side, so that `git diff --cached` shows git's own diff of them.
func stagedRepo(t *testing.T, git string, cases []fileCase) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	writeTree(t, repo, cases, oldSide)
	run(t, repo, git, "init", "-q")
	run(t, repo, git, "add", "-A")
	run(t, repo, git, "-c", "user.name=t", "-c", "user.email=t@example.com",
		"commit", "-q", "--allow-empty", "-m", "old")
	for _, c := range cases {
		if err := os.RemoveAll(filepath.Join(repo, filepath.FromSlash(c.path))); err != nil {
			t.Fatal(err)
		}
	}
	writeTree(t, repo, cases, newSide)
	run(t, repo, git, "add", "-A")
	return repo
}
