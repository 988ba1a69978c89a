package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestGoFixDifferential runs the real `go fix -inline` and canonize
// (with the spec from `canonize init io/ioutil`) on copies of one module:
// every file go fix changes must come out of canonize byte-identical, and
// canonize must also rewrite exactly the build-constrained files go fix
// does not see on this host.
func TestGoFixDifferential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go fix and loads other platforms: not in -short")
	}
	orig := extract(t, "../../testdata/gofix/module.txtar")
	fixed := copyTree(t, orig)
	ours := copyTree(t, orig)

	cmd := exec.Command("go", "fix", "-inline", "./...")
	cmd.Dir = fixed
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go fix -inline: %v\n%s", err, out)
	}

	if r := canonize(t, ours, "init", "io/ioutil"); r.code != 0 {
		t.Fatalf("init: exit %d\n%s", r.code, r.stderr)
	}
	r := canonize(t, ours, "diff", "--color", "never")
	if r.code != 1 {
		t.Fatalf("diff: exit %d, want 1\n%s", r.code, r.stderr)
	}
	gitApply(t, ours, r.stdout)

	goFixChanged := changedFiles(t, orig, fixed)
	oursChanged := changedFiles(t, orig, ours)
	if len(goFixChanged) == 0 {
		t.Fatal("go fix changed nothing: the fixture no longer exercises it")
	}
	for _, f := range goFixChanged {
		want, _ := os.ReadFile(filepath.Join(fixed, f))
		got, _ := os.ReadFile(filepath.Join(ours, f))
		if bytes.Equal(got, want) {
			continue
		}
		// go fix leaves a blank line in an import block where it swapped
		// the first spec of a group (it adds "io" as a new group, then
		// deletes "io/ioutil"). That is the only difference tolerated:
		// canonize must not have introduced blank lines of its own.
		if bytes.Equal(dropImportBlanks(got), dropImportBlanks(want)) && bytes.Equal(dropImportBlanks(got), got) {
			t.Logf("%s: identical but for the blank line go fix leaves in the import block", f)
			continue
		}
		t.Errorf("%s: canonize differs from go fix -inline\n--- canonize\n%s\n--- go fix\n%s", f, got, want)
	}
	var extra []string
	for _, f := range oursChanged {
		if !contains(goFixChanged, f) {
			extra = append(extra, f)
		}
	}
	wantExtra := []string{"config/config_integration.go", "config/config_windows.go"}
	if strings.Join(extra, ",") != strings.Join(wantExtra, ",") {
		t.Errorf("files only canonize rewrote = %v, want the build-constrained %v", extra, wantExtra)
	}
	// The result builds in every configuration canonize rewrote.
	for _, env := range [][]string{nil, {"GOOS=windows"}} {
		b := exec.Command("go", "vet", "-tags", "integration", "./...")
		b.Dir, b.Env = ours, append(os.Environ(), env...)
		if out, err := b.CombinedOutput(); err != nil {
			t.Errorf("go vet %v of canonize's output: %v\n%s", env, err, out)
		}
	}
}

func changedFiles(t *testing.T, a, b string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, _ := os.ReadFile(filepath.Join(b, rel))
		if !bytes.Equal(x, y) {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dropImportBlanks removes empty lines inside parenthesised import
// declarations whose two neighbours are import specs of the same kind
// (standard library or not), i.e. blank lines that separate nothing.
func dropImportBlanks(src []byte) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	var out []string
	in := false
	for i, l := range lines {
		trim := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(trim, "import ("):
			in = true
		case in && trim == ")":
			in = false
		case in && trim == "" && i > 0 && i+1 < len(lines) && sameKind(lines[i-1], lines[i+1]):
			continue
		}
		out = append(out, l)
	}
	return []byte(strings.Join(out, ""))
}

func sameKind(a, b string) bool {
	std := func(s string) bool {
		s = strings.Trim(strings.TrimSpace(s), `"`)
		first, _, _ := strings.Cut(s, "/")
		return !strings.Contains(first, ".")
	}
	return strings.Contains(a, `"`) && strings.Contains(b, `"`) && std(a) == std(b)
}
