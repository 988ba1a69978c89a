package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInlineWithoutSpec runs the whole job on a tree with no
// canonize.yaml: the uses of //go:fix inline functions and constants are
// found by check, planned, applied phase by phase with verification and
// rolled back byte-identical, all through the real binary, which the
// go command runs as its vet tool.
func TestInlineWithoutSpec(t *testing.T) {
	dir := extract(t, "../../testdata/cases/inline_no_spec.txtar")
	start := userTree(t, dir)

	r := mustRun(t, dir, 1, "check")
	for _, want := range []string{
		"app/app.go:7:9: old.Double is marked //go:fix inline: canonize inlines it\n",
		"app/app.go:7:20: old.Limit is marked //go:fix inline: canonize inlines it\n",
		"app/app_test.go:10:15: old.Double is marked //go:fix inline: canonize inlines it\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "old/old_test.go") {
		t.Errorf("check reports the call inside TestDouble, the inlined function's own test:\n%s", r.stdout)
	}
	var report struct {
		Sites []struct{ Kind string }
	}
	js := mustRun(t, dir, 1, "check", "--json")
	if err := json.Unmarshal([]byte(js.stdout), &report); err != nil || len(report.Sites) != 4 {
		t.Fatalf("check --json: %v, %d sites\n%s", err, len(report.Sites), js.stdout)
	}
	for _, s := range report.Sites {
		if s.Kind != "inline" {
			t.Errorf("site kind %q, want inline", s.Kind)
		}
	}

	plan := mustRun(t, dir, 0, "plan")
	if !strings.Contains(plan.stdout, "phase 2 production") || !strings.Contains(plan.stdout, "phase 3 tests") {
		t.Errorf("plan:\n%s", plan.stdout)
	}
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "go build ./...")
	mustRun(t, dir, 0, "apply", "--phase", "3", "--verify", "go vet ./...")
	app, _ := os.ReadFile(filepath.Join(dir, "app", "app.go"))
	if !strings.Contains(string(app), "return nu.Twice(nu.Max)") || strings.Contains(string(app), "example.com/m/old") {
		t.Errorf("app.go after apply:\n%s", app)
	}
	if r := mustRun(t, dir, 0, "check"); r.stdout != "" {
		t.Errorf("check after apply: %q", r.stdout)
	}
	mustRun(t, dir, 0, "rollback", "--all")
	if got := userTree(t, dir); got != start {
		t.Fatal("tree after rollback --all differs from the start")
	}
}

// TestInlineTrimpathCopies runs check in two copies of one module with
// GOFLAGS=-trimpath. The go command's vet cache key then leaves out the
// package directory, so the second copy would be handed the first
// copy's inliner results, file names included, and lose its sites
// ("Go's inliner changes this file, but it was not loaded"): canonize
// runs its vet tool without -trimpath.
func TestInlineTrimpathCopies(t *testing.T) {
	t.Setenv("GOFLAGS", "-trimpath -mod=mod")
	for i := range 2 {
		dir := extract(t, "../../testdata/cases/inline_no_spec.txtar")
		r := canonize(t, dir, "check")
		if r.code != 1 || !strings.Contains(r.stdout, "app/app.go:7:9: old.Double is marked //go:fix inline") {
			t.Fatalf("copy %d: check exit %d, want 1 with app.go's inline site\nstdout:\n%s\nstderr:\n%s", i+1, r.code, r.stdout, r.stderr)
		}
	}
}
