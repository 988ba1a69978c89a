package driver_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/vettool"
)

// TestMain makes this test binary canonize's vet tool when the go
// command runs it as one: the driver runs Go's inliner that way.
func TestMain(m *testing.M) {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	os.Exit(m.Run())
}

// withTool sets opts to run this test binary as the vet tool.
func withTool(t testing.TB, opts driver.Options) driver.Options {
	exe, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	opts.Tool, opts.ToolEnv = exe, []string{vettool.EnvVar + "=1"}
	return opts
}
