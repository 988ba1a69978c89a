package analyzer_test

import (
	"bytes"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/txtartest"
)

// TestSameAsDiff runs the Analyzer over every txtar case's module (host
// configuration, tests included, through go/analysis's checker: one pass
// per package, re-exports crossing packages as facts) and compares it
// with canonize diff's analysis (driver.Plan: the go command running the
// Analyzer in every configuration, then what only a view across
// packages decides):
//
//   - the fixes of each file, applied together, give exactly the bytes
//     canonize diff writes for it;
//   - each deprecated site has one diagnostic at its position, with its
//     kind as the category and a fix exactly when it is auto.
//
// A file is not compared where the two legitimately differ today, and
// the test says which and why: files no host build compiles, files of
// packages canonize reports as problems, and files from which
// canonize's exports phase deletes a re-export (the pass sees one
// package, not every caller). A file whose rewrite does not type-check
// is compared: both withhold it.
func TestSameAsDiff(t *testing.T) {
	var compared, excluded int
	txtartest.Each(t, "../testdata/cases/*.txtar", false, func(t *testing.T, file string) {
		c, ex := compareCase(t, file)
		compared += c
		excluded += ex
	})
	t.Logf("files compared: %d; excluded with a reason: %d", compared, excluded)
	if compared < 50 {
		t.Errorf("only %d files compared", compared)
	}
}

func compareCase(t *testing.T, file string) (compared, excluded int) {
	c := txtartest.Load(t, file)
	if len(c.Comment("args")) > 0 || len(c.Comment("spec")) > 0 {
		t.Skip("case restricts packages or names another spec: the vet tool runs on ./... with the module's spec")
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "canonize.yaml")); err != nil {
		t.Skip("no spec: the case is about //go:fix inline directives, the inliner's analyzer (package inliner), not this one")
	}
	res, err := driver.Plan(diffOptions(c.Dir))
	if err != nil {
		t.Skipf("canonize itself refuses this case (%v): nothing to compare", err)
	}
	fixed, diags := runAnalyzer(t, c.Dir)
	why := notComparable(res)
	for key, d := range diags {
		if strings.Contains(d.Message, "rewrite changes the exported API of package") {
			// One pass cannot see the importers; canonize's commands
			// type-check them and may keep the rewrite.
			why[strings.Split(key, ":")[0]] = "the pass withholds a rewrite that changes its package's API"
		}
	}
	for _, rel := range files(res, fixed) {
		if why[rel] == "" {
			why[rel] = importsBroken(t, c.Dir, rel, res)
		}
		if why[rel] != "" {
			t.Logf("%s: not compared: %s", rel, why[rel])
			excluded++
			continue
		}
		want, got := wantContent(t, c.Dir, res, rel), fixed[rel]
		if got == nil {
			got = read(t, filepath.Join(c.Dir, rel))
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: fixes give\n%s\ncanonize diff gives\n%s", rel, got, want)
		}
		compareSites(t, res, diags, rel)
		compared++
	}
	return compared, excluded
}

// modulePatterns is ./... of the module, or of each module of a go.work
// (go/packages loads nothing for ./... at a go.work root).
func modulePatterns(t *testing.T, dir string) []string {
	data, err := os.ReadFile(filepath.Join(dir, "go.work"))
	if err != nil {
		return []string{"./..."}
	}
	wf, err := modfile.ParseWork("go.work", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, u := range wf.Use {
		out = append(out, "./"+strings.TrimPrefix(filepath.ToSlash(filepath.Clean(u.Path)), "./")+"/...")
	}
	return out
}

// notComparable gives, for each file where the pass and the whole
// program legitimately differ today, the reason.
func notComparable(res *driver.Result) map[string]string {
	why := map[string]string{}
	for _, p := range res.Problems {
		why[p.Pos.Filename] = "canonize reports a problem: " + p.Msg
	}
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, "not scanned") {
			why[w.Pos.Filename] = w.Msg
		}
	}
	for _, ph := range res.Plan.Phases[:len(res.Plan.Phases)-1] {
		for _, f := range ph.Files {
			if len(f.Deletes) > 0 {
				why[f.Path] = "canonize's exports phase deletes a re-export here"
			}
		}
	}
	for _, s := range res.Sites {
		if isConstrained(res, s.Path) {
			why[s.Path] = "not compiled by the host build"
		}
		if s.Kind == engine.KindInline {
			why[s.Path] = "Go's inliner rewrites a site here; the checker here runs canonize's Analyzer alone"
		}
		for _, mv := range res.Spec.Moves {
			if s.Rule == mv.ID || strings.HasPrefix(s.Symbol, path.Base(mv.From)+".") {
				// One pass sees a move's destination only among its
				// package's dependencies (analyzer/doc.go).
				if !isDependencyFree(mv.To) {
					why[s.Path] = "a package move whose destination the pass's package does not depend on"
				}
			}
		}
	}
	return why
}

