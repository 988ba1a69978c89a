package driver_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/tooltest"
	"github.com/canonize/canonize/internal/txtartest"
)

// tool is the vet tool the go command runs: this test binary, or under
// -race a canonize binary built from the same sources without it (the
// race detector then checks the driver, not every package's analysis).
var tool string

// TestMain makes this test binary canonize's vet tool when the go
// command runs it as one: the driver runs Go's inliner that way.
func TestMain(m *testing.M) { os.Exit(tooltest.Main(m, &tool)) }

// caseOptions are the options a txtar case asks for, with the vet tool:
// its package patterns (the "args" comment) and spec ("spec").
func caseOptions(t testing.TB, c *txtartest.Case) driver.Options {
	t.Helper()
	opts := withTool(t, driver.Options{Dir: c.Dir})
	for _, p := range c.Comment("args") {
		opts.Patterns = append(opts.Patterns, filepath.Join(c.Dir, p))
	}
	if sp := c.Comment("spec"); len(sp) > 0 {
		opts.SpecFile = filepath.Join(c.Dir, sp[0])
	}
	return opts
}

// withTool sets opts to run the vet tool (see tool).
func withTool(t testing.TB, opts driver.Options) driver.Options {
	t.Helper()
	opts.Tool, opts.ToolEnv = tool, tooltest.Env()
	return opts
}
