package driver_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/linediff"
	"github.com/canonize/canonize/internal/txtartest"
	"github.com/canonize/canonize/spec"
)

// The floor of eg's own suite that canonize reproduces: a site is a
// line eg's expected output changes (25 in 11 files), a file is
// reproduced when all of it is. With hand-written YAML rules, before
// templates: existed, issue 13 measured 5 sites (counted as 26) and 3
// files; with templates: and before statement templates, 22 and 8.
const (
	egSitesFloor = 24
	egFilesFloor = 9
)

// egDiffers says why canonize's output differs from eg's expected one,
// for the files it does: printed in the table, so that a reader of the
// log knows which differences are deliberate.
var egDiffers = map[string]string{
	"c/in/c1/c1.go": "the strings.Repeat site is reported, not rewritten: $s has side effects and replace drops one of its two evaluations (eg rewrites it, noting it is unsound)",
	"j/in/j1/j1.go": "eg's expected output does not compile (temp is declared twice): canonize declares temp1, and its sites are compared with temp1 read as temp",
}

// egFresh maps, per input file, a name canonize's statement template
// declared fresh to the one eg's expected output reuses: the sites are
// compared with canonize's name read as eg's.
var egFresh = map[string][2]string{
	"j/in/j1/j1.go": {"temp1", "temp"},
}

// TestEgSuite runs eg's own test suite (golang.org/x/tools
// refactor/eg/testdata, at the version go.mod requires) through
// canonize: each archive becomes a module whose canonize.yaml lists its
// template/template.go, unchanged, under templates:. Inputs are the
// archive's Go files outside template/ and out/; each is compared with
// out/ (in/x.go with out/x.go), imports aside: eg leaves the imports a
// rewrite makes unused, canonize removes them. An archive without
// inputs holds a template eg refuses, with const shouldFail, as a spec
// error positioned in template.go (and canonize must say what eg says),
// or one eg accepts (no_after_return: after holds a statement before
// its return), which canonize must accept too, changing nothing. eg's
// printer leaves a blank line before the statements it inserts
// (i1.go); blank lines are not compared.
func TestEgSuite(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-json", "golang.org/x/tools").Output()
	var m struct{ Version, Dir string }
	if err != nil || json.Unmarshal(out, &m) != nil || m.Dir == "" {
		t.Fatalf("golang.org/x/tools %s is not in the module cache (go mod download): %v", m.Version, err)
	}
	archives, err := filepath.Glob(filepath.Join(m.Dir, "refactor/eg/testdata/*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no archives in %s/refactor/eg/testdata: %v", m.Dir, err)
	}
	var sites, sitesOK, files, filesOK, refused, accepted int
	table := []string{"file                 sites reproduced unwanted"}
	for _, a := range archives {
		name := strings.TrimSuffix(filepath.Base(a), ".txtar")
		ar, err := txtar.ParseFile(a)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			inputs := egInputs(ar)
			if len(inputs) == 0 && egFile(ar, "template/template.go") != nil && !egShouldFail.Match(egFile(ar, "template/template.go")) {
				checkEgAccepted(t, ar)
				accepted++
				return
			}
			if len(inputs) == 0 {
				checkEgRefusal(t, ar)
				refused++
				return
			}
			for _, r := range runEgCase(t, name, ar, inputs) {
				sites, sitesOK, files = sites+r.sites, sitesOK+r.reproduced, files+1
				line := fmt.Sprintf("%-20s %5d %10d %8d", name+"/"+r.file, r.sites, r.reproduced, r.unwanted)
				if r.same {
					filesOK++
				} else if why := egDiffers[name+"/"+r.file]; why != "" {
					line += "  differs: " + why
				} else {
					line += "  differs (see the log above)"
				}
				table = append(table, line)
			}
		})
	}
	t.Logf("eg %s:\n%s\nsites reproduced: %d of %d; files: %d of %d; templates refused: %d; accepted (no inputs): %d",
		m.Version, strings.Join(table, "\n"), sitesOK, sites, filesOK, files, refused, accepted)
	if sitesOK < egSitesFloor || filesOK < egFilesFloor {
		t.Errorf("reproduced %d sites and %d files of eg's suite; the floor is %d and %d", sitesOK, filesOK, egSitesFloor, egFilesFloor)
	}
}

// egInputs are the Go files eg's test applies the template to: every
// Go file outside template/ and out/ (eg's own test loads in/...; a.txtar's
// a2/a2.go has an expected output too, so it is counted).
func egInputs(ar *txtar.Archive) []string {
	var out []string
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".go") && !strings.HasPrefix(f.Name, "template/") && !strings.HasPrefix(f.Name, "out/") {
			out = append(out, f.Name)
		}
	}
	return out
}

// egWrite writes the archive's files but out/ and a canonize.yaml
// naming its template.
func egWrite(t *testing.T, ar *txtar.Archive) string {
	dir := t.TempDir()
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "out/") {
			txtartest.WriteFile(t, filepath.Join(dir, f.Name), f.Data)
		}
	}
	txtartest.WriteFile(t, filepath.Join(dir, "canonize.yaml"), []byte("version: 1\nname: eg\ntemplates: [template/template.go]\n"))
	return dir
}

var egShouldFail = regexp.MustCompile(`(?m)^const shouldFail = ("[^"]*")`)

