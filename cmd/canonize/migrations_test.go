package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/plan"
)

const migrationsDir = "../../testdata/migrations"

// baseVerify is what every phase of every migration must pass; a
// migration's want.json adds the build configurations its files need.
const baseVerify = "go build ./... && go vet ./... && go test ./..."

// migrationWant is a migration's want.json: what the whole migration,
// run phase by phase with the real binary, must end with.
type migrationWant struct {
	// ComplianceBefore is the plan's compliance on the pristine module.
	ComplianceBefore float64 `json:"compliance_before"`
	// ComplianceAfterMin is the least compliance once every phase that
	// is not blocked has been applied.
	ComplianceAfterMin float64 `json:"compliance_after_min"`
	// Rewritten counts the deprecated sites that moved (auto and inline
	// sites of the first plan that the last plan no longer has).
	Rewritten int `json:"rewritten"`
	// Left counts, by kind, the deprecated sites left for a person.
	Left map[engine.Kind]int `json:"left"`
	// Blocked lists the phases the first plan blocks (never applied).
	Blocked []int `json:"blocked"`
	// AlsoVerify is appended to baseVerify for every phase and after the
	// migration: other build configurations (GOOS=darwin, -tags).
	AlsoVerify []string `json:"also_verify"`
	// KnownIssues are canonize defects the migration exposes; each is
	// checked to still reproduce exactly as described.
	KnownIssues []knownIssue `json:"known_issues"`
}

// knownIssue is a defect the migration exposes, with the evidence the
// test expects while it lasts. When the evidence is gone the test fails,
// so that want.json is updated with the fix.
type knownIssue struct {
	ID      string `json:"id"`
	Summary string `json:"summary"`
	// BisectRollsBack lists the files apply --bisect must roll back
	// because their rewrite fails verification.
	BisectRollsBack []string `json:"bisect_rolls_back,omitempty"`
	// DiffAfter lists the files a second canonize diff still changes.
	DiffAfter []string `json:"diff_after,omitempty"`
	// NotGofmtAfter lists the files the migration leaves not gofmt-clean.
	NotGofmtAfter []string `json:"not_gofmt_after,omitempty"`
	// AfterContains maps a file to text it holds after the migration.
	AfterContains map[string]string `json:"after_contains,omitempty"`
	// SiteReason maps a site (path:line:col) of the first plan to text
	// its reason contains.
	SiteReason map[string]string `json:"site_reason,omitempty"`
}

// TestMigrations runs every migration under testdata/migrations with
// the real binary, as a team would: the module builds, vets and passes
// its tests; plan; apply each phase that is not blocked, verified by the
// module's own build and tests (with --bisect, so that a rewrite that
// breaks the build costs one file, not the phase); the result builds
// and passes, reaches the expected compliance with the expected sites
// left for a person, a second diff is empty, and rollback --all gives
// the tree back byte for byte.
func TestMigrations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests six modules several times: not in -short")
	}
	// The modules have no dependency outside themselves: make sure
	// nothing reaches for the network.
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=readonly")
	t.Setenv("GOTOOLCHAIN", "local")
	t.Setenv("GOWORK", "off")
	entries, err := os.ReadDir(migrationsDir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) < 6 {
		t.Fatalf("%d migrations under %s, want at least 6", len(names), migrationsDir)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			// Most of a migration's time is the go command's and
			// canonize's process start-ups and loads: two at a time
			// (-parallel defaults to GOMAXPROCS) keep both cores busy.
			t.Parallel()
			start := time.Now()
			runMigration(t, filepath.Join(migrationsDir, name))
			t.Logf("%s: %v", name, time.Since(start).Round(100*time.Millisecond))
		})
	}
}

