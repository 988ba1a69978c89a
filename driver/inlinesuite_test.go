package driver_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/linediff"
	"github.com/canonize/canonize/internal/txtartest"
	"github.com/canonize/canonize/internal/udiff"
)

// suiteCase is one run of the inline analyzer's own tests
// (go/analysis/passes/inline/inline_test.go in golang.org/x/tools), set
// up as `canonize diff` sees a tree.
type suiteCase struct {
	name string
	// modules: a GOPATH-style case; each top-level directory of
	// testdata/src it needs becomes a module of a go.work workspace.
	modules []string
	archive string // a txtar case: its files as they are
	// only are the directories the analysistest run names, given to
	// canonize as patterns; nil: the whole tree.
	only  []string
	extra map[string]string // files added to the tree
	// golden, for cases run with analysistest.Run (no golden files): per
	// file, marked code as it is and as the fix leaves it (as the v0.52.0
	// analyzer's singlechecker -fix does).
	golden map[string][][2]string
}

var inlineSuite = []suiteCase{
	{name: "a,b", modules: []string{"a", "b", "c"}},
	{name: "rmimport", modules: []string{"a", "rmimport"}, only: []string{"rmimport"}},
	// a.go declares h without a body, which the compiler refuses without
	// an assembly file and go/types accepts: canonize rewrites the
	// package, as go fix does.
	{name: "binding_false", modules: []string{"binding_false"}},
	{name: "binding_true", modules: []string{"binding_true"}, extra: map[string]string{
		"canonize.yaml": "version: 1\nrules: []\ninline: {allow_binding_decl: true}\n"}},
	{name: "issue76190", archive: "issue76190.txtar"},
	{name: "issue77610", archive: "issue77610.txtar"},
	{name: "issue78088", archive: "issue78088.txtar"}, // e and f need go1.26: this is Go 1.26
	{name: "issue78994", archive: "issue78994.txtar"},
	{name: "embedded_alias", archive: "embedded_alias.txtar", golden: map[string][][2]string{"test.go": {
		{"\tBaz // want", "\tbaz.Baz // want"}, {"\t*Baz // want", "\t*baz.Baz // want"},
		{"\tGenericFoo[Baz] //", "\tGenericFoo[baz.Baz] //"}, {"\tBaz2[int] //", "\tbaz.Baz2 //"},
		{"\tGenericBaz[int] //", "\tbaz.GenericBaz[int] //"}}}},
	{name: "issue77844", archive: "issue77844.txtar", golden: map[string][][2]string{"main/main.go": {
		{"\t\"example.com/lib\"\n", ""}, {"var _ lib.Alias[other.Other]", "var _ []other.Other"}}}},
}

// suiteVariant changes the a,b case's tree.
type suiteVariant struct {
	name    string
	prepare func(t *testing.T, tr *suiteTree)
	envs    [][]string // the environments to check in (nil: the host's)
}

var suiteVariants = []suiteVariant{
	// Every non-test file of the caller packages a and b is built on
	// windows only: the host (linux) build excludes it.
	{name: "windows", envs: [][]string{nil, {"GOOS=windows"}}, prepare: func(t *testing.T, tr *suiteTree) {
		for _, rel := range suiteFiles(t, tr.root, ".go", nil) {
			if d := filepath.Dir(rel); (d == "a" || d == "b") && !strings.HasSuffix(rel, "_test.go") {
				to := strings.TrimSuffix(rel, ".go") + "_windows.go"
				if err := os.Rename(filepath.Join(tr.root, rel), filepath.Join(tr.root, to)); err != nil {
					t.Fatal(err)
				}
				tr.want[to] = tr.want[rel]
				delete(tr.want, rel)
				t.Logf("%s renamed %s", rel, to)
			}
		}
	}},
	// go.mod says go 1.18 for b and c. a stays at go 1.26: its generic
	// type aliases need go1.23 (at 1.18 a.go does not type-check). So the
	// inliner declines the call of (a.T).Two in b.go, as any call into a
	// file older than the callee's; b.go's constants and aliases are inlined.
	{name: "go1.18", prepare: func(t *testing.T, tr *suiteTree) {
		for _, m := range []string{"b", "c"} {
			txtartest.WriteFile(t, filepath.Join(tr.root, m, "go.mod"), fmt.Appendf(nil, "module %s\n\ngo 1.18\n", m))
		}
		const call = "\t%s // want `Call of \\(a.T\\).Two"
		tr.want["b/b.go"] = bytes.Replace(tr.want["b/b.go"], fmt.Appendf(nil, call, "_ = 2"), fmt.Appendf(nil, call, "new(a.T).Two()"), 1)
		tr.declined["b/b.go:9"] = "cannot inline call to (a.T).Two (declared using go1.26) into a file using go1.18"
	}},
}

