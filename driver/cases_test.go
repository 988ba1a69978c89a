package driver_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/internal/txtartest"
	"github.com/canonize/canonize/internal/udiff"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/report"
	"github.com/canonize/canonize/spec"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/cases/*.txtar")

// TestCases runs every testdata/cases/*.txtar archive: the archive's
// files (minus the want sections) form a module with a canonize.yaml;
// the test compares the diff, the sites and the warnings or the error
// with the archive's want sections, then checks that the diff applies
// with git apply and that a second run over the output changes nothing.
//
// Sections: "want.diff" (the unified diff; empty when nothing changes),
// "want.sites" (every site, one per line), "want.warnings" (optional),
// "want.error" (for a spec or load error: exit-2 text; the other
// sections are then absent). An archive comment may say "args: PATTERN..."
// to restrict the packages, and "spec: FILE" to name the spec.
func TestCases(t *testing.T) {
	txtartest.Each(t, "../testdata/cases/*.txtar", true, runCase)
}

func runCase(t *testing.T, file string) {
	c := txtartest.Load(t, file)
	dir, want := c.Dir, c.Want
	opts := caseOptions(t, c)
	got := map[string]string{}
	res, err := driver.Plan(opts)
	if err != nil {
		var se *spec.Error
		var le *load.Error
		if !errors.As(err, &se) && !errors.As(err, &le) {
			t.Fatalf("unexpected error type %T: %v", err, err)
		}
		got["want.error"] = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "") + "\n"
	} else {
		got["want.diff"] = diffOf(res)
		got["want.sites"] = sitesOf(res)
		if w := warningsOf(res, dir); w != "" || want["want.warnings"] != "" {
			got["want.warnings"] = w
		}
		planSections(t, res, want, got, strings.HasPrefix(filepath.Base(file), "plan_"))
	}
	if *update {
		c.Update(t, got)
		return
	}
	c.Compare(t, got)
	if res == nil || len(res.Changes) == 0 {
		return
	}
	checkGitApply(t, dir, got["want.diff"])
	// Idempotence: the rewritten tree gives no further diff.
	for _, ch := range res.Changes {
		txtartest.WriteFile(t, ch.Abs, ch.New)
	}
	again, err := driver.Plan(opts)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if d := diffOf(again); d != "" {
		t.Errorf("second run is not a no-op:\n%s", d)
	}
	checkVets(t, dir, res)
}

// checkVets runs the real go vet (which builds every package, tests
// included) on the rewritten tree. A failure counts only if the tree as
// it was vets clean: some cases hold broken code on purpose.
func checkVets(t *testing.T, dir string, res *driver.Result) {
	t.Helper()
	out, err := goVet(dir)
	if err == nil {
		return
	}
	for _, ch := range res.Changes {
		txtartest.WriteFile(t, ch.Abs, ch.Old)
	}
	if _, before := goVet(dir); before == nil {
		t.Errorf("go vet fails on the rewritten tree, not on the original:\n%s", out)
	}
}

func goVet(dir string) (string, error) {
	cmd := exec.Command("go", "vet", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// planSections renders the plan sections a case asks for (all of them
// for plan_ cases): want.plan (text), want.tiers (one line per phase
// file: tier and reasons), want.plan.md, want.plan.json, want.phase4.diff.
func planSections(t *testing.T, res *driver.Result, want, got map[string]string, all bool) {
	has := func(k string) bool {
		_, ok := want[k]
		return ok || all
	}
	var b bytes.Buffer
	if has("want.plan") {
		if err := report.WriteText(&b, res.Plan); err != nil {
			t.Fatal(err)
		}
		got["want.plan"] = b.String()
	}
	if has("want.tiers") {
		var tb strings.Builder
		for _, ph := range res.Plan.Phases {
			for _, f := range ph.Files {
				fmt.Fprintf(&tb, "%d %s %s %s: %s\n", ph.Number, ph.Name, f.Path, f.Tier, strings.Join(f.Reasons, "; "))
			}
		}
		got["want.tiers"] = tb.String()
	}
	if _, ok := want["want.plan.md"]; ok {
		b.Reset()
		if err := report.WriteMarkdown(&b, res.Plan, nil); err != nil {
			t.Fatal(err)
		}
		got["want.plan.md"] = b.String()
	}
	if _, ok := want["want.plan.json"]; ok {
		b.Reset()
		if err := report.WriteJSON(&b, res.Plan); err != nil {
			t.Fatal(err)
		}
		got["want.plan.json"] = b.String()
	}
	if has("want.phase4.diff") {
		b.Reset()
		if ph := res.Order.Phase(4); ph != nil && !ph.Blocked {
			for _, f := range ph.Files {
				b.Write(udiff.Unified(f.Path, f.Before, f.After))
			}
		}
		got["want.phase4.diff"] = b.String()
	}
}

func diffOf(res *driver.Result) string {
	var b bytes.Buffer
	for _, c := range res.Changes {
		b.Write(udiff.Unified(c.Path, c.Old, c.New))
	}
	return b.String()
}

func sitesOf(res *driver.Result) string {
	var b strings.Builder
	for _, s := range res.Sites {
		fmt.Fprintf(&b, "%s:%d:%d: %s", s.Path, s.Line, s.Col, s.Role)
		if s.Kind != "" {
			fmt.Fprintf(&b, " %s", s.Kind)
		}
		fmt.Fprintf(&b, " %s", s.Symbol)
		if s.Rule != "" {
			fmt.Fprintf(&b, " rule=%s", s.Rule)
		}
		if s.Via != "" {
			fmt.Fprintf(&b, " via=%s", s.Via)
		}
		if s.Reason != "" {
			fmt.Fprintf(&b, ": %s", s.Reason)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func warningsOf(res *driver.Result, dir string) string {
	var b strings.Builder
	for _, d := range append(append([]diag.Diagnostic(nil), res.Warnings...), res.Problems...) {
		line := strings.ReplaceAll(d.String(), dir+string(filepath.Separator), "")
		b.WriteString(line + "\n")
	}
	return b.String()
}

// checkGitApply checks the diff with the real git apply on a pristine
// copy of the case's module.
func checkGitApply(t *testing.T, dir, diff string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is required: %v", err)
	}
	cmd := exec.Command("git", "apply", "--check", "-")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(diff)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git apply --check: %v\n%s", err, out)
	}
}
