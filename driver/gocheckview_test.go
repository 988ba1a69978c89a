package driver_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/txtartest"
)

// TestCheckMoveDestinationChanges: a move's destination is a package the
// code does not depend on, read by every pass from the export data file
// check names in a flag. When the destination changes, check must not
// replay the results the go command cached from the old one: Burst,
// which the destination declared with another value, moves once the
// values agree.
func TestCheckMoveDestinationChanges(t *testing.T) {
	c := txtartest.Load(t, "../testdata/cases/move_const_value_differs.txtar")
	opts := withTool(t, driver.Options{Dir: c.Dir})
	burst := func() engine.Site {
		t.Helper()
		res, err := driver.Check(opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range res.Sites {
			if s.Symbol == "oldlimits.Burst" {
				return s
			}
		}
		t.Fatal("no site of oldlimits.Burst")
		return engine.Site{}
	}
	if s := burst(); s.Kind != engine.KindManual {
		t.Fatalf("before: Burst is %s (%s), want manual: the destination's value differs", s.Kind, s.Reason)
	}
	file := filepath.Join(c.Dir, "limits", "limits.go")
	src := "package limits\n\nconst MaxConns = 100\n\nconst Burst = 10\n\nvar Name = []byte(\"limits\")\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := burst(); s.Kind != engine.KindAuto {
		t.Errorf("after the destination changed: Burst is %s (%s), want auto (a stale cached result?)", s.Kind, s.Reason)
	}
}
