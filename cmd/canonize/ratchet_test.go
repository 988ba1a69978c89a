package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func edit(t *testing.T, path, from, to string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), from, to, 1)
	if s == string(data) {
		t.Fatalf("%s: %q not found", path, from)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaselineRatchet: a baseline of today's sites makes check pass;
// an unrelated edit that moves every site down keeps it passing; a
// second identical call in the same function fails it, printing only
// that call; a site removed is reported as fixed.
func TestBaselineRatchet(t *testing.T) {
	dir := extract(t, scanCase)
	r := canonize(t, dir, "baseline", "-o", "base.json")
	if r.code != 0 || !strings.Contains(r.stderr, "baseline of 4 deprecated site(s) written to base.json") {
		t.Fatalf("baseline: exit %d\n%s", r.code, r.stderr)
	}
	if r := canonize(t, dir, "check", "--baseline", "base.json"); r.code != 0 || r.stdout != "" ||
		!strings.Contains(r.stderr, "baseline base.json: 0 new deprecated sites, 4 known, 0 fixed since") {
		t.Fatalf("check against today's baseline: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	app := filepath.Join(dir, "app", "app.go")
	// Unrelated: a new function and comments above every site, and the
	// rewritable call split over lines.
	edit(t, app, "type Server struct{}\n", "type Server struct{}\n\n// Ping answers.\n//\n// It is new.\nfunc Ping() string { return \"pong\" }\n")
	edit(t, app, "ws.GetFactory().Create(ctx, user))", "ws.GetFactory().Create(\n\t\tctx,\n\t\tuser,\n\t))")
	if r := canonize(t, dir, "check"); r.code != 1 || !strings.Contains(r.stdout, "app/app.go:27:21: ws.Legacy") {
		t.Fatalf("the edit did not move the sites: exit %d\n%s", r.code, r.stdout)
	}
	if r := canonize(t, dir, "check", "--baseline", "base.json"); r.code != 0 || r.stdout != "" {
		t.Fatalf("after an unrelated edit: exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}

	edit(t, app, "\treturn keep(", "\tm := keep(")
	edit(t, app, "\t))\n}", "\t))\n\t_ = ws.GetFactory().Create(ctx, user)\n\treturn m\n}")
	r = canonize(t, dir, "check", "--baseline", "base.json")
	if r.code != 1 {
		t.Fatalf("a new identical call: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if want := "app/app.go:23:9: ws.GetFactory is deprecated: use ws.New (rule factory-create)\n"; r.stdout != want {
		t.Errorf("stdout %q, want only the new call %q", r.stdout, want)
	}
	for _, want := range []string{"1 new deprecated site, 4 known, 0 fixed since", "canonize: 1 deprecated site(s) not in the baseline base.json"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	gh := canonize(t, dir, "check", "--baseline", "base.json", "--format", "github")
	if gh.code != 1 || strings.Count(gh.stdout, "\n") != 1 || !strings.HasPrefix(gh.stdout, "::notice file=app/app.go,line=23,col=9,") {
		t.Errorf("--format github against the baseline: exit %d\n%s", gh.code, gh.stdout)
	}
	sarif := canonize(t, dir, "check", "--baseline", "base.json", "--format", "sarif")
	states := map[string]int{}
	for _, res := range readSARIF(t, sarif.stdout).Runs[0].Results {
		states[res.BaselineState]++
	}
	if states["new"] != 1 || states["unchanged"] != 4 || len(states) != 2 {
		t.Errorf("SARIF baseline states %v, want 1 new and 4 unchanged", states)
	}

	edit(t, app, "\t_ = ws.GetFactory().Create(ctx, user)\n", "")
	edit(t, app, "func Cleanup() { ws.Legacy() }", "func Cleanup() {}")
	r = canonize(t, dir, "check", "--baseline", "base.json")
	if r.code != 0 || !strings.Contains(r.stderr, "0 new deprecated sites, 3 known, 1 fixed since\n  fixed: app/app.go: ws.Legacy in Cleanup\n") {
		t.Errorf("after a fix: exit %d\n%s", r.code, r.stderr)
	}
}

// TestBaselineBadInput: a baseline that does not parse, that was made
// with another spec, or that does not exist is one file:line: (or
// file:) error, exit 2, and no report; baseline writes nothing when it
// cannot write the whole file or the module does not load.
func TestBaselineBadInput(t *testing.T) {
	dir := extract(t, scanCase)
	mustRun(t, dir, 0, "baseline", "-o", "base.json")
	good, _ := os.ReadFile(filepath.Join(dir, "base.json"))

	broken := strings.Replace(string(good), `"version": 1,`, `"version": 1,,`, 1)
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte(broken), 0o644)
	other := filepath.Join(dir, "canonize.yaml")
	edit(t, other, "note: the shared factory is deprecated", "note: the shared factory is gone in v2")
	for file, want := range map[string]string{
		"broken.json":  "canonize: broken.json:2: not a baseline: invalid JSON: invalid character ',' looking for beginning of object key string\n",
		"base.json":    "canonize: base.json:3: made with another version of canonize.yaml (sha256 ",
		"missing.json": "canonize: missing.json: no such file or directory\n",
	} {
		r := canonize(t, dir, "check", "--baseline", file, "--format", "sarif")
		if r.code != 2 || r.stdout != "" {
			t.Errorf("%s: exit %d, stdout %q; want 2 and nothing", file, r.code, r.stdout)
		}
		if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, want) {
			t.Errorf("%s: stderr\n%s\nwant one line starting %q", file, r.stderr, want)
		}
	}
	r := canonize(t, dir, "check", "--baseline", "base.json")
	if !strings.HasSuffix(r.stderr, "): make it again with canonize baseline -o base.json\n") {
		t.Errorf("the spec error does not say what to do: %q", r.stderr)
	}

	before := treeHash(t, dir)
	if r := canonize(t, dir, "baseline", "-o", filepath.Join("nodir", "base.json")); r.code != 2 {
		t.Errorf("baseline into a missing directory: exit %d, want 2", r.code)
	}
	if treeHash(t, dir) != before {
		t.Error("baseline into a missing directory wrote something")
	}
	edit(t, filepath.Join(dir, "app", "app.go"), "func Cleanup() {", "func Cleanup() { undefined()")
	before = treeHash(t, dir)
	if r := canonize(t, dir, "baseline", "-o", "new.json"); r.code != 2 {
		t.Errorf("baseline of a module that does not type-check: exit %d, want 2\n%s", r.code, r.stderr)
	}
	if treeHash(t, dir) != before {
		t.Error("baseline wrote a file on error")
	}
}