// siteMarker marks, in a want comment, a use the inliner must inline;
// suiteDeclined one it must decline, with the reason.
const siteMarker = "should be inlined"

var suiteDeclined = regexp.MustCompile("// want `(cannot inline [^`]*)`")

// TestInlineSuite runs the inline analyzer's own testdata (from the module
// cache) through canonize: every golden site must be reproduced, no line
// the golden keeps rewritten, and go vet and go build must say of the
// result what they say of the golden tree; the a,b case runs again in
// each variant. Files are compared as analysistest compares them, after
// go/format, and their imports as a set: canonize edits imports by their
// lines, where the inliner's fix (and the golden) adds declarations above.
func TestInlineSuite(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-json", "golang.org/x/tools").Output()
	var m struct{ Version, Dir string }
	if err != nil || json.Unmarshal(out, &m) != nil || m.Dir == "" {
		t.Fatalf("golang.org/x/tools %s is not in the module cache (go mod download): %v", m.Version, err)
	}
	src := filepath.Join(m.Dir, "go/analysis/passes/inline/testdata/src")
	total := 0
	for _, rel := range suiteFiles(t, src, "", nil) {
		total += markersOf(rel, suiteRead(t, src, rel))
	}
	t.Logf("%d uses marked %q in %s", total, siteMarker, src)
	t.Logf("directive: not run (inline_test.go does not name it; its golden is of another file and its calls carry no want)")
	var sum, ab suiteTally // ab: the a,b case's
	table := []string{"case             sites reproduced unwanted"}
	run := func(c suiteCase, v suiteVariant) (got suiteTally) {
		name := strings.TrimSuffix(c.name+"/"+v.name, "/")
		if v.envs == nil {
			v.envs = [][]string{nil}
		}
		t.Run(name, func(t *testing.T) {
			tr := buildSuiteTree(t, src, c)
			if v.prepare != nil {
				v.prepare(t, tr)
				logGoFix(t, tr, v.envs)
			}
			golden := goldenTree(t, tr, c)
			got = checkSuiteTree(t, tr, c)
			checkSuiteVet(t, tr, golden, v.envs)
		})
		table = append(table, fmt.Sprintf("%-16s %5d %10d %8d", name, got.sites, got.reproduced, got.unwanted))
		return got
	}
	for i, c := range inlineSuite {
		sum.add(run(c, suiteVariant{}))
		if i == 0 {
			ab = sum
		}
	}
	for _, v := range suiteVariants {
		if got := run(inlineSuite[0], v); got.sites != ab.sites {
			t.Errorf("a,b/%s: %d sites checked, a,b has %d", v.name, got.sites, ab.sites)
		}
	}
	t.Logf("\n%s", strings.Join(table, "\n"))
	if sum.sites != total {
		t.Errorf("the cases cover %d marked uses, the suite has %d", sum.sites, total)
	}
}

// markersOf counts the site markers of a suite file, golden files and
// sections aside.
func markersOf(name string, data []byte) (n int) {
	switch {
	case strings.HasSuffix(name, ".txtar"):
		for _, f := range txtar.Parse(data).Files {
			n += markersOf(f.Name, f.Data)
		}
	case !strings.HasSuffix(name, ".golden"):
		n = bytes.Count(data, []byte(siteMarker))
	}
	return n
}

