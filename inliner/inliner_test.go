package inliner_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/canonize/canonize/inliner"
)

// TestAnalyzer runs the Analyzer on package a, which declares the
// //go:fix inline symbols and calls one of them, and on package b, whose
// calls need a's facts: an ordinary call is inlined (b.go.golden); a
// call needing a binding declaration, one needing a function literal and
// one the inliner refuses with an error are each reported as declined,
// with the reason; a constant and an alias are inlined; a bad directive
// is an error; the call in Square's own test is left alone. The // want
// comments hold the messages, the goldens the fixes; categories are
// checked here.
func TestAnalyzer(t *testing.T) {
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), inliner.Analyzer, "a", "b")
	checkCategories(t, results, map[string]string{
		"a.go:48": inliner.CategoryDirective,
		"a.go:57": inliner.CategoryCall,
		"b.go:8":  inliner.CategoryCall,
		"b.go:10": inliner.CategoryDeclined,
		"b.go:12": inliner.CategoryDeclined,
		"b.go:14": inliner.CategoryDeclined,
		"b.go:16": inliner.CategoryConst,
		"b.go:18": inliner.CategoryAlias,
	})
}

// TestAllowBindingDecl: with the flag set, the call that needs a binding
// declaration is inlined with one (bindtrue.go.golden), and the call
// that needs a function literal is still declined, now without the hint
// about the flag.
func TestAllowBindingDecl(t *testing.T) {
	setFlag(t, "allow_binding_decl", "true")
	results := analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), inliner.Analyzer, "bindtrue")
	checkCategories(t, results, map[string]string{
		"bindtrue.go:9":  inliner.CategoryCall,
		"bindtrue.go:11": inliner.CategoryDeclined,
	})
}

// setFlag sets one of the Analyzer's flags for the test.
func setFlag(t *testing.T, name, value string) {
	f := inliner.Analyzer.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("no flag %s", name)
	}
	saved := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(saved) })
}

// checkCategories checks that the diagnostics of the named packages'
// own passes are exactly want, by "file:line" and category (the test
// variant of a package repeats its diagnostics; a site is counted once).
func checkCategories(t *testing.T, results []*analysistest.Result, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, r := range results {
		for _, d := range r.Action.Diagnostics {
			p := r.Action.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
			if prev, ok := got[key]; ok && prev != d.Category {
				t.Errorf("%s: categories %s and %s", key, prev, d.Category)
			}
			got[key] = d.Category
			if d.Category == inliner.CategoryDeclined && len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: a declined call has a fix", key)
			}
		}
	}
	for key, cat := range want {
		if got[key] != cat {
			t.Errorf("%s: category %q, want %q", key, got[key], cat)
		}
	}
	for key, cat := range got {
		if _, ok := want[key]; !ok {
			t.Errorf("%s: unexpected diagnostic (%s)", key, cat)
		}
	}
}

// TestSiteRecords: with -sites, each finding but a directive's is
// followed by a record at its position naming the function holding it,
// the text of the use and where it ends, so that canonize's commands
// need not parse the file.
func TestSiteRecords(t *testing.T) {
	setFlag(t, "sites", "true")
	dir, err := filepath.Abs(analysistest.TestData())
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: filepath.Join(dir, "src", "b"),
		Env: append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOFLAGS=")}
	pkgs, err := packages.Load(cfg, "b")
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{inliner.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	records := map[string]inliner.SiteRecord{}
	var findings []string
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			key := fmt.Sprintf("%d:%d", p.Line, p.Column)
			if d.Category != inliner.CategorySite {
				findings = append(findings, key)
				continue
			}
			var r inliner.SiteRecord
			if err := json.Unmarshal([]byte(d.Message), &r); err != nil {
				t.Fatal(err)
			}
			records[key] = r
		}
	}
	if len(findings) != 6 || len(records) != len(findings) {
		t.Fatalf("%d findings (%v), %d records (%v)", len(findings), findings, len(records), records)
	}
	for _, key := range findings {
		if records[key].Func != "f" || records[key].Text == "" || records[key].EndLine == 0 {
			t.Errorf("%s: record %+v", key, records[key])
		}
	}
	if r := records["8:6"]; r.Text != "a . Square ( v )" || r.EndLine != 8 || r.EndCol != 17 {
		t.Errorf("the call of a.Square: record %+v, want its normalised text %q ending at 8:17", r, "a . Square ( v )")
	}
}
