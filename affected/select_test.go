package affected

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// extract writes a txtar archive under a new temp dir.
func extract(t *testing.T, archive string) string {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// picked is a Config as the test compares it: name, whether it runs,
// and each package with why.
type picked struct {
	Config  string
	Execute bool
	Why     map[string]string
}

func TestSelectHandChecked(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the expected configurations are written for a linux/amd64 host")
	}
	dir := extract(t, "testdata/graph.txtar")
	sel, err := Select(dir, []string{"c/c.go", "d/d_windows.go"})
	if err != nil {
		t.Fatal(err)
	}
	var got []picked
	for _, c := range sel.Configs {
		p := picked{Config: c.Config.String(), Execute: c.Execute, Why: map[string]string{}}
		for _, pkg := range c.Packages {
			p.Why[strings.TrimPrefix(pkg.ImportPath, "example.com/g/")] = strings.ReplaceAll(pkg.Why, "example.com/g/", "")
		}
		got = append(got, p)
	}
	want := []picked{
		{Config: "linux/amd64", Execute: true, Why: map[string]string{
			"c": "changed: c/c.go",
			"b": "imports c (changed: c/c.go)",
			"a": "imports b → c (changed: c/c.go)",
			"t": "its test imports b → c (changed: c/c.go)",
			"x": "its external test imports c (changed: c/c.go)",
		}},
		{Config: "windows/amd64", Execute: false, Why: map[string]string{
			"d": "changed: d/d_windows.go",
			"e": "imports d (changed: d/d_windows.go)",
			"w": "imports c (changed: c/c.go)",
		}},
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("selection:\n%+v\nwant\n%+v", got, want)
	}
	if sel.Selected() != 8 || sel.Total != 10 {
		t.Errorf("counts: %d of %d, want 8 of 10", sel.Selected(), sel.Total)
	}
	runs := sel.Runs()
	wantCmds := []string{
		"go test example.com/g/a example.com/g/b example.com/g/c example.com/g/t example.com/g/x",
		"GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -exec=true example.com/g/d example.com/g/e example.com/g/w",
	}
	var cmds []string
	for _, r := range runs {
		cmds = append(cmds, r.Command())
	}
	if !reflect.DeepEqual(wantCmds, cmds) {
		t.Errorf("runs:\n%q\nwant\n%q", cmds, wantCmds)
	}
}

// The selection is complete only if every changed file is placed: a
// file no configuration builds is an error, not a file left unchecked.
func TestSelectUnplacedFile(t *testing.T) {
	dir := extract(t, "testdata/graph.txtar")
	ignored := "//go:build ignore\n\npackage c\n"
	if err := os.WriteFile(filepath.Join(dir, "c", "gen.go"), []byte(ignored), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Select(dir, []string{"c/gen.go"})
	var ue *UnplacedError
	if !errors.As(err, &ue) || len(ue.Files) != 1 || ue.Files[0] != "c/gen.go" {
		t.Fatalf("Select of an ignored file: %v, want an UnplacedError naming c/gen.go", err)
	}
}

// A module the go command cannot list is an error before anything runs.
func TestSelectListFails(t *testing.T) {
	dir := extract(t, "testdata/graph.txtar")
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/g\n\ngo 1.22\nrequire (\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Select(dir, []string{"c/c.go"})
	var le *ListError
	if !errors.As(err, &le) {
		t.Fatalf("Select with a broken go.mod: %v, want a ListError", err)
	}
}