// suiteFiles lists the files under root whose names end in ext, below
// one of the directories only (anywhere when none), as sorted slash paths.
func suiteFiles(t *testing.T, root, ext string, only []string) []string {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ext) {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if len(only) == 0 || slices.ContainsFunc(only, func(d string) bool { return strings.HasPrefix(rel, d+"/") }) {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// suiteTree is a case's tree on disk and what its files should become.
type suiteTree struct {
	root string
	want map[string][]byte // golden content by slash path
	// declined: at "path:line", a use canonize must report, not rewrite,
	// with this in the reason (as do want comments saying so).
	declined map[string]string
	vetPkg   []string // patterns for go vet, go build and go fix
}

func buildSuiteTree(t *testing.T, src string, c suiteCase) *suiteTree {
	tr := &suiteTree{root: t.TempDir(), want: map[string][]byte{}, declined: map[string]string{}}
	put := func(rel string, data []byte) {
		if g, ok := strings.CutSuffix(rel, ".golden"); ok {
			tr.want[g] = data
			return
		}
		txtartest.WriteFile(t, filepath.Join(tr.root, rel), data)
		for _, r := range c.golden[rel] {
			if bytes.Count(data, []byte(r[0])) != 1 {
				t.Fatalf("%s: %q is not in the file exactly once", rel, r[0])
			}
			data = bytes.Replace(data, []byte(r[0]), []byte(r[1]), 1)
			tr.want[rel] = data
		}
	}
	if c.archive != "" {
		for _, f := range txtar.Parse(suiteRead(t, src, c.archive)).Files {
			put(f.Name, f.Data)
		}
		tr.vetPkg = []string{"./..."}
	}
	work := "go 1.26\n\nuse (\n"
	for _, m := range c.modules {
		for _, rel := range suiteFiles(t, src, "", []string{m}) {
			put(rel, suiteRead(t, src, rel))
		}
		put(m+"/go.mod", fmt.Appendf(nil, "module %s\n\ngo 1.26\n", m))
		work += "\t./" + m + "\n"
		tr.vetPkg = append(tr.vetPkg, "./"+m+"/...")
	}
	if len(c.modules) > 0 {
		put("go.work", []byte(work+")\n"))
	}
	for rel, data := range c.extra {
		put(rel, []byte(data))
	}
	return tr
}

// suiteTally counts a case's sites: marked, reproduced as the golden has
// them, and rewrites of lines the golden keeps.
type suiteTally struct{ sites, reproduced, unwanted int }

func (s *suiteTally) add(o suiteTally) {
	s.sites, s.reproduced, s.unwanted = s.sites+o.sites, s.reproduced+o.reproduced, s.unwanted+o.unwanted
}

// checkSuiteTree runs canonize over the tree, compares each Go file of
// the case with its golden (or with itself when it has no marked use:
// the suite has a stale golden of such a file, a/a_test.go of
// issue76190, which analysistest never reads as no fix edits the file),
// checks the declined uses, writes the result to the tree and returns
// the tally.
func checkSuiteTree(t *testing.T, tr *suiteTree, c suiteCase) suiteTally {
	opts := withTool(t, driver.Options{Dir: tr.root})
	for _, d := range c.only {
		opts.Patterns = append(opts.Patterns, filepath.Join(tr.root, d))
	}
	res, err := driver.Plan(opts)
	if err != nil {
		t.Fatalf("driver.Plan: %v", err)
	}
	for _, d := range append(res.Warnings, res.Problems...) {
		t.Logf("canonize says: %s", d)
	}
	got := map[string][]byte{}
	for _, ch := range res.Changes {
		got[ch.Path] = ch.New
	}
	var tally suiteTally
	for _, rel := range suiteFiles(t, tr.root, ".go", c.only) {
		orig := suiteRead(t, tr.root, rel)
		for i, line := range strings.Split(string(orig), "\n") {
			if m := suiteDeclined.FindStringSubmatch(line); m != nil {
				tr.declined[fmt.Sprintf("%s:%d", rel, i+1)] = m[1]
			}
		}
		out := got[rel]
		if out == nil {
			out = orig
		}
		want := orig
		if bytes.Contains(orig, []byte(siteMarker)) {
			if want = tr.want[rel]; want == nil {
				t.Fatalf("%s: marked uses but no golden file", rel)
			}
		}
		ft := compareSuiteFile(t, rel, orig, out, want)
		t.Logf("%s: %d sites, %d reproduced, %d unwanted rewrites; byte-identical to the golden: %v",
			rel, ft.sites, ft.reproduced, ft.unwanted, bytes.Equal(out, want))
		tally.add(ft)
	}
	for at, why := range tr.declined {
		if !slices.ContainsFunc(res.Sites, func(s engine.Site) bool {
			return fmt.Sprintf("%s:%d", s.Path, s.Line) == at && s.Kind == engine.KindReview && strings.Contains(s.Reason, why)
		}) {
			t.Errorf("%s: no review site saying %q", at, why)
		}
	}
	for rel, data := range got {
		txtartest.WriteFile(t, filepath.Join(tr.root, rel), data)
	}
	return tally
}

// hunk replaces lines [start, end) of the original by lines.
type hunk struct {
	start, end int
	lines      []string
}

func (h hunk) equal(o hunk) bool {
	return h.start == o.start && h.end == o.end && slices.Equal(h.lines, o.lines)
}

// touches says whether h changes lines [start, end) or inserts next to them.
func (h hunk) touches(start, end int) bool {
	return h.start < max(end, start+1) && start < max(h.end, h.start+1)
}

// hunksOf returns the hunks turning a into b; n lines replaced by n
// lines are n one-line hunks, so that each site is its own.
func hunksOf(a, b []string) []hunk {
	var out []hunk
	i, j, del, ins := 0, 0, 0, 0 // del lines of a from i and ins of b from j are a change
	flush := func() {
		for n := 0; del == ins && n < del; n++ {
			out = append(out, hunk{i + n, i + n + 1, b[j+n : j+n+1]})
		}
		if del != ins {
			out = append(out, hunk{i, i + del, b[j : j+ins]})
		}
		i, j, del, ins = i+del, j+ins, 0, 0
	}
	for _, s := range linediff.Diff(a, b) {
		switch s.Op {
		case linediff.Equal:
			flush()
			i, j = i+s.N, j+s.N
		case linediff.Delete:
			del += s.N
		case linediff.Insert:
			ins += s.N
		}
	}
	flush()
	return out
}

// compareSuiteFile compares canonize's output for one file with the
// golden, both normalized, hunk by hunk against the original: a marked
// line is reproduced when every hunk of the golden and of the output at
// it is in the other. Away from the sites, the two must have the same
// hunks; one of the output's where the golden has none rewrites a line
// the golden keeps.
func compareSuiteFile(t *testing.T, rel string, orig, out, want []byte) suiteTally {
	t.Helper()
	o, g, w := suiteNormal(t, rel, orig), suiteNormal(t, rel+" (canonize)", out), suiteNormal(t, rel+".golden", want)
	wantH, gotH := hunksOf(o, w), hunksOf(o, g)
	var tally suiteTally
	var sites []int
	atSite := func(h hunk) bool { return slices.ContainsFunc(sites, func(i int) bool { return h.touches(i, i+1) }) }
	for i, line := range o {
		n := strings.Count(line, siteMarker)
		if n == 0 {
			continue
		}
		tally.sites, sites = tally.sites+n, append(sites, i)
		missing := func(in []hunk) func(hunk) bool {
			return func(h hunk) bool { return h.touches(i, i+1) && !slices.ContainsFunc(in, h.equal) }
		}
		if slices.ContainsFunc(wantH, missing(gotH)) || slices.ContainsFunc(gotH, missing(wantH)) {
			t.Errorf("%s: site not reproduced (see the diff below): %s", rel, line)
			continue
		}
		tally.reproduced += n
	}
	for k, h := range slices.Concat(gotH, wantH) {
		if atSite(h) || slices.ContainsFunc(gotH, h.equal) && slices.ContainsFunc(wantH, h.equal) {
			continue
		}
		who := "the golden"
		if k < len(gotH) {
			who = "canonize"
			if !slices.ContainsFunc(wantH, func(wh hunk) bool { return wh.touches(h.start, h.end) }) {
				tally.unwanted++ // a line the golden keeps
			}
		}
		t.Errorf("%s: away from any site, only %s rewrites %q as %q", rel, who, o[h.start:h.end], h.lines)
	}
	if !slices.Equal(g, w) {
		t.Logf("%s: normalized golden (-) and output (+) differ:\n%s", rel, udiff.Unified(rel, []byte(strings.Join(w, "")), []byte(strings.Join(g, ""))))
	}
	return tally
}

// suiteNormal returns the lines of a Go file whose import declarations
// are made one sorted block, formatted by go/format.
func suiteNormal(t *testing.T, name string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Imports) > 0 {
		var specs []string
		for _, imp := range f.Imports {
			specs = append(specs, fmt.Sprintf("\t%s %s\n", cmp.Or(imp.Name, ast.NewIdent("")).Name, imp.Path.Value))
		}
		slices.Sort(specs)
		start, end := fset.Position(f.Decls[0].Pos()).Offset, fset.Position(f.Decls[len(f.Decls)-1].End()).Offset
		src = slices.Concat(src[:start], []byte("import (\n"+strings.Join(specs, "")+")"), src[end:])
	}
	out, err := format.Source(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return linediff.Split(string(out))
}

// suitePos matches positions: the golden's lines may not be the result's.
var suitePos = regexp.MustCompile(`\.(go|s):\d+(:\d+)?:`)

// goldenTree copies the case's tree with its golden files in place.
func goldenTree(t *testing.T, tr *suiteTree, c suiteCase) string {
	gt := t.TempDir()
	if err := os.CopyFS(gt, os.DirFS(tr.root)); err != nil {
		t.Fatal(err)
	}
	for _, rel := range suiteFiles(t, gt, ".go", c.only) {
		if w, ok := tr.want[rel]; ok && bytes.Contains(suiteRead(t, gt, rel), []byte(siteMarker)) {
			txtartest.WriteFile(t, filepath.Join(gt, rel), w)
		}
	}
	return gt
}

// checkSuiteVet runs go vet and go build on the result tree and on the
// golden tree in each environment: the result must get the same findings
// and errors as the golden, positions aside.
func checkSuiteVet(t *testing.T, tr *suiteTree, gt string, envs [][]string) {
	for _, env := range envs {
		for _, verb := range []string{"vet", "build"} {
			args := append([]string{verb}, tr.vetPkg...)
			got, gotErr := goCmd(tr.root, env, args...)
			want, wantErr := goCmd(gt, env, args...)
			got = suitePos.ReplaceAllString(strings.ReplaceAll(got, tr.root, "$ROOT"), ".$1:")
			want = suitePos.ReplaceAllString(strings.ReplaceAll(want, gt, "$ROOT"), ".$1:")
			t.Logf("go %s %v on the result: %v %s", verb, env, gotErr, got)
			if got != want || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("go %s %v: the result gives\n%v %s\nthe golden tree gives\n%v %s", verb, env, gotErr, got, wantErr, want)
			}
		}
	}
}

// logGoFix records, for comparison, what the real go fix -diff does to
// the tree in each environment; nothing is asserted.
func logGoFix(t *testing.T, tr *suiteTree, envs [][]string) {
	for _, e := range envs {
		out, err := goCmd(tr.root, e, append([]string{"fix", "-diff"}, tr.vetPkg...)...)
		added := regexp.MustCompile(`(?m)^\+[^+].*$`).FindAllString(out, -1)
		t.Logf("go fix -diff %v (%v) adds %d lines:\n%s", e, err, len(added), strings.Join(added, "\n"))
	}
}

func suiteRead(t *testing.T, root, rel string) []byte {
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// goCmd runs the real go command in dir.
func goCmd(dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = slices.Concat(os.Environ(), []string{"GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS="}, env)
	out, err := cmd.CombinedOutput()
	return string(out), err
}
