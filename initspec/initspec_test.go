package initspec

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/canonize/canonize/load"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/initspec/*.txtar")

// TestGenerate runs every testdata/initspec/*.txtar archive: its files
// form a module; the comment's "args:" line names the packages; the
// spec init writes is compared with want.yaml, or its error with
// want.error.
func TestGenerate(t *testing.T) {
	files, _ := filepath.Glob("../testdata/initspec/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runCase(t, file)
		})
	}
}

func runCase(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	want := map[string]string{}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want.") {
			want[f.Name] = string(f.Data)
			continue
		}
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var args []string
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if rest, ok := strings.CutPrefix(line, "args:"); ok {
			args = strings.Fields(rest)
		}
	}
	got := map[string]string{}
	out, err := Generate(dir, args)
	if err != nil {
		var le *load.Error
		if !errors.As(err, &le) {
			t.Fatalf("error of type %T: %v", err, err)
		}
		got["want.error"] = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "") + "\n"
	} else {
		got["want.yaml"] = string(out)
	}
	if *update {
		for i, f := range ar.Files {
			if strings.HasPrefix(f.Name, "want.") {
				ar.Files[i].Data = []byte(got[f.Name])
			}
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s differs\n--- got\n%s--- want\n%s", k, got[k], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got sections %v, want %v", keys(got), keys(want))
	}
	if out != nil && !bytes.HasPrefix(out, []byte("version: 1")) && !bytes.Contains(out, []byte("\nversion: 1")) {
		t.Errorf("no version line in\n%s", out)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