func runMigration(t *testing.T, src string) {
	want := readMigrationWant(t, src)
	dir := copyTree(t, src)
	verify := strings.Join(append([]string{baseVerify}, want.AlsoVerify...), " && ")
	if out := runCmd(t, dir, "gofmt", "-l", "."); out != "" {
		t.Fatalf("the module is not gofmt-clean:\n%s", out)
	}
	shell(t, dir, verify)
	pristine := userTree(t, dir)

	before := planOf(t, dir)
	t.Logf("compliance before: %.1f%% (%d canonical, %d deprecated)", before.Compliance.Percent, before.Compliance.Canonical, before.Compliance.Deprecated)
	if math.Abs(before.Compliance.Percent-want.ComplianceBefore) > 0.05 {
		t.Errorf("compliance before: %.1f%%, want %.1f%%", before.Compliance.Percent, want.ComplianceBefore)
	}
	checkSiteReasons(t, before, want.KnownIssues)

	var blocked, rolledBack []string
	for _, ph := range before.Phases {
		if ph.Blocked {
			blocked = append(blocked, fmt.Sprint(ph.Number))
			continue
		}
		if len(ph.Files) == 0 {
			continue // nothing to do: apply's order check lets later phases run
		}
		r := canonize(t, dir, "apply", "--phase", fmt.Sprint(ph.Number), "--bisect", "--no-spec-verify", "--verify", verify)
		rolledBack = append(rolledBack, bisected(r.stdout)...)
		if r.code != 0 && len(bisected(r.stdout)) == 0 {
			t.Fatalf("apply --phase %d: exit %d\nstdout:\n%s\nstderr:\n%s", ph.Number, r.code, r.stdout, r.stderr)
		}
	}
	if got, wantB := strings.Join(blocked, ","), joinInts(want.Blocked); got != wantB {
		t.Errorf("blocked phases: [%s], want [%s]", got, wantB)
	}
	sort.Strings(rolledBack)
	if wantRB := knownFiles(want.KnownIssues, func(k knownIssue) []string { return k.BisectRollsBack }); !slices.Equal(rolledBack, wantRB) {
		t.Errorf("files apply --bisect rolled back: %q, want %q (known issues)", rolledBack, wantRB)
	}

	// The migrated module builds, vets and passes its tests in every
	// configuration it has files for.
	shell(t, dir, verify)
	unformatted := strings.Fields(runCmd(t, dir, "gofmt", "-l", "."))
	sort.Strings(unformatted)
	if wantU := knownFiles(want.KnownIssues, func(k knownIssue) []string { return k.NotGofmtAfter }); !slices.Equal(unformatted, wantU) {
		t.Errorf("files not gofmt-clean after the migration: %q, want %q (known issues)", unformatted, wantU)
	}

	after := planOf(t, dir)
	t.Logf("compliance after: %.1f%% (%d canonical, %d deprecated)", after.Compliance.Percent, after.Compliance.Canonical, after.Compliance.Deprecated)
	if after.Compliance.Percent < want.ComplianceAfterMin {
		t.Errorf("compliance after: %.1f%%, want at least %.1f%%", after.Compliance.Percent, want.ComplianceAfterMin)
	}
	moved := countKinds(before, engine.KindAuto, engine.KindInline) - countKinds(after, engine.KindAuto, engine.KindInline)
	if moved != want.Rewritten {
		t.Errorf("sites rewritten: %d, want %d", moved, want.Rewritten)
	}
	if left := leftByKind(after); !equalCounts(left, want.Left) {
		t.Errorf("sites left for a person: %v, want %v\n%s", left, want.Left, describeSites(after))
	}

	again := canonize(t, dir, "diff", "--color", "never")
	changed := changedInDiff(again.stdout)
	if wantD := knownFiles(want.KnownIssues, func(k knownIssue) []string { return k.DiffAfter }); !slices.Equal(changed, wantD) {
		t.Errorf("second diff changes %q, want %q (known issues)\n%s", changed, wantD, again.stdout)
	}
	if wantCode := min(len(changed), 1); again.code != wantCode {
		t.Errorf("second diff: exit %d, want %d\n%s", again.code, wantCode, again.stderr)
	}
	checkAfterContains(t, dir, want.KnownIssues)
	for _, k := range want.KnownIssues {
		t.Logf("KNOWN ISSUE %s (still reproduces): %s", k.ID, k.Summary)
	}

	mustRun(t, dir, 0, "rollback", "--all")
	if got := userTree(t, dir); got != pristine {
		t.Fatalf("tree after rollback --all differs from the module:\n%s\nwant\n%s", got, pristine)
	}
}

func readMigrationWant(t *testing.T, src string) migrationWant {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(src, "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	var w migrationWant
	if err := json.Unmarshal(data, &w); err != nil {
		t.Fatalf("want.json: %v", err)
	}
	return w
}

// shell runs command through sh -c in dir, as apply runs --verify.
func shell(t *testing.T, dir, command string) {
	t.Helper()
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", command, err, out)
	}
}

// bisected returns the files apply's output says bisect rolled back,
// one a line.
func bisected(stdout string) []string {
	const prefix = "rolled back by bisect (fails verification): "
	var out []string
	for _, l := range strings.Split(stdout, "\n") {
		if _, file, ok := strings.Cut(l, prefix); ok {
			out = append(out, file)
		}
	}
	return out
}

// changedInDiff lists the files a unified diff changes, sorted.
func changedInDiff(diff string) []string {
	var out []string
	for _, l := range strings.Split(diff, "\n") {
		if f, ok := strings.CutPrefix(l, "+++ b/"); ok {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func knownFiles(issues []knownIssue, files func(knownIssue) []string) []string {
	var out []string
	for _, k := range issues {
		out = append(out, files(k)...)
	}
	sort.Strings(out)
	return out
}

func checkSiteReasons(t *testing.T, p *plan.Plan, issues []knownIssue) {
	t.Helper()
	for _, k := range issues {
		for at, text := range k.SiteReason {
			found := false
			for _, s := range p.Sites {
				if fmt.Sprintf("%s:%d:%d", s.Path, s.Line, s.Col) == at {
					found = true
					if !strings.Contains(s.Reason, text) {
						t.Errorf("known issue %s no longer reproduces (update want.json): site %s reason %q does not contain %q", k.ID, at, s.Reason, text)
					}
				}
			}
			if !found {
				t.Errorf("known issue %s: no site at %s", k.ID, at)
			}
		}
	}
}

func checkAfterContains(t *testing.T, dir string, issues []knownIssue) {
	t.Helper()
	for _, k := range issues {
		for file, text := range k.AfterContains {
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), text) {
				t.Errorf("known issue %s no longer reproduces (update want.json): %s does not contain %q", k.ID, file, text)
			}
		}
	}
}

func countKinds(p *plan.Plan, kinds ...engine.Kind) int {
	n := 0
	for _, s := range p.Sites {
		if s.Role == engine.RoleDeprecated && slices.Contains(kinds, s.Kind) {
			n++
		}
	}
	return n
}

func leftByKind(p *plan.Plan) map[engine.Kind]int {
	m := map[engine.Kind]int{}
	for _, s := range p.Sites {
		if s.Role == engine.RoleDeprecated {
			m[s.Kind]++
		}
	}
	return m
}

func equalCounts(a, b map[engine.Kind]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func describeSites(p *plan.Plan) string {
	var b strings.Builder
	for _, s := range p.Sites {
		if s.Role == engine.RoleDeprecated {
			fmt.Fprintf(&b, "  %s:%d:%d: %s %s: %s\n", s.Path, s.Line, s.Col, s.Kind, s.Symbol, s.Reason)
		}
	}
	return b.String()
}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}
