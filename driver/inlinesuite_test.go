package driver_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
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
	"github.com/canonize/canonize/internal/linediff"
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
	only []string
	spec string // canonize.yaml, if any
}

var inlineSuite = []suiteCase{
	{name: "a,b", modules: []string{"a", "b", "c"}},
	{name: "rmimport", modules: []string{"a", "rmimport"}, only: []string{"rmimport"}},
	{name: "binding_false", modules: []string{"binding_false"}},
	{name: "binding_true", modules: []string{"binding_true"},
		spec: "version: 1\nrules: []\ninline: {allow_binding_decl: true}\n"},
	{name: "issue76190", archive: "issue76190.txtar"},
	{name: "issue77610", archive: "issue77610.txtar"},
	{name: "issue78088", archive: "issue78088.txtar"},
	{name: "issue78994", archive: "issue78994.txtar"},
	// The next two run with analysistest.Run, so the suite has no golden
	// files for them: ours are in testdata/inlinesuite.
	{name: "embedded_alias", archive: "embedded_alias.txtar"},
	{name: "issue77844", archive: "issue77844.txtar"},
}

// siteMarker marks, in a want comment, a use the inliner must inline.
const siteMarker = "should be inlined"

// TestInlineSuite runs the inline analyzer's own testdata, read from the
// module cache, through canonize: per case, every site of the golden
// files must be reproduced, no line the golden keeps may be rewritten,
// and the result must pass go vet as the golden tree does.
//
// Files are compared as analysistest compares them: after go/format
// (it formats both the fixed file and the golden one).
func TestInlineSuite(t *testing.T) {
	src := inlineSuiteDir(t)
	total := countSuiteMarkers(t, src)
	t.Logf("%d uses marked %q in %s", total, siteMarker, src)
	t.Logf("directive: not run (inline_test.go does not name it; its golden is of another file and its calls carry no want)")
	var sum suiteTally
	var table []string
	for _, c := range inlineSuite {
		var got suiteTally
		t.Run(c.name, func(t *testing.T) {
			tr := buildSuiteTree(t, src, c)
			got = checkSuiteTree(t, tr, c)
			checkSuiteVet(t, src, c, tr, nil)
		})
		table = append(table, fmt.Sprintf("%-15s %5d %10d %8d", c.name, got.sites, got.reproduced, got.unwanted))
		sum.add(got)
	}
	t.Logf("case            sites reproduced unwanted\n%s\n%-15s %5d %10d %8d",
		strings.Join(table, "\n"), "total", sum.sites, sum.reproduced, sum.unwanted)
	if sum.sites != total {
		t.Errorf("the cases cover %d marked uses, the suite has %d", sum.sites, total)
	}
}

func inlineSuiteDir(t *testing.T) string {
	out, err := exec.Command("go", "list", "-m", "-json", "golang.org/x/tools").Output()
	if err != nil {
		t.Fatalf("go list -m golang.org/x/tools: %v", err)
	}
	var m struct{ Version, Dir string }
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	if m.Dir == "" {
		t.Fatalf("golang.org/x/tools %s is not in the module cache: run go mod download", m.Version)
	}
	return filepath.Join(m.Dir, "go/analysis/passes/inline/testdata/src")
}

