package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/canonize/canonize/vettool"

	"golang.org/x/tools/txtar"
)

// binary is the canonize command built once for the tests that run it
// as a real process.
var binary string

// asMainEnv makes the test binary run as canonize itself (the go
// command's own pattern for testing a program that must crash): with it
// set, TestMain runs the command line in its arguments and exits with
// its status. pauseAtEnv then names the durability point at which apply
// stops for good, so that a test can kill -9 it there.
const (
	asMainEnv  = "CANONIZE_TEST_AS_MAIN"
	pauseAtEnv = "CANONIZE_TEST_PAUSE_AT"
)

// coverDirEnv, set by make cover (scripts/cover.sh), asks for binary to
// be built with coverage of every package of the module and to write its
// counters to the directory it names, so that the coverage report counts
// what the CLI tests exercise. coverDir is its value, made absolute.
const coverDirEnv = "CANONIZE_COVERDIR"

var coverDir string

func TestMain(m *testing.M) {
	if os.Getenv(asMainEnv) != "" {
		os.Exit(runAsMain())
	}
	if dir := os.Getenv(cacheProgEnv); dir != "" {
		os.Exit(serveCache(dir))
	}
	if err := build(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(filepath.Dir(binary))
	os.Exit(code)
}

// build builds binary, instrumented for coverage when coverDirEnv is set.
func build() error {
	dir, err := os.MkdirTemp("", "canonize-bin")
	if err != nil {
		return err
	}
	binary = filepath.Join(dir, "canonize")
	args := []string{"build", "-o", binary}
	if d := os.Getenv(coverDirEnv); d != "" {
		if coverDir, err = filepath.Abs(d); err != nil {
			return err
		}
		args = append(args, "-cover", "-coverpkg=github.com/canonize/canonize/...")
	}
	out, err := exec.Command("go", append(args, ".")...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("build canonize: %v\n%s", err, out)
	}
	return nil
}

// binaryEnv is the environment to run binary in: this process's, the
// coverage directory when there is one, then extra.
func binaryEnv(extra ...string) []string {
	env := os.Environ()
	if coverDir != "" {
		// Overrides the GOCOVERDIR go test -cover sets, whose reader
		// skips data from binaries other than the test's.
		env = append(env, "GOCOVERDIR="+coverDir)
	}
	return append(env, extra...)
}

// runAsMain is main, with the pause point of pauseAtEnv injected: the
// go command it runs also runs this binary as its vet tool.
func runAsMain() int {
	if vettool.Is(os.Args[1:]) {
		vettool.Main(os.Args[1:])
	}
	k, _ := strconv.Atoi(os.Getenv(pauseAtEnv))
	return run(os.Args[1:], os.Stdout, os.Stderr, deps{onDurable: pauseAt(k)})
}

// pauseAt returns an OnDurable hook that, at point k, says so on stderr
// and then blocks forever.
func pauseAt(k int) func(point int) {
	return func(point int) {
		if point != k {
			return
		}
		fmt.Fprintf(os.Stderr, "canonize-test: paused at point %d\n", point)
		for {
			// A sleeping goroutine, unlike select{}, cannot trip the
			// runtime's "all goroutines are asleep" check.
			time.Sleep(time.Hour)
		}
	}
}

// result is what one run of the binary did.
type result struct {
	code           int
	stdout, stderr string
}

func canonize(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return canonizeEnv(t, dir, nil, args...)
}

// extract writes a txtar archive's files under a new temp dir.
func extract(t *testing.T, archive string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// copyTree copies src to a new temp dir.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// treeHash fingerprints every file (path, mode, content) under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%s %v %x", rel, info.Mode(), sha256.Sum256(data)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func runCmd(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// gitApply applies a diff to the tree at dir with the real git apply.
func gitApply(t *testing.T, dir, diff string) {
	t.Helper()
	cmd := exec.Command("git", "apply", "-")
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
}
