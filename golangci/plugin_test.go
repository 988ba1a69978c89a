package golangci_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/canonize/canonize/internal/txtartest"
)

// TestGolangciLintPlugin builds golangci-lint with the plugin compiled in
// (internal/gcl, its own module: what `golangci-lint custom` builds) and
// runs it, the way a team enables a module plugin, on txtar cases: every
// deprecated site canonize finds is an issue of the canonize linter at
// its position, a caller of a facade package included (the re-export
// crosses packages as a fact), and `golangci-lint run --fix` rewrites the
// files as canonize diff's patch does (git apply of the case's want.diff
// on another copy).
func TestGolangciLintPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint: not in -short")
	}
	gcl := filepath.Join(t.TempDir(), "gcl")
	build := exec.Command("go", "build", "-o", gcl, ".")
	build.Dir = filepath.Join("internal", "gcl")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build golangci-lint with the plugin: %v\n%s", err, out)
	}
	for _, name := range []string{"chained_basic", "match_reexport_wrapper"} {
		t.Run(name, func(t *testing.T) {
			c := txtartest.Load(t, "../testdata/cases/"+name+".txtar")
			writeConfig(t, c.Dir)
			got := issues(t, gcl, c.Dir)
			for _, want := range deprecatedSites(c.Want["want.sites"]) {
				if !strings.Contains(got[want], "ws.") {
					t.Errorf("%s: no canonize issue naming the replacement (issues: %v)", want, got)
				}
			}
			fixed := fix(t, gcl, c.Dir)
			patched := txtartest.Load(t, "../testdata/cases/"+name+".txtar").Dir
			gitApply(t, patched, c.Want["want.diff"])
			for _, rel := range []string{"app/app.go"} {
				if a, b := read(t, fixed, rel), read(t, patched, rel); a != b {
					t.Errorf("%s after golangci-lint run --fix:\n%s\ncanonize diff's patch gives:\n%s", rel, a, b)
				}
			}
		})
	}
}

// writeConfig enables only the canonize linter, as a module plugin.
func writeConfig(t *testing.T, dir string) {
	t.Helper()
	cfg := "version: \"2\"\nlinters:\n  default: none\n  enable: [canonize]\n  settings:\n    custom:\n      canonize:\n        type: module\n        description: canonize's Analyzer\n"
	if err := os.WriteFile(filepath.Join(dir, ".golangci.yml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs golangci-lint in dir with a cache of its own.
func run(t *testing.T, gcl, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(gcl, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
		return out // issues found
	}
	if err != nil {
		t.Fatalf("golangci-lint %s: %v\n%s\n%s", strings.Join(args, " "), err, out, stderrOf(err))
	}
	return out
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// issues are the canonize linter's issues by "file:line:col".
func issues(t *testing.T, gcl, dir string) map[string]string {
	t.Helper()
	out := run(t, gcl, dir, "run", "--output.json.path=stdout", "--output.text.path=", "./...")
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(firstJSON(out), &report); err != nil {
		t.Fatalf("golangci-lint's JSON: %v\n%s", err, out)
	}
	got := map[string]string{}
	for _, is := range report.Issues {
		if is.FromLinter == "canonize" {
			got[filepath.ToSlash(is.Pos.Filename)+":"+strconv.Itoa(is.Pos.Line)+":"+strconv.Itoa(is.Pos.Column)] = is.Text
		}
	}
	return got
}

// firstJSON is the first line of out that holds a JSON object.
func firstJSON(out []byte) []byte {
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "{") {
			return []byte(line)
		}
	}
	return out
}

// fix runs golangci-lint run --fix and returns dir.
func fix(t *testing.T, gcl, dir string) string {
	t.Helper()
	run(t, gcl, dir, "run", "--fix", "./...")
	return dir
}

// deprecatedSites are the positions of the want.sites lines of
// deprecated sites.
func deprecatedSites(sites string) []string {
	var out []string
	for _, line := range strings.Split(sites, "\n") {
		if pos, rest, ok := strings.Cut(line, ": "); ok && strings.HasPrefix(rest, "deprecated ") {
			out = append(out, pos)
		}
	}
	return out
}

func gitApply(t *testing.T, dir, diff string) {
	t.Helper()
	cmd := exec.Command("git", "apply", "-")
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git apply: %v\n%s", err, out)
	}
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
