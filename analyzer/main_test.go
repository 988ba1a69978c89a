package analyzer_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/tooltest"
	"github.com/canonize/canonize/vettool"
)

// tool is the vet tool driver.Plan has the go command run (tooltest).
var tool string

// TestMain makes this test binary canonize's vet tool when the go
// command runs it as one.
func TestMain(m *testing.M) {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	t, cleanup, err := tooltest.Tool()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer cleanup()
	tool = t
	return m.Run()
}

// diffOptions are the options canonize diff runs with in dir.
func diffOptions(dir string) driver.Options {
	return driver.Options{Dir: dir, Tool: tool, ToolEnv: []string{vettool.EnvVar + "=1"}}
}
