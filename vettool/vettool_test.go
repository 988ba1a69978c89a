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
