package main

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const basicCase = "../../testdata/cases/chained_basic.txtar"

func TestDiffExitCodesAndWritesNothing(t *testing.T) {
	dir := extract(t, basicCase)
	before := treeHash(t, dir)
	r := canonize(t, dir, "diff")
	if r.code != 1 {
		t.Fatalf("diff with changes: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "+\treturn ws.New(ctx, user)") {
		t.Errorf("diff lacks the rewrite:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "canonize: 1 site(s) rewritten in 1 file(s)") {
		t.Errorf("summary missing from stderr:\n%s", r.stderr)
	}
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("--color auto coloured output that is not a terminal")
	}
	if after := treeHash(t, dir); after != before {
		t.Fatal("canonize diff changed the tree")
	}
	gitApply(t, dir, r.stdout)
	if r := canonize(t, dir, "diff"); r.code != 0 || r.stdout != "" {
		t.Fatalf("diff after applying: exit %d, stdout %q; want 0 and nothing", r.code, r.stdout)
	}
}

func TestDiffPatchP1(t *testing.T) {
	dir := extract(t, basicCase)
	r := canonize(t, dir, "diff", "-C", dir)
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	cmd := exec.Command("patch", "-p1", "--dry-run")
	cmd.Dir, cmd.Stdin = dir, strings.NewReader(r.stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1: %v\n%s", err, out)
	}
}

func TestDiffStatAndColor(t *testing.T) {
	dir := extract(t, basicCase)
	r := canonize(t, dir, "diff", "--stat")
	if r.code != 1 || !regexp.MustCompile(`app/app\.go \| 2 \+-`).MatchString(r.stdout) ||
		!strings.Contains(r.stdout, "1 file changed, 1 insertion(+), 1 deletion(-)") {
		t.Errorf("--stat: exit %d\n%s", r.code, r.stdout)
	}
	r = canonize(t, dir, "diff", "--color", "always")
	if !strings.Contains(r.stdout, "\x1b[32m+") || !strings.Contains(r.stdout, "\x1b[31m-") {
		t.Errorf("--color always: no ANSI colours\n%q", r.stdout)
	}
	if r := canonize(t, dir, "diff", "--color", "sometimes"); r.code != 2 {
		t.Errorf("--color sometimes: exit %d, want 2", r.code)
	}
}

func TestSpecErrorExit2(t *testing.T) {
	dir := extract(t, basicCase)
	spec := filepath.Join(dir, "canonize.yaml")
	data, _ := os.ReadFile(spec)
	bad := strings.Replace(string(data), "replace: ws.New($ctx, $user)", "replace: ws.New($ctx, $who)", 1)
	if err := os.WriteFile(spec, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dir)
	r := canonize(t, dir, "diff")
	if r.code != 2 {
		t.Fatalf("exit %d, want 2", r.code)
	}
	want := "canonize.yaml:7:27: rule factory-create: $who is not bound by match"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want it to contain %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("printed a diff on error: %q", r.stdout)
	}
	if treeHash(t, dir) != before {
		t.Error("tree changed on error")
	}
}

// TestOldGoCommandExit2: with a go command older than canonize needs
// first in PATH (one that reports go1.20.14), check and diff print one
// line naming it and the version needed, exit 2 and change nothing.
func TestOldGoCommandExit2(t *testing.T) {
	for _, c := range []string{basicCase, "../../testdata/cases/template_errorf.txtar"} {
		oldGoCommand(t, extract(t, c))
	}
}

// oldGoCommand runs check and diff in dir with a go command in PATH that
// reports go1.20.14, and asserts it ran nothing but go env: a
// template's spec lists export data (go list -export) before go vet
// runs, a rule's spec does not.
func oldGoCommand(t *testing.T, dir string) {
	t.Helper()
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	shim := t.TempDir()
	log := filepath.Join(t.TempDir(), "ran")
	script := "#!/bin/sh\nif [ \"$1 $2\" = \"env -json\" ]; then echo '{\"GOVERSION\": \"go1.20.14\"}'; exit 0; fi\n" +
		"echo \"$*\" >>" + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(shim, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	before := treeHash(t, dir)
	env := []string{"PATH=" + shim + string(os.PathListSeparator) + os.Getenv("PATH"), noReplay}
	for _, cmd := range []string{"check", "diff"} {
		r := canonizeEnv(t, dir, env, cmd)
		want := "canonize: the go command " + filepath.Join(shim, "go") + " is go1.20.14: canonize needs go1.21 or later to run it\n"
		if r.code != 2 || r.stderr != want || r.stdout != "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", cmd, r.code, r.stdout, r.stderr, want)
		}
	}
	if treeHash(t, dir) != before {
		t.Error("the tree changed")
	}
	if ran, _ := os.ReadFile(log); len(ran) != 0 {
		t.Errorf("the go command ran before its version was checked: %s", ran)
	}
}

func TestLoadErrorExit2(t *testing.T) {
	dir := extract(t, basicCase)
	src := filepath.Join(dir, "app", "app.go")
	data, _ := os.ReadFile(src)
	bad := strings.Replace(string(data), `"example.com/m/ws"`, "\"example.com/m/ws\"\n\t_ \"example.org/nope\"", 1)
	os.WriteFile(src, []byte(bad), 0o644)
	r := canonize(t, dir, "diff")
	if r.code != 2 || !strings.Contains(r.stderr, "example.org/nope") {
		t.Errorf("exit %d, stderr %q: want 2 naming the missing module", r.code, r.stderr)
	}
}

