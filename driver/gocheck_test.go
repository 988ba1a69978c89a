package driver_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/txtartest"
)

// checkFallbacks are the cases Check does not send through the go
// command, each with (a part of) the reason it gives. Every other case
// must go through the go command.
var checkFallbacks = map[string]string{}

// checkReasonDiffers are the cases where the two paths agree on every
// site's position, kind and rule, and on compliance, but word a reason
// differently, each with why; their reasons are not compared.
var checkReasonDiffers = map[string]string{}

// TestCheckSameAsRun runs canonize check's two paths on every txtar
// case and on the example module: Check (canonize's Analyzer run by the
// go command in every build configuration) and Run (the whole-program
// load), and asserts the same sites — position, role, symbol, kind,
// rule, reason, via, replacement and the fields a baseline keys on — the
// same compliance, and, as SARIF asks for them, the same content of
// every changed file. A case Check falls back on must be listed in
// checkExceptions with the reason Check gives.
func TestCheckSameAsRun(t *testing.T) {
	var through, fellBack, documented int // cases that passed either way; documented fallbacks run
	txtartest.Each(t, "../testdata/cases/*.txtar", false, func(t *testing.T, file string) {
		c := txtartest.Load(t, file)
		opts := caseOptions(t, c)
		name := filepath.Base(file)
		if checkFallbacks[name] != "" {
			documented++
		}
		if compareCheck(t, opts, checkFallbacks[name], checkReasonDiffers[name] != "") {
			through++
		} else {
			fellBack++
		}
	})
	t.Run("chatapp", func(t *testing.T) {
		dir := copyDir(t, "../testdata/chatapp")
		compareCheck(t, withTool(t, driver.Options{Dir: dir}), "", false)
	})
	t.Logf("through the go command: %d cases; fallen back (documented): %d", through, fellBack)
	if fellBack != documented && !t.Failed() {
		t.Errorf("%d cases fell back, %d are documented", fellBack, documented)
	}
}

// compareCheck compares both paths on one module; it reports whether
// Check went through the go command. exception is the documented
// reason the case falls back, or ""; with noReasons, reasons are not
// compared.
func compareCheck(t *testing.T, opts driver.Options, exception string, noReasons bool) bool {
	t.Helper()
	want, wantErr := driver.Run(opts)
	got, gotErr := driver.Check(opts)
	if wantErr != nil || gotErr != nil {
		if fmt.Sprint(wantErr) != fmt.Sprint(gotErr) {
			t.Fatalf("Run: %v\nCheck: %v", wantErr, gotErr)
		}
		return exception == "" // the same error, before any analysis
	}
	if got.Engine != driver.EngineGoCommand {
		if exception == "" {
			t.Fatalf("Check fell back to the load: %s", got.Fallback)
		}
		if !strings.Contains(got.Fallback, exception) {
			t.Fatalf("Check fell back (%s), not for the documented reason %q", got.Fallback, exception)
		}
	} else if exception != "" {
		t.Errorf("documented exception %q no longer applies: Check went through the go command; remove it", exception)
	}
	if d := siteDiff(siteLines(want.Plan.Sites, noReasons), siteLines(got.Plan.Sites, noReasons)); d != "" {
		t.Errorf("sites differ (-Run +Check):\n%s", d)
	}
	if w, g := fmt.Sprintf("%+v", want.Plan.Compliance), fmt.Sprintf("%+v", got.Plan.Compliance); w != g {
		t.Errorf("compliance differs:\nRun:   %s\nCheck: %s", w, g)
	}
	if got.Engine == driver.EngineGoCommand {
		compareChanges(t, opts, want)
	}
	return got.Engine == driver.EngineGoCommand
}

// compareChanges asks Check for exact changes (as SARIF's fixes do) and
// asserts each changed file's content after phases 1-3 is Run's, unless
// Check says it falls back for that (canonize's own fixes of a file do
// not combine by themselves) and then gives Run's changes.
func compareChanges(t *testing.T, opts driver.Options, want *driver.Result) {
	t.Helper()
	opts.ExactChanges = true
	got, err := driver.Check(opts)
	if err != nil {
		t.Fatalf("Check with exact changes: %v", err)
	}
	if got.Engine != driver.EngineGoCommand && !strings.Contains(got.Fallback, "do not combine by themselves") {
		t.Fatalf("Check with exact changes fell back: %s", got.Fallback)
	}
	if d := siteDiff(changeLines(want.Changes), changeLines(got.Changes)); d != "" {
		t.Errorf("changed files differ (-Run +Check):\n%s", d)
	}
}

// changeLines names each changed file with its new content.
func changeLines(changes []driver.Change) []string {
	out := make([]string, 0, len(changes))
	for _, c := range changes {
		out = append(out, fmt.Sprintf("%s:\n%s", c.Path, c.New))
	}
	slices.Sort(out)
	return out
}

// siteLines prints every field of each site a report or a baseline
// reads, one site a line, sorted.
func siteLines(sites []engine.Site, noReasons bool) []string {
	out := make([]string, 0, len(sites))
	for _, s := range sites {
		if noReasons {
			s.Reason = "(not compared)"
		}
		out = append(out, fmt.Sprintf("%s:%d:%d-%d:%d %s %s kind=%s rule=%s via=%s repl=%q reason=%q func=%s text=%q pkg=%s gen=%v",
			s.Path, s.Line, s.Col, s.EndLine, s.EndCol, s.Role, s.Symbol, s.Kind, s.Rule, s.Via, s.Replacement, s.Reason, s.Func, s.Text, s.Package, s.Generated))
	}
	slices.Sort(out)
	return out
}

// siteDiff lists the lines only a has (-) and only b has (+).
func siteDiff(a, b []string) string {
	var d strings.Builder
	for _, l := range a {
		if !slices.Contains(b, l) {
			d.WriteString("- " + l + "\n")
		}
	}
	for _, l := range b {
		if !slices.Contains(a, l) {
			d.WriteString("+ " + l + "\n")
		}
	}
	if d.Len() == 0 && len(a) != len(b) {
		fmt.Fprintf(&d, "%d sites against %d (a site repeated)\n", len(a), len(b))
	}
	return d.String()
}

// copyDir copies a tree into a temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
