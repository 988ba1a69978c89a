package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// noReplay turns canonize's replay of an unchanged tree's go command runs
// off (and its listing cache), for the tests of the go command's own
// cache.
const noReplay = "CANONIZE_NOCACHE=1"

// TestUnchangedTreeRunsNoGoCommand: on a tree nothing changed in since
// the last run, check and diff replay the go command's output stored
// then and run no go vet and no go list (a go command in PATH logs every
// run); their output is the same. Editing one file runs go vet again,
// only in the configurations whose packages can read it (the host's:
// the other two vet a darwin-only and an integration-tagged directory
// that do not import the edited package), and the output follows the
// edit.
func TestUnchangedTreeRunsNoGoCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("vets the example in every configuration: not in -short")
	}
	dir := copyTree(t, "../../testdata/chatapp")
	past := time.Now().Add(-time.Hour)
	setTimes(t, dir, past) // not "racily clean": a fresh copy is not replayed
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	shim, log := t.TempDir(), filepath.Join(t.TempDir(), "go.log")
	script := "#!/bin/sh\necho \"$*\" >>" + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(shim, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	gocache, err := exec.Command(real, "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	// A cache directory of its own for canonize's replays, the go
	// command's as it is (XDG_CACHE_HOME would move it too).
	env := []string{"PATH=" + shim + string(os.PathListSeparator) + os.Getenv("PATH"), "XDG_CACHE_HOME=" + t.TempDir(), "GOCACHE=" + strings.TrimSpace(string(gocache))}
	runs := func(args ...string) (result, []string) {
		t.Helper()
		os.Remove(log)
		r := canonizeEnv(t, dir, env, args...)
		data, _ := os.ReadFile(log)
		var heavy []string
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(line, "vet ") || strings.HasPrefix(line, "list ") {
				heavy = append(heavy, line)
			}
		}
		return r, heavy
	}
	var vets int
	for _, cmd := range []string{"check", "diff"} {
		first, ran := runs(cmd)
		if len(ran) == 0 {
			t.Fatalf("%s: the first run ran no go vet (a replay from another run?)", cmd)
		}
		if cmd == "check" {
			vets = len(ran)
		}
		again, ranAgain := runs(cmd)
		if len(ranAgain) != 0 {
			t.Errorf("%s: an unchanged tree ran the go command again: %q", cmd, ranAgain)
		}
		if again.code != first.code || again.stdout != first.stdout {
			t.Errorf("%s: the replay prints another result (exit %d, then %d):\n%s\nthen:\n%s", cmd, first.code, again.code, first.stdout, again.stdout)
		}
	}
	before, _ := runs("check")
	file := filepath.Join(dir, "services", "export", "gdpr.go")
	edit(t, file, "websocket.GetWebSocketManagerFactory().Create(", "websocket.NewWebSocketManager(")
	os.Chtimes(file, past.Add(time.Minute), past.Add(time.Minute))
	after, ran := runs("check")
	if len(ran) != 1 || !strings.HasSuffix(ran[0], " ./...") { // the host's vets the module, the others directories
		t.Errorf("after an edit, check ran %q, want the host configuration's go vet alone (of %d)", ran, vets)
	}
	if after.stdout == before.stdout {
		t.Error("after an edit that rewrites a site by hand, check prints the same result")
	}
}

// setTimes sets the modification time of every file under dir.
func setTimes(t *testing.T, dir string, when time.Time) {
	t.Helper()
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, when, when)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestNamedSpecTemplateEdit: a spec named with --file lists a template
// outside the tree; editing the template between two runs of diff
// changes what diff prints, with canonize's replay on and with the go
// command's cache alone: neither replays a result computed under the
// old template (the -canonize.spechash flag covers the spec file, not
// its templates; the tool's identity covers both).
func TestNamedSpecTemplateEdit(t *testing.T) {
	dir := t.TempDir()
	specDir := t.TempDir()
	files := map[string]string{
		filepath.Join(dir, "go.mod"):             "module example.com/m\n\ngo 1.22\n",
		filepath.Join(dir, "a", "a.go"):          "package a\n\nimport \"fmt\"\n\nfunc F(x string) error { return fmt.Errorf(\"%s\", x) }\n",
		filepath.Join(specDir, "migration.yaml"): "version: 1\nname: errors\ntemplates: [errorf.go]\n",
		filepath.Join(specDir, "errorf.go"):      template("errors.New(s)"),
	}
	for path, content := range files {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	setTimes(t, dir, past) // replayable: not "racily clean"
	named := filepath.Join(specDir, "migration.yaml")
	for _, env := range [][]string{{"XDG_CACHE_HOME=" + t.TempDir()}, {noReplay}} {
		os.WriteFile(filepath.Join(specDir, "errorf.go"), []byte(template("errors.New(s)")), 0o644)
		first := canonizeEnv(t, dir, env, "diff", "--file", named)
		if first.code != 1 || !strings.Contains(first.stdout, "+func F(x string) error { return errors.New(x) }") {
			t.Fatalf("%v: diff: exit %d\n%s%s", env, first.code, first.stdout, first.stderr)
		}
		if again := canonizeEnv(t, dir, env, "diff", "--file", named); again.stdout != first.stdout {
			t.Fatalf("%v: diff again prints another result:\n%s\nthen:\n%s", env, first.stdout, again.stdout)
		}
		os.WriteFile(filepath.Join(specDir, "errorf.go"), []byte(template("errors.New(\"wrapped: \" + s)")), 0o644)
		edited := canonizeEnv(t, dir, env, "diff", "--file", named)
		if edited.code != 1 || !strings.Contains(edited.stdout, `+func F(x string) error { return errors.New("wrapped: " + x) }`) {
			t.Errorf("%v: after the template's edit, diff prints (exit %d)\n%s%s", env, edited.code, edited.stdout, edited.stderr)
		}
	}
}

// template is an eg template rewriting fmt.Errorf("%s", s) to after.
func template(after string) string {
	return "package refactor\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n)\n\n" +
		"func before(s string) error { return fmt.Errorf(\"%s\", s) }\nfunc after(s string) error  { return " + after + " }\n"
}