func TestPatternsRestrict(t *testing.T) {
	dir := extract(t, basicCase)
	if r := canonize(t, dir, "diff", "./ws/..."); r.code != 0 || r.stdout != "" {
		t.Errorf("diff ./ws/...: exit %d, stdout %q; want nothing (no sites there)", r.code, r.stdout)
	}
	if r := canonize(t, filepath.Join(dir, "app"), "diff", "."); r.code != 1 {
		t.Errorf("diff . in app/: exit %d, want 1", r.code)
	}
}

// TestPatternSeesWholeModule: a pattern restricts which files change,
// not what is found. On the example, diff ./admin/... gives every admin
// file exactly the hunks plain diff gives it (one of them reaches the
// deprecated factory through a facade package outside the pattern),
// and nothing outside admin/.
func TestPatternSeesWholeModule(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	all, admin := canonize(t, dir, "diff"), canonize(t, dir, "diff", "./admin/...")
	if all.code != 1 || admin.code != 1 {
		t.Fatalf("diff: exit %d, diff ./admin/...: exit %d; want 1 for both\n%s%s", all.code, admin.code, all.stderr, admin.stderr)
	}
	want := map[string]string{}
	for path, patch := range filePatches(all.stdout) {
		if strings.HasPrefix(path, "admin/") {
			want[path] = patch
		}
	}
	got := filePatches(admin.stdout)
	if len(want) == 0 || !maps.Equal(got, want) {
		t.Errorf("diff ./admin/... changes %v, want exactly the admin files of plain diff %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
	if !strings.Contains(admin.stderr, "outside the package patterns") {
		t.Errorf("diff ./admin/... does not count the sites outside the pattern: %s", admin.stderr)
	}
}

// filePatches splits a unified diff into each file's part, by path.
func filePatches(diff string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(diff, "diff --git a/")[1:] {
		path, _, _ := strings.Cut(part, " ")
		out[path] = part
	}
	return out
}

func TestInitWritesAndRefusesOverwrite(t *testing.T) {
	dir := extract(t, basicCase)
	os.Remove(filepath.Join(dir, "canonize.yaml"))
	r := canonize(t, dir, "init", "./ws")
	if r.code != 0 {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "canonize.yaml"))
	// GetFactory's body returns a composite literal, not a forwarding
	// call: it must be a TODO, not a rule.
	if !strings.Contains(string(spec), "# TODO ws-getfactory") {
		t.Errorf("spec lacks the TODO for GetFactory:\n%s", spec)
	}
	if r := canonize(t, dir, "init", "./ws"); r.code != 2 || !strings.Contains(r.stderr, "exists") {
		t.Errorf("second init: exit %d %q, want 2 refusing to overwrite", r.code, r.stderr)
	}
}

func TestInitIoutil(t *testing.T) {
	dir := extract(t, basicCase)
	r := canonize(t, dir, "init", "-o", "-", "io/ioutil")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	// Since Go 1.26 io/ioutil marks its forwarding functions //go:fix
	// inline: Go's inliner migrates them, so init lists them instead of
	// writing rules; the variable Discard cannot carry the directive.
	for _, want := range []string{
		"# Marked //go:fix inline: Go's inliner migrates their uses, no rule needed.\n",
		"#   io/ioutil.ReadAll\n",
		"#   io/ioutil.ReadFile\n",
		"#   io/ioutil.WriteFile\n",
		"#   io/ioutil.NopCloser\n",
		"#   io/ioutil.TempFile\n",
		"#   io/ioutil.TempDir\n",
		"match: ioutil.Discard\n    replace: io.Discard",
		"# TODO ioutil-readdir",
		"deprecated: # no rule yet\n  - io/ioutil.ReadDir\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("init io/ioutil lacks %q", want)
		}
	}
}

func TestVersion(t *testing.T) {
	r := canonize(t, t.TempDir(), "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "canonize ") || !strings.Contains(r.stdout, " go1.") {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestUnknownFlag: a mistyped flag gets one line naming it and where
// help is, exit 2, not the whole usage.
func TestUnknownFlag(t *testing.T) {
	r := canonize(t, t.TempDir(), "diff", "--bogus")
	want := "canonize: unknown flag: --bogus (run 'canonize diff --help' for usage)\n"
	if r.code != 2 || r.stderr != want || r.stdout != "" {
		t.Errorf("diff --bogus: exit %d, stdout %q, stderr %q; want 2 and %q", r.code, r.stdout, r.stderr, want)
	}
}

// TestTemplateRefusedExit2: a template file whose replacement has
// another type than its match (eg's bad_type) is refused before any
// file is touched, by diff and by apply alike: exit 2, the position in
// the template file naming both types, nothing written, no journal.
func TestTemplateRefusedExit2(t *testing.T) {
	dir := extract(t, "../../testdata/cases/spec_template_bad_type.txtar")
	before := treeHash(t, dir)
	want := "refactor/bad.go:4:36: rule bad: int is not a safe replacement for string"
	for _, args := range [][]string{{"diff"}, {"apply", "--phase", "1"}} {
		r := canonize(t, dir, args...)
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", args[0], r.code, r.stderr, want)
		}
		if r.stdout != "" {
			t.Errorf("%s: printed %q on error", args[0], r.stdout)
		}
	}
	if treeHash(t, dir) != before {
		t.Error("tree changed on a refused template")
	}
	if _, err := os.Stat(filepath.Join(dir, ".canonize")); err == nil {
		t.Error("a journal was started for a refused template")
	}
}
