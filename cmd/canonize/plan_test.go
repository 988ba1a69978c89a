package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*")

// TestChatappPlanGolden compares the text, JSON and Markdown plans of
// the example with reviewed golden files.
func TestChatappPlanGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the whole example: not in -short")
	}
	dir := copyTree(t, "../../testdata/chatapp")
	for _, tc := range []struct{ golden, flag string }{
		{"chatapp.plan.txt", ""},
		{"chatapp.plan.json", "--json"},
		{"chatapp.plan.md", "--markdown"},
	} {
		args := []string{"plan"}
		if tc.flag != "" {
			args = append(args, tc.flag)
		}
		r := canonize(t, dir, args...)
		if r.code != 0 {
			t.Fatalf("plan %s: exit %d\n%s", tc.flag, r.code, r.stderr)
		}
		golden := filepath.Join("../../testdata/golden", tc.golden)
		if *update {
			if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if r.stdout != string(want) {
			t.Errorf("plan %s differs from %s (go test ./cmd/canonize -run ChatappPlanGolden -update, then review)\n--- got\n%s", tc.flag, golden, r.stdout)
		}
	}
}

func TestPlanSavedStaleRefused(t *testing.T) {
	dir := extract(t, basicCase)
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if r := canonize(t, dir, "plan", "-o", planFile); r.code != 0 {
		t.Fatalf("plan -o: exit %d\n%s", r.code, r.stderr)
	}
	if r := canonize(t, dir, "diff", "--plan", planFile); r.code != 1 || !strings.Contains(r.stdout, "ws.New(ctx, user)") {
		t.Fatalf("diff --plan on an unchanged tree: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// A person edits a planned file: the saved plan is stale.
	app := filepath.Join(dir, "app", "app.go")
	data, _ := os.ReadFile(app)
	os.WriteFile(app, append(data, []byte("\n// edited\n")...), 0o644)
	r := canonize(t, dir, "diff", "--plan", planFile)
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "app/app.go: changed since the plan was saved") {
		t.Fatalf("stale plan: exit %d, stdout %q, stderr %q; want exit 1 naming app/app.go and no diff", r.code, r.stdout, r.stderr)
	}
}

func TestCheckExitCodes(t *testing.T) {
	dir := extract(t, basicCase)
	r := canonize(t, dir, "check")
	want := "app/app.go:10:12: ws.GetFactory is deprecated: use ws.New (rule factory-create)\n"
	if r.code != 1 || r.stdout != want {
		t.Fatalf("check: exit %d, stdout %q; want 1 and %q", r.code, r.stdout, want)
	}
	if r := canonize(t, dir, "check", "--min-compliance", "50"); r.code != 0 {
		t.Errorf("check --min-compliance 50 at 50%%: exit %d, want 0\n%s", r.code, r.stderr)
	}
	if r := canonize(t, dir, "check", "--min-compliance", "60"); r.code != 1 {
		t.Errorf("check --min-compliance 60 at 50%%: exit %d, want 1", r.code)
	}
	d := canonize(t, dir, "diff")
	gitApply(t, dir, d.stdout)
	if r := canonize(t, dir, "check"); r.code != 0 || r.stdout != "" {
		t.Errorf("check after migrating: exit %d, stdout %q; want 0 and nothing", r.code, r.stdout)
	}
	os.WriteFile(filepath.Join(dir, "canonize.yaml"), []byte("version: 2\n"), 0o644)
	if r := canonize(t, dir, "check"); r.code != 2 {
		t.Errorf("check with a bad spec: exit %d, want 2", r.code)
	}
}

func TestDiffPhases(t *testing.T) {
	dir := extract(t, basicCase)
	if r := canonize(t, dir, "diff", "--phase", "1"); r.code != 0 || r.stdout != "" {
		t.Errorf("phase 1 (no re-exports): exit %d %q, want 0 and nothing", r.code, r.stdout)
	}
	if r := canonize(t, dir, "diff", "--phase", "2"); r.code != 1 || !strings.Contains(r.stdout, "a/app/app.go") {
		t.Errorf("phase 2: exit %d\n%s", r.code, r.stdout)
	}
	// Cleanup deletes the deprecated GetFactory from ws/ws.go.
	r := canonize(t, dir, "diff", "--phase", "4")
	if r.code != 1 || !strings.Contains(r.stdout, "-func GetFactory() *Factory") || strings.Contains(r.stdout, "app/app.go") {
		t.Errorf("phase 4: exit %d\n%s", r.code, r.stdout)
	}
	if r := canonize(t, dir, "diff", "--phase", "5"); r.code != 2 {
		t.Errorf("phase 5: exit %d, want 2", r.code)
	}
}
