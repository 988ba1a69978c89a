package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSplitByOwner: on the example (CODEOWNERS with three teams), diff
// --split writes one patch per phase and owner; each patch of phase 1
// applies with git apply on its own, the patches of every phase apply
// in reverse order too, and the result is the tree plain diff gives.
func TestSplitByOwner(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	out := filepath.Join(t.TempDir(), "split")
	if r := canonize(t, dir, "diff", "--split", out); r.code != 1 {
		t.Fatalf("diff --split: exit %d, want 1\n%s", r.code, r.stderr)
	}
	patches, _ := filepath.Glob(filepath.Join(out, "*.patch"))
	if len(patches) != 9 {
		t.Fatalf("wrote %d patches, want 9 (3 phases x 3 teams; cleanup is blocked): %v", len(patches), patches)
	}
	for _, p := range patches {
		if !strings.HasPrefix(filepath.Base(p), "1-") {
			continue
		}
		alone := copyTree(t, "../../testdata/chatapp")
		runCmd(t, alone, "git", "apply", p)
	}
	whole := copyTree(t, "../../testdata/chatapp")
	r := canonize(t, whole, "diff")
	gitApply(t, whole, r.stdout)

	split := copyTree(t, "../../testdata/chatapp")
	slices.Reverse(patches) // within a phase, any order
	for _, phase := range []string{"1-", "2-", "3-"} {
		for _, p := range patches {
			if strings.HasPrefix(filepath.Base(p), phase) {
				runCmd(t, split, "git", "apply", p)
			}
		}
	}
	if a, b := treeHash(t, whole), treeHash(t, split); a != b {
		t.Errorf("the split patches applied phase by phase give another tree than plain diff")
	}
	md, _ := os.ReadFile(filepath.Join(out, "2-production-chatco-messaging.md"))
	for _, want := range []string{"for @chatco/messaging", "Compliance goes from 25.6% to **", "| `chat/session.go` | @chatco/messaging |", "git apply 2-production-chatco-messaging.patch", "go test ./tests/...", "git apply -R"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("description lacks %q:\n%s", want, md)
		}
	}
	index, _ := os.ReadFile(filepath.Join(out, "README.md"))
	if !strings.Contains(string(index), "| 4. cleanup | | | | blocked |") {
		t.Errorf("the index does not say cleanup is blocked:\n%s", index)
	}
}

// TestDiffOwner: --owner prints exactly the files of one owner group
// that plain diff prints, and an owner the plan does not know is an
// error naming the groups.
func TestDiffOwner(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	all, mine := canonize(t, dir, "diff"), canonize(t, dir, "diff", "--owner", "@chatco/assistants")
	got := filePatches(mine.stdout)
	if mine.code != 1 || len(got) == 0 {
		t.Fatalf("diff --owner: exit %d, %d files\n%s", mine.code, len(got), mine.stderr)
	}
	for path, patch := range filePatches(all.stdout) {
		owned := strings.HasPrefix(path, "agents/") || strings.HasPrefix(path, "services/")
		if owned != (got[path] != "") || owned && got[path] != patch {
			t.Errorf("%s: owned by @chatco/assistants %v, in --owner's diff %v", path, owned, got[path] != "")
		}
	}
	r := canonize(t, dir, "diff", "--owner", "@nobody")
	if r.code != 2 || !strings.Contains(r.stderr, `--owner "@nobody"`) || !strings.Contains(r.stderr, "@chatco/platform") {
		t.Errorf("--owner @nobody: exit %d, stderr %q; want 2 naming the known groups", r.code, r.stderr)
	}
}

// TestOwnersBadInput: a malformed CODEOWNERS line and a --split
// directory that is not empty are exit-2 errors that write nothing.
func TestOwnersBadInput(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	co := filepath.Join(dir, ".github", "CODEOWNERS")
	data, _ := os.ReadFile(co)
	os.WriteFile(co, append(data, []byte("/legacy/ chatco-legacy\n")...), 0o644)
	n := strings.Count(string(data), "\n") + 1
	r := canonize(t, dir, "plan")
	if want := ".github/CODEOWNERS:" + itoa(n) + ": "; r.code != 2 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "chatco-legacy") {
		t.Errorf("malformed CODEOWNERS: exit %d, stderr %q; want 2 and %q naming the owner", r.code, r.stderr, want)
	}
	os.WriteFile(co, data, 0o644)

	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "keep.txt"), []byte("mine"), 0o644)
	r = canonize(t, dir, "diff", "--split", out)
	entries, _ := os.ReadDir(out)
	if r.code != 2 || len(entries) != 1 || !strings.Contains(r.stderr, "new or empty directory") {
		t.Errorf("--split into a non-empty directory: exit %d, %d entries, stderr %q", r.code, len(entries), r.stderr)
	}
}
