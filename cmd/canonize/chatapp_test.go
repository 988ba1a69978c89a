package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestChatappMigration runs canonize on a copy of the example: the diff
// applies with git apply and with patch -p1, the migrated module builds
// and vets in every configuration it has files for, its golden-path,
// agent-events and user-isolation tests pass, and a second run is a no-op.
func TestChatappMigration(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and tests the whole example: not in -short")
	}
	dir := copyTree(t, "../../testdata/chatapp")
	before := treeHash(t, dir)
	unformatted := runCmd(t, dir, "gofmt", "-l", ".")
	r := canonize(t, dir, "diff", "--color", "never")
	if r.code != 1 {
		t.Fatalf("diff: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Fatal("diff changed the tree")
	}
	t.Log(strings.TrimSpace(r.stderr))
	for _, f := range []string{"handlers/zz_generated_routes.go"} {
		if strings.Contains(r.stdout, "a/"+f) {
			t.Errorf("the diff edits generated file %s", f)
		}
	}

	// patch -p1 accepts it too (checked on the pristine tree).
	p := exec.Command("patch", "-p1", "--dry-run", "-f")
	p.Dir, p.Stdin = dir, strings.NewReader(r.stdout)
	if out, err := p.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1 --dry-run: %v\n%s", err, out)
	}
	gitApply(t, dir, r.stdout)
	runCmd(t, dir, "go", "vet", "./...")
	runCmd(t, dir, "go", "vet", "-tags", "integration", "./...")
	darwin := exec.Command("go", "vet", "./...")
	darwin.Dir, darwin.Env = dir, append(darwin.Environ(), "GOOS=darwin")
	if out, err := darwin.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=darwin go vet: %v\n%s", err, out)
	}
	runCmd(t, dir, "go", "test", "./tests/...")

	again := canonize(t, dir, "diff")
	if again.code != 0 || again.stdout != "" {
		t.Fatalf("second diff: exit %d\n%s", again.code, again.stdout)
	}
	// The example keeps a deliberately unformatted file; the migration
	// must not add any.
	if after := runCmd(t, dir, "gofmt", "-l", "."); after != unformatted {
		t.Errorf("gofmt -l before migration:\n%s\nafter:\n%s", unformatted, after)
	}
}
