package vettool_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canonize/canonize/vettool"
)

func TestIs(t *testing.T) {
	for _, c := range []struct {
		env  string
		args []string
		want bool
	}{
		{"", []string{"-V=full"}, true},
		{"", []string{"-flags"}, true},
		{"", []string{"-inline", "-json", "/tmp/b/vet.cfg"}, true},
		{"", nil, false},
		{"", []string{"check", "--json"}, false},
		{"1", nil, true}, // unitchecker's usage, not the tests
		{"1", []string{"-inline", "-json"}, true},
		{"1", []string{"check", "--json"}, false},
		{"1", []string{"-test.paniconexit0", "-test.timeout=10m0s"}, false},
		{"0", []string{"-inline"}, false},
	} {
		t.Setenv(vettool.EnvVar, c.env)
		if got := vettool.Is(c.args); got != c.want {
			t.Errorf("%s=%s Is(%q) = %v, want %v", vettool.EnvVar, c.env, c.args, got, c.want)
		}
	}
}

// writeModule writes a module whose package b calls two //go:fix inline
// functions of package a: one the inliner rewrites, one that would need
// a binding declaration. It has no canonize.yaml.
func writeModule(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"a/a.go": `package a

func Pow(x, n int) int { return x * n }

//go:fix inline
func Square(x int) int { return Pow(x, 2) }

//go:fix inline
func Sub(x, y int) int { return y - x }
`,
		"b/b.go": `package b

import "example.com/m/a"

func h(int) int { return 0 }

func F(v int) {
	_ = a.Square(v)
	a.Sub(h(1), h(2))
}
`,
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// goVet runs the real go vet with this test binary as its tool.
func goVet(t *testing.T, dir string, args ...string) (stdout, stderr string, err error) {
	exe, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", append([]string{"vet", "-vettool=" + exe}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), vettool.EnvVar+"=1")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// TestVet: with -inline only the inliner runs, with no spec; it reports
// the rewritable call with its edit and the other as declined. With no
// analyzer flag canonize's Analyzer runs too and says the spec is
// missing.
func TestVet(t *testing.T) {
	dir := writeModule(t)
	stdout, stderr, err := goVet(t, dir, "-inline", "-json", "./...")
	if err != nil {
		t.Fatalf("go vet -inline -json: %v\n%s%s", err, stdout, stderr)
	}
	type diag struct {
		Category, Message string
		Fixes             []struct {
			Edits []struct{ New string }
		} `json:"suggested_fixes"`
	}
	var tree map[string]map[string][]diag
	dec := json.NewDecoder(strings.NewReader(stdout))
	got := map[string]diag{}
	for dec.More() {
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json: %v\n%s", err, stdout)
		}
		for _, d := range tree["example.com/m/b"]["inline"] {
			got[d.Category] = d
		}
	}
	call, declined := got["inline_call"], got["inline_declined"]
	if len(call.Fixes) != 1 || len(call.Fixes[0].Edits) != 1 || call.Fixes[0].Edits[0].New != "_ = a.Pow(v, 2)" {
		t.Errorf("inline_call: %+v\n%s", call, stdout)
	}
	if !strings.Contains(declined.Message, "Call of a.Sub not inlined") || len(declined.Fixes) != 0 {
		t.Errorf("inline_declined: %+v\n%s", declined, stdout)
	}

	_, stderr, err = goVet(t, dir, "./b")
	if err == nil || !strings.Contains(stderr, "no canonize.yaml") {
		t.Errorf("go vet without -inline and without a spec: %v\n%s", err, stderr)
	}
}

// TestInlineOnly: a spec is part of the tool's identity, so that the go
// command never replays results cached under another spec, except under
// InlineOnlyEnv, where only the inliner (which reads no spec) may run and
// every spec shares one identity; canonize's Analyzer then refuses.
func TestInlineOnly(t *testing.T) {
	dir := writeModule(t)
	noSpec, inlineNoSpec := toolID(t, dir, ""), toolID(t, dir, "1")
	if err := os.WriteFile(filepath.Join(dir, "canonize.yaml"), []byte("version: 1\nname: m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	withSpec, inlineWithSpec := toolID(t, dir, ""), toolID(t, dir, "1")
	if noSpec == withSpec {
		t.Errorf("the identity did not change when a spec appeared: %s", noSpec)
	}
	if inlineNoSpec != inlineWithSpec {
		t.Errorf("under %s=1 the identity changed with the spec: %s, then %s", vettool.InlineOnlyEnv, inlineNoSpec, inlineWithSpec)
	}

	t.Setenv(vettool.InlineOnlyEnv, "1")
	if stdout, stderr, err := goVet(t, dir, "-inline", "-json", "./b"); err != nil || !strings.Contains(stdout, "inline_call") {
		t.Errorf("go vet -inline under %s=1: %v\n%s%s", vettool.InlineOnlyEnv, err, stdout, stderr)
	}
	_, stderr, err := goVet(t, dir, "./b")
	if err == nil || !strings.Contains(stderr, vettool.InlineOnlyEnv+"=1 is set") {
		t.Errorf("canonize's Analyzer under %s=1: %v\n%s", vettool.InlineOnlyEnv, err, stderr)
	}
}

// TestNamedSpecIdentity: with SpecEnv naming a spec (canonize --spec),
// the identity covers that spec and the templates it lists, not the
// canonize.yaml found from the working directory: a template edited
// between two runs is a different tool, so the go command replays no
// result cached under the old one (-canonize.spechash covers the
// spec file only).
func TestNamedSpecIdentity(t *testing.T) {
	dir := writeModule(t)
	if err := os.WriteFile(filepath.Join(dir, "canonize.yaml"), []byte("version: 1\nname: m\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	named := filepath.Join(other, "migration.yaml")
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(other, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("migration.yaml", "version: 1\nname: m\ntemplates: [t.go]\n")
	write("t.go", "package t\n\nimport \"errors\"\n\nfunc before(s string) error { return errors.New(s) }\nfunc after(s string) error  { return errors.New(s + \"!\") }\n")
	found := toolID(t, dir, "")
	first := toolID(t, dir, "", vettool.SpecEnv+"="+named)
	if first == found {
		t.Errorf("naming a spec did not change the identity: %s", first)
	}
	if again := toolID(t, dir, "", vettool.SpecEnv+"="+named); again != first {
		t.Errorf("the identity is not stable: %s, then %s", first, again)
	}
	write("t.go", "package t\n\nimport \"errors\"\n\nfunc before(s string) error { return errors.New(s) }\nfunc after(s string) error  { return errors.New(s + \"?\") }\n")
	if edited := toolID(t, dir, "", vettool.SpecEnv+"="+named); edited == first {
		t.Errorf("editing the named spec's template did not change the identity: %s", edited)
	}
	if inline := toolID(t, dir, "1", vettool.SpecEnv+"="+named); inline != toolID(t, dir, "1") {
		t.Errorf("under %s=1 the named spec changed the identity", vettool.InlineOnlyEnv)
	}
}

// toolID runs this test binary as the go command asks a tool for its
// identity, in dir, with InlineOnlyEnv set to inlineOnly and env added.
func toolID(t *testing.T, dir, inlineOnly string, env ...string) string {
	exe, err := filepath.Abs(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-V=full")
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), vettool.InlineOnlyEnv+"="+inlineOnly), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("-V=full: %v", err)
	}
	return string(out)
}