// isDependencyFree reports whether path is the standard library's: a
// destination every pass can load from export data.
func isDependencyFree(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// importsBroken says why a file importing a package canonize reports
// as a problem (it does not type-check) is not compared, or "": the go
// command analyses no importer of a package it cannot compile.
func importsBroken(t *testing.T, dir, rel string, res *driver.Result) string {
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, rel), nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		pdir := path.Dir(p.Pos.Filename)
		for _, imp := range f.Imports {
			if pdir != path.Dir(rel) && strings.HasSuffix(strings.Trim(imp.Path.Value, `"`), "/"+pdir) {
				return "imports " + pdir + ", which does not type-check: go vet analyses no importer of it"
			}
		}
	}
	return ""
}

func isConstrained(res *driver.Result, rel string) bool {
	for _, ph := range res.Plan.Phases {
		for _, f := range ph.Files {
			if f.Path == rel {
				for _, r := range f.Reasons {
					if strings.HasPrefix(r, "build-constrained") {
						return true
					}
				}
			}
		}
	}
	return false
}

// files lists every file either side changes or that holds a site.
func files(res *driver.Result, fixed map[string][]byte) []string {
	set := map[string]bool{}
	for _, s := range res.Sites {
		set[s.Path] = true
	}
	for _, ch := range res.Changes {
		set[ch.Path] = true
	}
	for rel := range fixed {
		set[rel] = true
	}
	var out []string
	for rel := range set {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

func wantContent(t *testing.T, dir string, res *driver.Result, rel string) []byte {
	for _, ch := range res.Changes {
		if ch.Path == rel {
			return ch.New
		}
	}
	return read(t, filepath.Join(dir, rel))
}

// compareSites checks the file's deprecated sites against the diagnostics.
func compareSites(t *testing.T, res *driver.Result, diags map[string]analysis.Diagnostic, rel string) {
	for _, s := range res.Sites {
		if s.Path != rel || s.Role != engine.RoleDeprecated {
			continue
		}
		key := fmt.Sprintf("%s:%d:%d", s.Path, s.Line, s.Col)
		d, ok := diags[key]
		switch {
		case !ok:
			t.Errorf("%s: no diagnostic for the %s site of %s", key, s.Kind, s.Symbol)
		case d.Category != s.Kind.String():
			t.Errorf("%s: category %s, canonize says %s", key, d.Category, s.Kind)
		case (len(d.SuggestedFixes) > 0) != (s.Kind == engine.KindAuto):
			t.Errorf("%s: %s site with %d fixes", key, s.Kind, len(d.SuggestedFixes))
		case !strings.Contains(d.Message, s.Symbol+" is deprecated"):
			t.Errorf("%s: message %q does not name %s", key, d.Message, s.Symbol)
		}
	}
}

// runAnalyzer runs the Analyzer on every package of the module (tests
// included) and returns each changed file's content after all fixes
// (identical edits from a file seen in two variants count once) and the
// diagnostics by "path:line:col".
func runAnalyzer(t *testing.T, dir string) (map[string][]byte, map[string]analysis.Diagnostic) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Tests: true}
	pkgs, err := packages.Load(cfg, modulePatterns(t, dir)...)
	if err != nil {
		t.Fatal(err)
	}
	g, err := checker.Analyze([]*analysis.Analyzer{analyzer.New()}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	diags := map[string]analysis.Diagnostic{}
	var fset *token.FileSet
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		// A package with errors is not analysed, nor what depends on it;
		// canonize reports such packages as problems, compared above.
		if act.Err != nil && len(act.Package.Errors) == 0 && !strings.Contains(act.Err.Error(), "failed prerequisites") {
			t.Fatalf("%s: %v", act, act.Err)
		}
		fset = act.Package.Fset
		for _, d := range act.Diagnostics {
			pos := fset.Position(d.Pos)
			rel, _ := filepath.Rel(dir, pos.Filename)
			diags[fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), pos.Line, pos.Column)] = d
		}
	}
	return applyAll(t, dir, g), diags
}

// applyAll applies every fix of every root action, file by file,
// coalescing identical edits and failing on overlapping ones.
func applyAll(t *testing.T, dir string, g *checker.Graph) map[string][]byte {
	type edit struct {
		start, end int
		text       string
	}
	byFile := map[string]map[edit]bool{}
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					tf := fset.File(e.Pos)
					if byFile[tf.Name()] == nil {
						byFile[tf.Name()] = map[edit]bool{}
					}
					byFile[tf.Name()][edit{tf.Offset(e.Pos), tf.Offset(e.End), string(e.NewText)}] = true
				}
			}
		}
	}
	out := map[string][]byte{}
	for name, set := range byFile {
		var list []edit
		for e := range set {
			list = append(list, e)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].start < list[j].start })
		src := read(t, name)
		var b bytes.Buffer
		at := 0
		for _, e := range list {
			if e.start < at {
				t.Fatalf("%s: overlapping fixes at offset %d", name, e.start)
			}
			b.Write(src[at:e.start])
			b.WriteString(e.text)
			at = e.end
		}
		b.Write(src[at:])
		rel, _ := filepath.Rel(dir, name)
		out[filepath.ToSlash(rel)] = b.Bytes()
	}
	return out
}

func read(t *testing.T, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