// checkEgRefusal checks that canonize refuses the archive's template as
// a spec error positioned in template.go, saying what eg says.
func checkEgRefusal(t *testing.T, ar *txtar.Archive) {
	dir := egWrite(t, ar)
	_, err := driver.Plan(withTool(t, driver.Options{Dir: dir}))
	var se *spec.Error
	if !errors.As(err, &se) {
		t.Fatalf("template accepted (error %v); eg refuses it", err)
	}
	if filepath.Base(se.Pos.Filename) != "template.go" || se.Pos.Line == 0 {
		t.Errorf("refusal %q is not positioned in template.go", err)
	}
	for _, f := range ar.Files {
		if mm := egShouldFail.FindSubmatch(f.Data); f.Name == "template/template.go" && mm != nil {
			want, _ := strconv.Unquote(string(mm[1]))
			if !strings.Contains(err.Error(), want) {
				t.Errorf("refusal %q does not say %q, as eg does", err, want)
			}
		}
	}
	t.Logf("refused: %s", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
}

// checkEgAccepted checks that canonize accepts a template eg accepts
// and, with no code to apply it to, changes nothing.
func checkEgAccepted(t *testing.T, ar *txtar.Archive) {
	dir := egWrite(t, ar)
	res, err := driver.Plan(withTool(t, driver.Options{Dir: dir}))
	if err != nil {
		t.Fatalf("template refused; eg accepts it: %s", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
	}
	if len(res.Changes) != 0 {
		t.Errorf("%d files changed; there is no code to apply the template to", len(res.Changes))
	}
}

// egResult is what canonize made of one input file.
type egResult struct {
	file                        string
	sites, reproduced, unwanted int
	same                        bool // the whole file is as eg expects
}

// runEgCase runs canonize over the archive's module and compares each
// input with eg's expected output. A template canonize refuses counts
// every site as not reproduced.
func runEgCase(t *testing.T, name string, ar *txtar.Archive, inputs []string) []egResult {
	dir := egWrite(t, ar)
	res, err := driver.Plan(withTool(t, driver.Options{Dir: dir}))
	got := map[string][]byte{}
	if err != nil {
		t.Logf("canonize refuses the template: %s", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
	} else {
		for _, ch := range res.Changes {
			got[ch.Path] = ch.New
		}
		if tf := "template/template.go"; got[tf] != nil {
			t.Errorf("%s: the template file itself was rewritten", tf)
		}
	}
	var out []egResult
	for _, in := range inputs {
		orig := egFile(ar, in)
		want := egFile(ar, "out/"+strings.TrimPrefix(in, "in/"))
		if want == nil {
			t.Fatalf("%s: no expected output", in)
		}
		g := got[in]
		if g == nil {
			g = orig
		}
		o, w, c := egNormal(t, in, orig), egNormal(t, in+" (eg)", want), egNormal(t, in+" (canonize)", g)
		ft := compareSuiteFileQuiet(o.code, renamed(c.code, egFresh[name+"/"+in]), w.code)
		r := egResult{file: in, sites: ft.sites, reproduced: ft.reproduced, unwanted: ft.unwanted, same: c.equal(w)}
		if !r.same {
			t.Logf("%s: eg's expected output (-) and canonize's (+), unused imports aside:\n%s%s", in,
				lineDiff(w.imports, c.imports), lineDiff(w.code, c.code))
		}
		out = append(out, r)
	}
	return out
}

func egFile(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// egFileNorm is a Go file as the suite compares it: its code without
// import declarations, formatted, blank lines dropped, each line's
// runs of blanks made one
// (gofmt realigns the comments of neighbouring lines when one changes:
// that is no site); and its used imports, sorted, one a line.
type egFileNorm struct{ code, imports []string }

func (a egFileNorm) equal(b egFileNorm) bool {
	return slices.Equal(a.code, b.code) && slices.Equal(a.imports, b.imports)
}

// egNormal normalizes a Go file; the imports it does not use are
// dropped (eg leaves those a rewrite makes unused, canonize removes
// them).
func egNormal(t *testing.T, name string, src []byte) egFileNorm {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	var n egFileNorm
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		local := path[strings.LastIndexByte(path, '/')+1:] // the suite imports only the standard library
		if imp.Name != nil {
			local = imp.Name.Name
		}
		if local == "." || local == "_" || used[local] {
			n.imports = append(n.imports, local+" "+path+"\n")
		}
	}
	slices.Sort(n.imports)
	code := slices.Clone(src)
	for i := len(f.Decls) - 1; i >= 0; i-- {
		if gd, ok := f.Decls[i].(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			code = slices.Delete(code, fset.Position(gd.Pos()).Offset, fset.Position(gd.End()).Offset)
		}
	}
	out, err := format.Source(code)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, l := range linediff.Split(string(out)) {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			n.code = append(n.code, l+"\n")
		}
	}
	return n
}

// renamed returns lines with the identifier fresh[0] read as fresh[1].
func renamed(lines []string, fresh [2]string) []string {
	if fresh[0] == "" {
		return lines
	}
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(fresh[0]) + `\b`)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = re.ReplaceAllString(l, fresh[1])
	}
	return out
}

// compareSuiteFileQuiet counts eg's changed lines (hunks against the
// original) that canonize's output has alike, and canonize's hunks eg
// does not have.
func compareSuiteFileQuiet(orig, got, want []string) suiteTally {
	wantH, gotH := hunksOf(orig, want), hunksOf(orig, got)
	var tally suiteTally
	for _, h := range wantH {
		tally.sites++
		if slices.ContainsFunc(gotH, h.equal) {
			tally.reproduced++
		}
	}
	for _, h := range gotH {
		if !slices.ContainsFunc(wantH, h.equal) {
			tally.unwanted++
		}
	}
	return tally
}

func lineDiff(a, b []string) string {
	var out []string
	for _, h := range hunksOf(a, b) {
		for _, l := range a[h.start:h.end] {
			out = append(out, "-"+l)
		}
		for _, l := range h.lines {
			out = append(out, "+"+l)
		}
	}
	return strings.Join(out, "")
}
