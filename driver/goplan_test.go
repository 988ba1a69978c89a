package driver_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/txtartest"
)

// TestPlanSameAsRun runs both of the plan's paths on every txtar case
// and the example: Plan (through the go command) and Run (the
// whole-program load). Where Plan goes through the go command, both
// must give the same sites, the same plan (phases, files, tiers and
// their reasons, compliance, owners), the same content of every file
// in every phase, and the same warnings and problems. No case may fall
// back to the load: Plan's remaining reasons to (an inliner's and a
// rule's fixes that no pass renders together, deletions that do not
// type-check in one pass, an API change the load would decide file by
// file) are guards no case reaches.
func TestPlanSameAsRun(t *testing.T) {
	through := 0
	txtartest.Each(t, "../testdata/cases/*.txtar", false, func(t *testing.T, file string) {
		c := txtartest.Load(t, file)
		opts := caseOptions(t, c)
		if comparePlan(t, opts) {
			through++
		}
	})
	t.Run("chatapp", func(t *testing.T) {
		comparePlan(t, withTool(t, driver.Options{Dir: copyDir(t, "../testdata/chatapp")}))
	})
	t.Logf("through the go command: %d cases (the others stop at the same error on both paths)", through)
}

// comparePlan compares both paths on one module; it reports whether
// Plan went through the go command.
func comparePlan(t *testing.T, opts driver.Options) bool {
	t.Helper()
	want, wantErr := driver.Run(opts)
	got, gotErr := driver.Plan(opts)
	if wantErr != nil || gotErr != nil {
		if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
			t.Fatalf("Run: %v\nPlan: %v", wantErr, gotErr)
		}
		return false
	}
	if got.Engine != driver.EngineGoCommand {
		t.Fatalf("Plan fell back to the load: %s", got.Fallback)
	}
	if d := siteDiff(siteLines(want.Sites, false), siteLines(got.Sites, false)); d != "" {
		t.Errorf("sites differ (-Run +Plan):\n%s", d)
	}
	if d := siteDiff(planLines(t, want), planLines(t, got)); d != "" {
		t.Errorf("plans differ (-Run +Plan):\n%s", d)
	}
	if d := siteDiff(orderLines(want), orderLines(got)); d != "" {
		t.Errorf("phases' files differ (-Run +Plan):\n%s", d)
	}
	if d := siteDiff(diagLines(want), diagLines(got)); d != "" {
		t.Errorf("warnings and problems differ (-Run +Plan):\n%s", d)
	}
	return true
}

// planLines is the plan as JSON, a line each.
func planLines(t *testing.T, res *driver.Result) []string {
	data, err := json.MarshalIndent(res.Plan, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(string(data), "\n")
}

// orderLines names each phase's files with their content before and after.
func orderLines(res *driver.Result) []string {
	var out []string
	for _, ph := range res.Order.Phases {
		for _, f := range ph.Files {
			out = append(out, fmt.Sprintf("phase %d %s %v:\n%s\n=>\n%s", ph.Number, f.Path, f.Mode, f.Before, f.After))
		}
	}
	return out
}

// diagLines are the warnings and the problems.
func diagLines(res *driver.Result) []string {
	var out []string
	for _, d := range res.Warnings {
		out = append(out, fmt.Sprint("warning: ", d.Rel(res.Root)))
	}
	for _, d := range res.Problems {
		out = append(out, fmt.Sprint("problem: ", d.Rel(res.Root)))
	}
	return out
}

// TestPlanSameAsRunCleanedUp: once every phase is applied (cleanup
// deleted the deprecated API, as the journal then says), both paths
// still agree — a rule whose deprecated symbol is gone matches nothing,
// with a warning — and Plan goes through the go command.
func TestPlanSameAsRunCleanedUp(t *testing.T) {
	for _, name := range []string{"chained_basic", "match_reexport_wrapper", "cleanup_last_declarations"} {
		t.Run(name, func(t *testing.T) {
			c := txtartest.Load(t, "../testdata/cases/"+name+".txtar")
			opts := withTool(t, driver.Options{Dir: c.Dir})
			res, err := driver.Run(opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Plan.Phases[len(res.Plan.Phases)-1].Blocked {
				t.Fatal("the case's cleanup is blocked: pick a case whose cleanup deletes the API")
			}
			for _, ch := range res.All {
				content := ch.New
				if ch.Final != nil {
					content = ch.Final
				}
				if err := os.WriteFile(ch.Abs, content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			opts.CleanedUp = true
			if !comparePlan(t, opts) {
				t.Error("Plan fell back once cleanup was applied")
			}
		})
	}
}
