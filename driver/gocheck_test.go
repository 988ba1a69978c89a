package driver_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/txtartest"
)

// TestCheckSameAsPlan runs canonize check's analysis (Check: the sites
// and compliance, no phases) and the plan's (Plan) on every txtar case
// and on the example module, and asserts the same sites — position,
// role, symbol, kind, rule, reason, via, replacement and the fields a
// baseline keys on — the same compliance, and, as SARIF asks for them,
// the same content of every changed file after phases 1-3.
func TestCheckSameAsPlan(t *testing.T) {
	txtartest.Each(t, "../testdata/cases/*.txtar", false, func(t *testing.T, file string) {
		compareCheck(t, caseOptions(t, txtartest.Load(t, file)))
	})
	t.Run("chatapp", func(t *testing.T) {
		compareCheck(t, withTool(t, driver.Options{Dir: copyDir(t, "../testdata/chatapp")}))
	})
}

// compareCheck compares Check with Plan on one module.
func compareCheck(t *testing.T, opts driver.Options) {
	t.Helper()
	want, wantErr := driver.Plan(opts)
	got, gotErr := driver.Check(opts)
	if wantErr != nil || gotErr != nil {
		if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
			t.Fatalf("Plan: %v\nCheck: %v", wantErr, gotErr)
		}
		return // the same error, before any analysis
	}
	if d := siteDiff(siteLines(want.Plan.Sites), siteLines(got.Plan.Sites)); d != "" {
		t.Errorf("sites differ (-Plan +Check):\n%s", d)
	}
	if w, g := fmt.Sprintf("%+v", want.Plan.Compliance), fmt.Sprintf("%+v", got.Plan.Compliance); w != g {
		t.Errorf("compliance differs:\nPlan:  %s\nCheck: %s", w, g)
	}
	opts.ExactChanges = true
	exact, err := driver.Check(opts)
	if err != nil {
		t.Fatalf("Check with exact changes: %v", err)
	}
	if d := siteDiff(changeLines(want.Changes), changeLines(exact.Changes)); d != "" {
		t.Errorf("changed files differ (-Plan +Check):\n%s", d)
	}
}

// changeLines names each changed file with its new content.
func changeLines(changes []driver.Change) []string {
	out := make([]string, 0, len(changes))
	for _, c := range changes {
		out = append(out, fmt.Sprintf("%s:\n%s", c.Path, c.New))
	}
	slices.Sort(out)
	return out
}

// siteLines prints every field of each site a report or a baseline
// reads, one site a line, sorted.
func siteLines(sites []engine.Site) []string {
	out := make([]string, 0, len(sites))
	for _, s := range sites {
		out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s %s kind=%s rule=%s via=%s repl=%q reason=%q func=%s text=%q pkg=%s gen=%v",
			s.Path, s.Line, s.Col, s.EndLine, s.EndCol, s.Role, s.Symbol, s.Kind, s.Rule, s.Via, s.Replacement, s.Reason, s.Func, s.Text, s.Package, s.Generated))
	}
	slices.Sort(out)
	return out
}

// siteDiff lists the lines only a has (-) and only b has (+).
func siteDiff(a, b []string) string {
	var d strings.Builder
	for _, l := range a {
		if !slices.Contains(b, l) {
			d.WriteString("- " + l + "\n")
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			d.WriteString("+ " + l + "\n")
		}
	}
	if d.Len() == 0 && len(a) != len(b) {
		fmt.Fprintf(&d, "%d sites against %d (a site repeated)\n", len(a), len(b))
	}
	return d.String()
}

// copyDir copies a tree into a temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