// countSuiteMarkers counts the site markers of the suite's source files
// (golden files and sections excluded).
func countSuiteMarkers(t *testing.T, src string) int {
	n := 0
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".golden") {
			return err
		}
		data, err := os.ReadFile(path)
		if !strings.HasSuffix(path, ".txtar") {
			n += bytes.Count(data, []byte(siteMarker))
			return err
		}
		for _, f := range txtar.Parse(data).Files {
			if !strings.HasSuffix(f.Name, ".golden") {
				n += bytes.Count(f.Data, []byte(siteMarker))
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// suiteTree is a case's tree on disk and what each of its files should become.
type suiteTree struct {
	root   string
	want   map[string][]byte // golden content by slash path
	moved  map[string]string // a renamed file's original path, for the log
	vetPkg []string          // patterns for go vet and go build
}

func buildSuiteTree(t *testing.T, src string, c suiteCase) *suiteTree {
	tr := &suiteTree{root: t.TempDir(), want: map[string][]byte{}, moved: map[string]string{}}
	put := func(rel string, data []byte) {
		if g, ok := strings.CutSuffix(rel, ".golden"); ok {
			tr.want[g] = data
			return
		}
		writeSuiteFile(t, filepath.Join(tr.root, rel), data)
	}
	if c.archive != "" {
		ar, err := txtar.ParseFile(filepath.Join(src, c.archive))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			put(f.Name, f.Data)
		}
		tr.vetPkg = []string{"./..."}
	}
	work := "go 1.26\n\nuse (\n"
	for _, m := range c.modules {
		err := filepath.WalkDir(filepath.Join(src, m), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			rel, _ := filepath.Rel(src, path)
			put(filepath.ToSlash(rel), data)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		writeSuiteFile(t, filepath.Join(tr.root, m, "go.mod"), fmt.Appendf(nil, "module %s\n\ngo 1.26\n", m))
		work += "\t./" + m + "\n"
		tr.vetPkg = append(tr.vetPkg, "./"+m+"/...")
	}
	if len(c.modules) > 0 {
		writeSuiteFile(t, filepath.Join(tr.root, "go.work"), []byte(work+")\n"))
	}
	// Our own golden files, for the cases the suite checks without one.
	own, _ := filepath.Glob(filepath.Join("..", "testdata", "inlinesuite", c.name, "*", "*.golden"))
	for _, g := range own {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(filepath.Join("..", "testdata", "inlinesuite", c.name), g)
		put(filepath.ToSlash(rel), data)
	}
	if c.spec != "" {
		writeSuiteFile(t, filepath.Join(tr.root, "canonize.yaml"), []byte(c.spec))
	}
	return tr
}

func writeSuiteFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// suiteTally counts a case's sites: marked in the golden, reproduced, and
// rewrites of lines the golden keeps.
type suiteTally struct{ sites, reproduced, unwanted int }

func (s *suiteTally) add(o suiteTally) {
	s.sites, s.reproduced, s.unwanted = s.sites+o.sites, s.reproduced+o.reproduced, s.unwanted+o.unwanted
}

// checkSuiteTree runs canonize over the tree, compares each Go file of
// the case with its golden (or with itself when it has no marked use: the
// suite has a stale golden of such a file, which analysistest never
// reads), writes the result to the tree and returns the tally.
func checkSuiteTree(t *testing.T, tr *suiteTree, c suiteCase) suiteTally {
	opts := withTool(t, driver.Options{Dir: tr.root})
	for _, d := range c.only {
		opts.Patterns = append(opts.Patterns, filepath.Join(tr.root, d))
	}
	res, err := driver.Run(opts)
	if err != nil {
		t.Fatalf("driver.Run: %v", err)
	}
	for _, d := range append(res.Warnings, res.Problems...) {
		t.Logf("canonize says: %s", d)
	}
	got := map[string][]byte{}
	for _, ch := range res.Changes {
		got[ch.Path] = ch.New
	}
	var tally suiteTally
	for _, rel := range suiteGoFiles(t, tr.root, c.only) {
		orig, err := os.ReadFile(filepath.Join(tr.root, rel))
		if err != nil {
			t.Fatal(err)
		}
		out, ok := got[rel]
		if !ok {
			out = orig
		}
		want, ok := tr.want[rel]
		marked := bytes.Contains(orig, []byte(siteMarker))
		if marked && !ok {
			t.Errorf("%s: marked uses but no golden file", rel)
			continue
		}
		if !marked {
			want = orig
		}
		ft := compareSuiteFile(t, rel, orig, out, want)
		name := rel
		if o := tr.moved[rel]; o != "" {
			name += " (" + o + ")"
		}
		t.Logf("%s: %d sites, %d reproduced, %d unwanted rewrites; byte-identical to golden: %v",
			name, ft.sites, ft.reproduced, ft.unwanted, bytes.Equal(out, want))
		tally.add(ft)
		if os.Getenv("SUITEDBG") != "" && !bytes.Equal(out, want) {
			t.Logf("DBG %s\n%s", rel, udiff.Unified(rel, want, out))
		}
	}
	for rel, data := range got {
		writeSuiteFile(t, filepath.Join(tr.root, rel), data)
	}
	return tally
}

// suiteGoFiles lists the tree's Go files under the given directories (all
// when none), as slash paths.
func suiteGoFiles(t *testing.T, root string, only []string) []string {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
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

// hunk replaces lines [start, end) of the original by lines.
type hunk struct {
	start, end int
	lines      []string
}

func (h hunk) equal(o hunk) bool {
	return h.start == o.start && h.end == o.end && slices.Equal(h.lines, o.lines)
}

// touches says whether h changes or inserts at one of lines [start, end).
func (h hunk) touches(start, end int) bool {
	if h.start == h.end || start == end {
		return h.start >= start && h.start <= end && start <= h.end
	}
	return h.start < end && start < h.end
}

// hunksOf returns the hunks turning a into b; a run of n lines replaced by
// n lines is n one-line hunks, so that each line of a site is its own.
func hunksOf(a, b []string) []hunk {
	var out []hunk
	i, j := 0, 0
	spans := linediff.Diff(a, b)
	for k := 0; k < len(spans); k++ {
		s := spans[k]
		if s.Op == linediff.Equal {
			i, j = i+s.N, j+s.N
			continue
		}
		del, ins := 0, 0
		for ; k < len(spans) && spans[k].Op != linediff.Equal; k++ {
			if spans[k].Op == linediff.Delete {
				del += spans[k].N
			} else {
				ins += spans[k].N
			}
		}
		k--
		if del == ins {
			for n := range del {
				out = append(out, hunk{i + n, i + n + 1, b[j+n : j+n+1]})
			}
		} else {
			out = append(out, hunk{i, i + del, b[j : j+ins]})
		}
		i, j = i+del, j+ins
	}
	return out
}

// compareSuiteFile compares canonize's output for one file with the
// golden, both formatted as analysistest formats them, hunk by hunk
// against the original.
func compareSuiteFile(t *testing.T, rel string, orig, out, want []byte) suiteTally {
	t.Helper()
	o, g, w := suiteFormat(t, rel, orig), suiteFormat(t, rel+" (canonize)", out), suiteFormat(t, rel+".golden", want)
	if o == nil || g == nil || w == nil {
		return suiteTally{}
	}
	wantH, gotH := hunksOf(o, w), hunksOf(o, g)
	var tally suiteTally
	for i, line := range o {
		n := strings.Count(line, siteMarker)
		if n == 0 {
			continue
		}
		tally.sites += n
		ok := true
		for _, wh := range wantH {
			if wh.touches(i, i+1) && !slices.ContainsFunc(gotH, wh.equal) {
				ok = false
			}
		}
		for _, gh := range gotH {
			if gh.touches(i, i+1) && !slices.ContainsFunc(wantH, gh.equal) {
				ok = false
			}
		}
		if ok {
			tally.reproduced += n
		} else {
			t.Errorf("%s:%d: site not reproduced\n\twas:    %s\tgolden: %s\tgot:    %s",
				rel, i+1, line, around(wantH, o, i), around(gotH, o, i))
		}
	}
	for _, gh := range gotH {
		if slices.ContainsFunc(wantH, gh.equal) || slices.ContainsFunc(wantH, func(wh hunk) bool { return wh.touches(gh.start, gh.end) }) {
			continue
		}
		if strings.Contains(strings.Join(o[gh.start:gh.end], ""), siteMarker) {
			continue // a site, reported above
		}
		tally.unwanted++
		t.Errorf("%s:%d: rewritten, the golden keeps it\n\twas: %q\n\tgot: %q", rel, gh.start+1, o[gh.start:gh.end], gh.lines)
	}
	return tally
}

// around is what the hunks make of original line i, as text.
func around(hs []hunk, o []string, i int) string {
	for _, h := range hs {
		if h.touches(i, i+1) {
			return strings.Join(h.lines, "\t        ")
		}
	}
	return o[i]
}

var suiteBlankRun = regexp.MustCompile(`\n\n\n+`)

// suiteFormat formats src as go/format does and splits it into lines.
func suiteFormat(t *testing.T, name string, src []byte) []string {
	t.Helper()
	f, err := format.Source(src)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return nil
	}
	return linediff.Split(suiteBlankRun.ReplaceAllString(string(f), "\n\n"))
}

// checkSuiteVet runs go vet and go build on the result tree and on the
// golden tree (the case's tree with every golden file in place): the
// result must do as the golden does, findings and errors alike.
func checkSuiteVet(t *testing.T, src string, c suiteCase, tr *suiteTree, prepare func(*suiteTree)) {
	gt := buildSuiteTree(t, src, c)
	if prepare != nil {
		prepare(gt)
	}
	for _, rel := range suiteGoFiles(t, gt.root, c.only) {
		orig, _ := os.ReadFile(filepath.Join(gt.root, rel))
		if w, ok := gt.want[rel]; ok && bytes.Contains(orig, []byte(siteMarker)) {
			writeSuiteFile(t, filepath.Join(gt.root, rel), w)
		}
	}
	for _, verb := range []string{"vet", "build"} {
		got, gotErr := goCmd(tr.root, append([]string{verb}, tr.vetPkg...)...)
		want, wantErr := goCmd(gt.root, append([]string{verb}, gt.vetPkg...)...)
		got = strings.ReplaceAll(got, tr.root, "$ROOT")
		want = strings.ReplaceAll(want, gt.root, "$ROOT")
		t.Logf("go %s on the result: %v %s", verb, gotErr, got)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("go %s: the result gives\n%v %s\nthe golden tree gives\n%v %s", verb, gotErr, got, wantErr, want)
		}
	}
}

// goCmd runs the real go command in dir.
func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOPROXY=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}
