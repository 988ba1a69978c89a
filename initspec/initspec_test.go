package initspec

import (
	"errors"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canonize/canonize/internal/txtartest"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/spec"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/initspec/*.txtar")

// TestGenerate runs every testdata/initspec/*.txtar archive: its files
// form a module; the comment's "args:" line names the packages; the
// spec init writes is compared with want.yaml, or its error with
// want.error.
func TestGenerate(t *testing.T) {
	txtartest.Each(t, "../testdata/initspec/*.txtar", false, runCase)
}

func runCase(t *testing.T, file string) {
	c := txtartest.Load(t, file)
	got := map[string]string{}
	out, notes, err := Generate(c.Dir, c.Comment("args"))
	if err != nil {
		var le *load.Error
		if !errors.As(err, &le) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		got["want.error"] = strings.ReplaceAll(err.Error(), c.Dir+string(filepath.Separator), "") + "\n"
	} else {
		got["want.yaml"] = string(out)
		// What init writes must be a valid spec as it stands.
		if _, err := spec.Parse("canonize.yaml", out); err != nil {
			t.Errorf("the spec init wrote does not parse: %v", err)
		}
	}
	if len(notes) > 0 {
		got["want.notes"] = strings.ReplaceAll(strings.Join(notes, "\n"), c.Dir+string(filepath.Separator), "") + "\n"
	}
	if *update {
		c.Update(t, got)
		return
	}
	c.Compare(t, got)
}
