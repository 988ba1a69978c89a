package driver_test

import (
	"os"
	"strings"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/txtartest"
)

// TestPlanCleanedUp: once every phase is applied (cleanup deleted the
// deprecated API, as the journal then says), a rule whose deprecated
// symbol is gone matches nothing, with a warning naming it, instead of
// being an error; nothing is left to change and no deprecated site is
// left.
func TestPlanCleanedUp(t *testing.T) {
	for _, name := range []string{"chained_basic", "match_reexport_wrapper", "cleanup_last_declarations"} {
		t.Run(name, func(t *testing.T) {
			c := txtartest.Load(t, "../testdata/cases/"+name+".txtar")
			opts := withTool(t, driver.Options{Dir: c.Dir})
			res, err := driver.Plan(opts)
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
			if _, err := driver.Plan(opts); err == nil {
				t.Fatal("a rule whose deprecated symbol is gone is no error without the journal saying cleanup ran")
			}
			opts.CleanedUp = true
			after, err := driver.Plan(opts)
			if err != nil {
				t.Fatalf("cleaned up: %v", err)
			}
			if len(after.All) > 0 {
				t.Errorf("cleaned up: %d files still change, first %s", len(after.All), after.All[0].Path)
			}
			for _, s := range after.Sites {
				if s.Role == engine.RoleDeprecated {
					t.Errorf("cleaned up: deprecated site %s:%d:%d %s", s.Path, s.Line, s.Col, s.Symbol)
				}
			}
			gone := 0
			for _, w := range after.Warnings {
				if strings.Contains(w.Msg, "was deleted by the cleanup phase") {
					gone++
				}
			}
			if gone == 0 {
				t.Errorf("cleaned up: no warning that a rule's symbol is gone; warnings: %v", after.Warnings)
			}
		})
	}
}
