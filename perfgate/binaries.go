package perfgate

import (
	"bufio"
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
)

// Target is a package whose test binary the gate builds and runs.
type Target struct {
	ImportPath string
	Dir        string // where its binary runs, as go test runs it
}

// ListArgs are the go command's arguments that list the packages
// (ParseTargets reads the output): the gate runs the test binaries of
// those with test files.
func (o Options) ListArgs() []string {
	return append([]string{"list", "-f", "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}\t{{.Dir}}{{end}}"}, o.Packages...)
}

// ParseTargets reads the output of ListArgs.
func ParseTargets(out []byte) []Target {
	var ts []Target
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, dir, ok := strings.Cut(sc.Text(), "\t"); ok {
			ts = append(ts, Target{ImportPath: path, Dir: dir})
		}
	}
	return ts
}

// BuildArgs are the go command's arguments that build target i's test
// binary into dir; Binary names it.
func (o Options) BuildArgs(t Target, i int, dir string) []string {
	return []string{"test", "-c", "-o", Binary(dir, i), t.ImportPath}
}

// Binary is the path of target i's test binary in dir.
func Binary(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("pkg%d.test", i)) }

// RunArgs are a test binary's arguments for one run of the benchmarks.
func (o Options) RunArgs() []string {
	args := []string{"-test.run", "^$", "-test.bench", o.Pattern, "-test.count", "1"}
	if o.BenchTime != "" {
		args = append(args, "-test.benchtime", o.BenchTime)
	}
	return args
}
