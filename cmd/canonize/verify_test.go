package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const affectedCase = "../../testdata/apply/affected.txtar"

// The phase breaks c, which has no test; only the external test of a,
// two imports away, notices. --verify-affected must select a (and say
// why), fail and roll the phase back; it must not select z, whose test
// always fails.
func TestVerifyAffectedCatchesTransitiveImporter(t *testing.T) {
	dir := extract(t, affectedCase)
	start := userTree(t, dir)
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--verify-affected", "-v")
	for _, want := range []string{
		"affected tests: 3 of 5 packages (the phase changes 1 file)",
		"example.com/m/a: imports example.com/m/b → example.com/m/c (changed: c/c.go)",
		"example.com/m/b: imports example.com/m/c (changed: c/c.go)",
		"example.com/m/c: changed: c/c.go",
		"go test example.com/m/a example.com/m/b example.com/m/c\n",
		`Title() = "[C]", want "[ C ]"`,
		"the phase was rolled back",
	} {
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("output lacks %q:\n%s\n%s", want, r.stdout, r.stderr)
		}
	}
	if strings.Contains(r.stdout+r.stderr, "example.com/m/z") {
		t.Errorf("z was selected:\n%s", r.stderr)
	}
	if got := userTree(t, dir); got != start {
		t.Fatal("tree after the failed verification differs from the start")
	}
}

// With a change that keeps a's behaviour the same selection passes,
// although z's test fails: z is not run. The spec's verify_affected
// asks for the same as the flag.
func TestVerifyAffectedSpecFieldPasses(t *testing.T) {
	dir := extract(t, affectedCase)
	c := filepath.Join(dir, "c", "c.go")
	src, _ := os.ReadFile(c)
	if err := os.WriteFile(c, []byte(strings.Replace(string(src), `ws.Old(" c ")`, `" " + ws.Old("c") + " "`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "canonize.yaml")
	s, _ := os.ReadFile(spec)
	if err := os.WriteFile(spec, append(s, "verify_affected: true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, dir, 0, "apply", "--phase", "2")
	if !strings.Contains(r.stderr, "affected tests: 3 of 5 packages") || !strings.Contains(r.stdout, "ok  \texample.com/m/a") {
		t.Errorf("apply with verify_affected: true:\n%s\n%s", r.stdout, r.stderr)
	}
	// --no-spec-verify drops the spec's verify_affected with its verify:.
	mustRun(t, dir, 0, "rollback", "--all")
	r = mustRun(t, dir, 0, "apply", "--phase", "2", "--no-spec-verify")
	if strings.Contains(r.stderr, "affected tests") || !strings.Contains(r.stderr, "are not run") {
		t.Errorf("--no-spec-verify still selected tests:\n%s", r.stderr)
	}
}
