package analyzer_test

import (
	"os"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/tooltest"
)

// tool is the vet tool driver.Plan has the go command run (tooltest).
var tool string

// TestMain makes this test binary canonize's vet tool when the go
// command runs it as one.
func TestMain(m *testing.M) { os.Exit(tooltest.Main(m, &tool)) }

// diffOptions are the options canonize diff runs with in dir.
func diffOptions(dir string) driver.Options {
	return driver.Options{Dir: dir, Tool: tool, ToolEnv: tooltest.Env()}
}
