package main

import (
	"strings"
	"testing"
)

// TestApplyByOwner: on the example, phase 1 is applied one owner share
// at a time, each its own verified transaction; phase 2 is refused
// while a share of phase 1 is left; status names the shares applied;
// rollback --phase 1 undoes them all and the tree is as before.
func TestApplyByOwner(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	start := userTree(t, dir)
	r := mustRun(t, dir, 0, "apply", "--phase", "1", "--owner", "@chatco/assistants", "--no-spec-verify", "--verify", "true")
	if !strings.Contains(r.stdout, "phase 1 (exports) for @chatco/assistants: applied 6 file(s), verified") {
		t.Errorf("apply --owner:\n%s", r.stdout)
	}
	if d := canonize(t, dir, "diff", "--phase", "1", "--owner", "@chatco/assistants"); d.code != 0 {
		t.Errorf("the applied share still has a diff: exit %d\n%s", d.code, d.stdout)
	}
	r = mustRun(t, dir, 2, "apply", "--phase", "1", "--owner", "@chatco/assistants", "--no-spec-verify")
	if !strings.Contains(r.stderr, "has no share for that owner group") {
		t.Errorf("a share applied twice: %s", r.stderr)
	}
	r = mustRun(t, dir, 2, "apply", "--phase", "2", "--no-spec-verify", "--verify", "true")
	if !strings.Contains(r.stderr, "phase 1 (exports) is applied for @chatco/assistants only and has files to change") {
		t.Errorf("phase 2 before phase 1's last shares: %s", r.stderr)
	}
	mustRun(t, dir, 0, "apply", "--phase", "1", "--owner", "@chatco/messaging", "--no-spec-verify", "--verify", "true")
	st := mustRun(t, dir, 0, "status").stdout
	if !strings.Contains(st, "[applied for @chatco/assistants, @chatco/messaging]") {
		t.Errorf("status does not name the shares applied:\n%s", st)
	}
	mustRun(t, dir, 0, "rollback", "--phase", "1")
	if userTree(t, dir) != start {
		t.Errorf("rollback --phase 1 did not undo every share")
	}
}
