package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const affectedCase = "../../testdata/apply/affected.txtar"

// The phase breaks c, which has no test; only the external test of a,
// two imports away, notices. --verify-affected must select a (and say
// why), fail and roll the phase back; it must not select z, whose test
// always fails.
func TestVerifyAffectedCatchesTransitiveImporter(t *testing.T) {
	dir := extract(t, affectedCase)
	start := userTree(t, dir)
	r := mustRun(t, dir, 1, "apply", "--phase", "2", "--verify-affected", "-v")
	for _, want := range []string{
		"affected tests: 3 of 5 packages (the phase changes 1 file)",
		"example.com/m/a: imports example.com/m/b → example.com/m/c (changed: c/c.go)",
		"example.com/m/b: imports example.com/m/c (changed: c/c.go)",
		"example.com/m/c: changed: c/c.go",
		"go test example.com/m/a example.com/m/b example.com/m/c\n",
		`Title() = "[C]", want "[ C ]"`,
		"the phase was rolled back",
	} {
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("output lacks %q:\n%s\n%s", want, r.stdout, r.stderr)
		}
	}
	if strings.Contains(r.stdout+r.stderr, "example.com/m/z") {
		t.Errorf("z was selected:\n%s", r.stderr)
	}
	if got := userTree(t, dir); got != start {
		t.Fatal("tree after the failed verification differs from the start")
	}
}

