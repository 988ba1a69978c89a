package driver_test

import (
	"flag"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/driver"
)

var (
	corpus     = flag.String("corpus", "", "run TestCorpus on the module in `DIR` (read-only: it is copied)")
	corpusSpec = flag.String("corpus-spec", "", "spec `FILE` for -corpus (default: DIR/canonize.yaml)")
)

// TestCorpus runs canonize over a real module given by -corpus and does
// nothing by default. A module that builds must give no problems, every
// rewritten file must parse, and a second run over the rewritten copy
// must change nothing.
//
//	go test ./driver -run Corpus -corpus $(go env GOMODCACHE)/golang.org/x/tools@v0.52.0 -corpus-spec spec.yaml
func TestCorpus(t *testing.T) {
	if *corpus == "" {
		t.Skip("no -corpus DIR")
	}
	dir := filepath.Join(t.TempDir(), "m")
	if out, err := exec.Command("cp", "-R", *corpus, dir).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v\n%s", err, out)
	}
	exec.Command("chmod", "-R", "u+w", dir).Run()
	opts := withTool(t, driver.Options{Dir: dir, SpecFile: *corpusSpec})
	res, err := driver.Plan(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	t.Logf("%d sites, %d files changed", len(res.Sites), len(res.Changes))
	for _, c := range res.Changes {
		if _, err := parser.ParseFile(token.NewFileSet(), c.Path, c.New, parser.ParseComments); err != nil {
			t.Errorf("%s: output does not parse: %v", c.Path, err)
		}
		if err := os.WriteFile(c.Abs, c.New, c.Mode); err != nil {
			t.Fatal(err)
		}
	}
	again, err := driver.Plan(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) > 0 {
		t.Errorf("second run changes %d files, first %s", len(again.Changes), again.Changes[0].Path)
	}
}
