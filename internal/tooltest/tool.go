package tooltest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/vettool"
)

// Tool returns the vet tool for the running test binary: the binary
// itself, or, when it is built with -race, a canonize binary built from
// the same sources without it (running the race detector in every
// package's analysis would be several times slower, and the race
// detector is meant for the driver). cleanup removes what was built.
func Tool() (tool string, cleanup func(), err error) {
	exe, err := filepath.Abs(os.Args[0])
	if err != nil {
		return "", nil, err
	}
	if !raceEnabled {
		return exe, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "canonize-tool")
	if err != nil {
		return "", nil, err
	}
	tool = filepath.Join(dir, "canonize")
	if out, err := exec.Command("go", "build", "-o", tool, "github.com/canonize/canonize/cmd/canonize").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("build the vet tool: %v\n%s", err, out)
	}
	return tool, func() { os.RemoveAll(dir) }, nil
}

// Main is a test binary's TestMain for tests that drive the commands'
// analysis: run by the go command as its vet tool, the binary is that
// (vettool.Main); otherwise *tool is set (Tool) and the tests run. It
// returns the exit status.
func Main(m *testing.M, tool *string) int {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	t, cleanup, err := Tool()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer cleanup()
	*tool = t
	return m.Run()
}

// Env is the environment the tool needs to know it runs as one.
func Env() []string { return []string{vettool.EnvVar + "=1"} }