// With a change that keeps a's behaviour the same selection passes,
// although z's test fails: z is not run. The spec's verify_affected
// asks for the same as the flag.
func TestVerifyAffectedSpecFieldPasses(t *testing.T) {
	dir := extract(t, affectedCase)
	c := filepath.Join(dir, "c", "c.go")
	src, _ := os.ReadFile(c)
	if err := os.WriteFile(c, []byte(strings.Replace(string(src), `ws.Old(" c ")`, `" " + ws.Old("c") + " "`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "canonize.yaml")
	s, _ := os.ReadFile(spec)
	if err := os.WriteFile(spec, append(s, "verify_affected: true\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, dir, 0, "apply", "--phase", "2")
	if !strings.Contains(r.stderr, "affected tests: 3 of 5 packages") || !strings.Contains(r.stdout, "ok  \texample.com/m/a") {
		t.Errorf("apply with verify_affected: true:\n%s\n%s", r.stdout, r.stderr)
	}
	// --no-spec-verify drops the spec's verify_affected with its verify:.
	mustRun(t, dir, 0, "rollback", "--all")
	r = mustRun(t, dir, 0, "apply", "--phase", "2", "--no-spec-verify")
	if strings.Contains(r.stderr, "affected tests") || !strings.Contains(r.stderr, "are not run") {
		t.Errorf("--no-spec-verify still selected tests:\n%s", r.stderr)
	}
}

// Every verification is on record: status shows the last result of
// each phase, plan --markdown and the HTML report the evidence, a
// failure with the end of its output.
func TestVerifyResultsOnRecord(t *testing.T) {
	dir := applyTree(t)
	mustRun(t, dir, 0, "apply", "--phase", "2", "--verify", "echo checked-by-canonize")
	st := mustRun(t, dir, 0, "status")
	if !regexp.MustCompile(`phase 2 production +applied +5 files\n +verify ok +\d+ms +echo checked-by-canonize\n`).MatchString(st.stdout) {
		t.Errorf("status should show the phase's verification:\n%s", st.stdout)
	}
	js := mustRun(t, dir, 0, "status", "--json")
	for _, want := range []string{`"command": "echo checked-by-canonize"`, `"exit": 0`, `"tail": "checked-by-canonize"`, `"verified": []`} {
		if !strings.Contains(js.stdout, want) {
			t.Errorf("status --json lacks %s:\n%s", want, js.stdout)
		}
	}
	md := mustRun(t, dir, 0, "plan", "--markdown")
	if !strings.Contains(md.stdout, "## Verification evidence") || !regexp.MustCompile("\\| `echo checked-by-canonize` \\| ok \\| \\d+ms \\|").MatchString(md.stdout) {
		t.Errorf("plan --markdown lacks the evidence:\n%s", md.stdout)
	}
	page := filepath.Join(t.TempDir(), "r.html")
	mustRun(t, dir, 0, "report", "-o", page)
	if html, _ := os.ReadFile(page); !strings.Contains(string(html), "<h3>Evidence</h3>") || !strings.Contains(string(html), "<code>echo checked-by-canonize</code>") {
		t.Errorf("the report lacks the evidence")
	}

	// A failure: the latest apply's results replace the earlier ones,
	// with the command's exit status and the end of its output.
	mustRun(t, dir, 0, "rollback", "--phase", "2")
	mustRun(t, dir, 1, "apply", "--phase", "2", "--verify", "echo first; echo the-last-words; exit 3")
	st = mustRun(t, dir, 0, "status")
	if !regexp.MustCompile(`phase 2 production +rolled-back.*\n +verify exit 3 +\d+ms +echo first; echo the-last-words; exit 3\n +\| the-last-words\n`).MatchString(st.stdout) ||
		strings.Contains(st.stdout, "checked-by-canonize") {
		t.Errorf("status after a failed verification:\n%s", st.stdout)
	}
	md = mustRun(t, dir, 0, "plan", "--markdown")
	if !strings.Contains(md.stdout, "| exit 3 |") || !strings.Contains(md.stdout, "first\nthe-last-words\n```") {
		t.Errorf("plan --markdown after a failure:\n%s", md.stdout)
	}
}

const benchCase = "../../testdata/apply/bench.txtar"

// benchArgs keep the gate's runs short: 10 runs of 100ms on each side.
var benchArgs = []string{"--bench", "Shout", "--bench-time", "100ms"}

// A phase that makes a benchmark several times slower fails the gate and
// is rolled back; the table and the journal say by how much.
func TestBenchSlowerRollsBack(t *testing.T) {
	dir := extract(t, benchCase)
	start := userTree(t, dir)
	r := mustRun(t, dir, 1, append([]string{"apply", "--phase", "2"}, benchArgs...)...)
	if !regexp.MustCompile(`example.com/m/p +BenchmarkShout .* \+\d+\.\d% +p=0\.\d+ n=10 +slower`).MatchString(r.stderr) ||
		!strings.Contains(r.stderr, "slower than the 10% allowed: BenchmarkShout +") || !strings.Contains(r.stderr, "the phase was rolled back") {
		t.Errorf("apply of a slower phase:\n%s", r.stderr)
	}
	if got := userTree(t, dir); got != start {
		t.Fatal("tree after the failed gate differs from the start")
	}
	st := mustRun(t, dir, 0, "status")
	if !regexp.MustCompile(`verify ok .*go test -run '\^\$' -bench Shout -count 10 -benchtime 100ms \./\.\.\. \(old and new test binaries in turn\) \[before writing\]\n +verify failed .* \[1 benchmark, worst example.com/m/p BenchmarkShout \+\d+\.\d% \(slower\)\]`).MatchString(st.stdout) {
		t.Errorf("status should show the baseline and the failed gate:\n%s", st.stdout)
	}
}

// A phase whose change is the same work (noise only) passes the gate.
func TestBenchNoiseKept(t *testing.T) {
	dir := extract(t, benchCase)
	same := "package ws\n\nimport \"strings\"\n\n// Old upper-cases s.\n//\n// Deprecated: use New.\nfunc Old(s string) string { return strings.ToUpper(s) }\n\n// New upper-cases s.\nfunc New(s string) string { return strings.ToUpper(s) }\n"
	if err := os.WriteFile(filepath.Join(dir, "ws", "ws.go"), []byte(same), 0o644); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, dir, 0, append([]string{"apply", "--phase", "2"}, benchArgs...)...)
	if !regexp.MustCompile(`BenchmarkShout .* (same|faster|ok|warn)\n`).MatchString(r.stderr) || !strings.Contains(r.stdout, "applied 1 file(s), verified") {
		t.Errorf("apply of a noise-level change:\n%s\n%s", r.stdout, r.stderr)
	}
}

// Bad input is refused before anything is written: a pattern that
// matches no benchmark, a benchmark that fails, too few runs.
func TestBenchBadInputBeforeWriting(t *testing.T) {
	dir := extract(t, benchCase)
	start := userTree(t, dir)
	r := mustRun(t, dir, 2, "apply", "--phase", "2", "--bench", "NoSuchBenchmark", "--bench-time", "10ms")
	if !strings.Contains(r.stderr, `-bench "NoSuchBenchmark" matched no benchmark`) || !strings.Contains(r.stderr, "nothing was written") {
		t.Errorf("a pattern matching nothing:\n%s", r.stderr)
	}
	r = mustRun(t, dir, 2, "apply", "--phase", "2", "--bench", "Shout", "--bench-count", "3")
	if !strings.Contains(r.stderr, "at least 6 runs") {
		t.Errorf("--bench-count 3:\n%s", r.stderr)
	}
	bt := filepath.Join(dir, "p", "p_test.go")
	src, _ := os.ReadFile(bt)
	if err := os.WriteFile(bt, []byte(strings.Replace(string(src), "for range b.N {", "panic(\"the benchmark is broken\")\n\tfor range b.N {", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	r = mustRun(t, dir, 2, "apply", "--phase", "2", "--bench", "Shout", "--bench-time", "10ms")
	if !strings.Contains(r.stderr, "the benchmarks before the phase: the benchmarks of example.com/m/p failed (exit status 2)") || !strings.Contains(r.stdout+r.stderr, "the benchmark is broken") {
		t.Errorf("a panicking benchmark:\n%s", r.stderr)
	}
	os.WriteFile(bt, src, 0o644)
	if got := userTree(t, dir); got != start {
		t.Fatal("a refused apply changed the tree")
	}
	if st := mustRun(t, dir, 0, "status"); !regexp.MustCompile(`phase 2 production +pending`).MatchString(st.stdout) {
		t.Errorf("status after refusals:\n%s", st.stdout)
	}
}

// The apply fixture's five sites are one shape: ws.Old of a literal.
// plan groups them, plan --markdown tables them, diff --by-shape prints
// one example hunk and the five places.
func TestShapes(t *testing.T) {
	dir := applyTree(t)
	p := mustRun(t, dir, 0, "plan")
	if !strings.Contains(p.stdout, "phase 2 production   5 files") || !strings.Contains(p.stdout, "\n    5 × ws.Old(X) → ws.New(X)  [rule old-new]\n") {
		t.Errorf("plan should group the five sites:\n%s", p.stdout)
	}
	md := mustRun(t, dir, 0, "plan", "--markdown")
	if !strings.Contains(md.stdout, "| 5 | `ws.Old(X)` | `ws.New(X)` | `old-new` |  |") {
		t.Errorf("plan --markdown lacks the shapes table:\n%s", md.stdout)
	}
	d := mustRun(t, dir, 1, "diff", "--by-shape", "--color", "never")
	want := "# phase 2 (production), shape 1 of 1: 5 × ws.Old(X) → ws.New(X)  [rule old-new]\n# example: a/a.go:6:29\n" +
		"diff --git a/a/a.go b/a/a.go\n--- a/a/a.go\n+++ b/a/a.go\n"
	if !strings.HasPrefix(d.stdout, want) || !strings.Contains(d.stdout, "-func A() string { return ws.Old(\"a\") }\n+func A() string { return ws.New(\"a\") }\n") ||
		!strings.Contains(d.stdout, "# 5 places:\n#   a/a.go:6:29\n#   b/b.go:6:29\n#   c/c.go:6:34\n#   d/d.go:6:29\n#   e/e.go:6:29\n") {
		t.Errorf("diff --by-shape:\n%s", d.stdout)
	}
	if strings.Count(d.stdout, "diff --git") != 1 {
		t.Errorf("diff --by-shape should print one example for one shape:\n%s", d.stdout)
	}
	mustRun(t, dir, 2, "diff", "--by-shape", "--stat")
}
