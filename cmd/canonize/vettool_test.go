package main

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// goCmd runs the real go command in dir and returns its exit code and
// combined output.
func goCmd(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = binaryEnv() // canonize, run by the go command, counts its coverage too
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("go %v: %v", args, err)
	}
	return code, string(out)
}

var vetLine = regexp.MustCompile(`^(\S+?\.go):(\d+):(\d+): (.*)$`)

// vetSites parses go vet's text output into "path:line:col" -> message.
func vetSites(t *testing.T, out string) map[string]string {
	sites := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		if m := vetLine.FindStringSubmatch(sc.Text()); m != nil {
			sites[strings.TrimPrefix(m[1], "./")+":"+m[2]+":"+m[3]] = m[4]
		}
	}
	return sites
}

// hostFiles lists the files the host build of ./... compiles, tests included.
func hostFiles(t *testing.T, dir string) map[string]bool {
	_, out := goCmd(t, dir, "list", "-f", `{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .TestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}`, "./...")
	files := map[string]bool{}
	for _, f := range strings.Fields(out) {
		rel, _ := filepath.Rel(dir, f)
		files[filepath.ToSlash(rel)] = true
	}
	return files
}

// TestVetTool runs the real go command with canonize as its vet and fix
// tool on a copy of the example (a facade package re-exports the
// deprecated factory, so calls through it need facts across packages):
// go vet reports exactly the deprecated sites canonize check reports in
// the files the host build compiles; -json gives each site's kind as its
// category and fixes on auto sites only; go fix -diff shows the
// migration; go fix applies it, after which the module builds and only
// the sites canonize does not rewrite are left.
func TestVetTool(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	code, out := goCmd(t, dir, "vet", "-vettool="+binary, "./...")
	if code == 0 {
		t.Fatalf("go vet found nothing:\n%s", out)
	}
	vet := vetSites(t, out)
	host := hostFiles(t, dir)
	r := canonize(t, dir, "check", "--json")
	var check struct {
		Sites []struct {
			Path         string
			Line, Col    int
			Kind, Reason string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &check); err != nil {
		t.Fatalf("check --json: %v\n%s", err, r.stdout)
	}
	want := map[string]string{}
	for _, s := range check.Sites {
		if !host[s.Path] {
			continue
		}
		kind := s.Kind
		if strings.Contains(s.Reason, "deleted in the exports phase") {
			// The pass sees one package, not every caller of a facade, so
			// it leaves re-export declarations for a person (or canonize
			// apply) to delete.
			kind = "review"
		}
		want[s.Path+":"+itoa(s.Line)+":"+itoa(s.Col)] = kind
	}
	if len(want) < 50 {
		t.Fatalf("only %d sites in host files", len(want))
	}
	for k := range want {
		if _, ok := vet[k]; !ok {
			t.Errorf("go vet misses %s (%s)", k, want[k])
		}
	}
	for k, msg := range vet {
		if _, ok := want[k]; !ok {
			t.Errorf("go vet reports %s, canonize check does not: %s", k, msg)
		}
		if !strings.Contains(msg, "use websocket.NewWebSocketManager (rule factory-create)") {
			t.Errorf("%s: message %q does not name the replacement", k, msg)
		}
	}
	checkVetJSON(t, dir, want)

	code, diff := goCmd(t, dir, "fix", "-fixtool="+binary, "-diff", "./...")
	if code == 0 || !strings.Contains(diff, "+\tm := websocket.NewWebSocketManager(ctx, AuditUser)") {
		t.Fatalf("go fix -diff: exit %d\n%s", code, diff)
	}
	if code, out := goCmd(t, dir, "fix", "-fixtool="+binary, "./..."); code != 0 {
		t.Fatalf("go fix: exit %d\n%s", code, out)
	}
	if code, out := goCmd(t, dir, "build", "./..."); code != 0 {
		t.Fatalf("the fixed module does not build:\n%s", out)
	}
	_, out = goCmd(t, dir, "vet", "-vettool="+binary, "./...")
	for k, msg := range vetSites(t, out) {
		if want[k] == "auto" {
			t.Errorf("after go fix, auto site %s is still reported: %s", k, msg)
		}
	}
}

// checkVetJSON checks go vet -json: one entry per site, the kind as the
// category, a fix exactly on auto sites.
func checkVetJSON(t *testing.T, dir string, want map[string]string) {
	_, out := goCmd(t, dir, "vet", "-vettool="+binary, "-json", "./...")
	dec := json.NewDecoder(strings.NewReader(out[strings.Index(out, "{"):]))
	seen := 0
	for dec.More() {
		var pkgs map[string]map[string][]struct {
			Category string
			Posn     string
			Fixes    []json.RawMessage `json:"suggested_fixes"`
		}
		if err := dec.Decode(&pkgs); err != nil {
			// go vet interleaves "# pkg" lines; skip to the next object.
			rest, _ := readRest(dec)
			dec = json.NewDecoder(strings.NewReader(rest[max(strings.Index(rest, "{"), 0):]))
			continue
		}
		for _, byAnalyzer := range pkgs {
			for _, d := range byAnalyzer["canonize"] {
				rel, _ := filepath.Rel(dir, d.Posn)
				kind, ok := want[filepath.ToSlash(rel)]
				switch {
				case !ok:
					t.Errorf("-json: unexpected %s", d.Posn)
				case d.Category != kind:
					t.Errorf("-json: %s: category %s, want %s", rel, d.Category, kind)
				case (len(d.Fixes) > 0) != (kind == "auto"):
					t.Errorf("-json: %s: %s site with %d fixes", rel, kind, len(d.Fixes))
				}
				seen++
			}
		}
	}
	if seen < len(want) {
		t.Errorf("-json: %d diagnostics, want at least %d (one per site)", seen, len(want))
	}
}

func readRest(dec *json.Decoder) (string, error) {
	var b strings.Builder
	_, err := bufio.NewReader(dec.Buffered()).WriteTo(&b)
	return b.String(), err
}

// TestVetToolSpec: the tool's identity for the go command's cache
// changes with the spec's content; so do the results, through the cache;
// a named spec needs its hash, and a wrong hash, a missing spec or one
// that does not parse each give one clear error and a failing exit.
func TestVetToolSpec(t *testing.T) {
	dir := copyTree(t, "../../testdata/chatapp")
	id := func() string {
		r := canonize(t, dir, "-V=full")
		if r.code != 0 || !strings.Contains(r.stdout, " version devel ") || !strings.Contains(r.stdout, "buildID=") {
			t.Fatalf("-V=full: exit %d %q %q", r.code, r.stdout, r.stderr)
		}
		return r.stdout
	}
	before := id()
	if again := id(); again != before {
		t.Fatalf("-V=full is not stable: %q then %q", before, again)
	}
	_, out := goCmd(t, dir, "vet", "-vettool="+binary, "./...")
	n := len(vetSites(t, out))
	specPath := filepath.Join(dir, "canonize.yaml")
	data, _ := os.ReadFile(specPath)
	// Rename the rule: every diagnostic names it, so results cached
	// under the old spec must not be replayed.
	edited := strings.ReplaceAll(string(data), "factory-create", "factory-new")
	os.WriteFile(specPath, []byte(edited), 0o644)
	if id() == before {
		t.Error("-V=full did not change with the spec")
	}
	_, out = goCmd(t, dir, "vet", "-vettool="+binary, "./...")
	after := vetSites(t, out)
	renamed := 0
	for _, msg := range after {
		if strings.Contains(msg, "(rule factory-new)") {
			renamed++
		}
	}
	if len(after) != n || renamed == 0 {
		t.Errorf("after the spec changed: %d diagnostics (%d naming the new rule), before %d:\n%s", len(after), renamed, n, out)
	}
	os.WriteFile(specPath, data, 0o644)

	abs := specPath
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-canonize.spec=" + abs}, "needs -canonize.spechash"},
		{[]string{"-canonize.spec=" + abs, "-canonize.spechash=00"}, "the spec changed"},
	} {
		code, out := goCmd(t, dir, append(append([]string{"vet", "-vettool=" + binary}, c.args...), "./websocket")...)
		if code == 0 || !strings.Contains(out, c.want) {
			t.Errorf("go vet %v: exit %d, want an error %q:\n%s", c.args, code, c.want, out)
		}
	}
	os.WriteFile(specPath, []byte("version: 1\nrules: [\n"), 0o644)
	if code, out := goCmd(t, dir, "vet", "-vettool="+binary, "./websocket"); code == 0 || !strings.Contains(out, "canonize.yaml:") {
		t.Errorf("unparsable spec: exit %d:\n%s", code, out)
	}
	os.Remove(specPath)
	if code, out := goCmd(t, dir, "vet", "-vettool="+binary, "./websocket"); code == 0 || !strings.Contains(out, "no canonize.yaml") {
		t.Errorf("no spec: exit %d:\n%s", code, out)
	}
}

// inlineModule has no canonize.yaml: package b calls two //go:fix inline
// functions of package a, one the inliner rewrites and one that would
// need a binding declaration.
const inlineModule = `
-- go.mod --
module example.com/m

go 1.26
-- a/a.go --
package a

func Pow(x, n int) int { return x * n }

//go:fix inline
func Square(x int) int { return Pow(x, 2) }

//go:fix inline
func Sub(x, y int) int { return y - x }
-- b/b.go --
package b

import "example.com/m/a"

func h(int) int { return 0 }

func F(v int) int {
	a.Sub(h(1), h(2))
	return a.Square(v)
}
`

// TestVetToolInline: go vet -inline runs only Go's inliner, which needs
// no spec: across packages (a's facts reach b) it reports the call it
// rewrites with the fix's edits and the call it declines with the
// reason; without -inline, canonize's Analyzer runs too and says the
// spec is missing.
func TestVetToolInline(t *testing.T) {
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(inlineModule)).Files {
		path := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out := goCmd(t, dir, "vet", "-vettool="+binary, "-inline", "-json", "./...")
	if code != 0 {
		t.Fatalf("go vet -inline -json: exit %d\n%s", code, out)
	}
	type diag struct {
		Category, Posn, Message string
		Fixes                   []struct {
			Edits []struct {
				Filename   string
				Start, End int
				New        string
			}
		} `json:"suggested_fixes"`
	}
	got := map[string]diag{}
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var tree map[string]map[string][]diag
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("go vet -json: %v\n%s", err, out)
		}
		for _, d := range tree["example.com/m/b"]["inline"] {
			got[d.Category] = d
		}
	}
	bgo := filepath.Join(dir, "b", "b.go")
	src, _ := os.ReadFile(bgo)
	call := got["inline_call"]
	if call.Posn != bgo+":9:9" || len(call.Fixes) != 1 || len(call.Fixes[0].Edits) != 1 {
		t.Fatalf("inline_call: %+v\n%s", call, out)
	}
	e := call.Fixes[0].Edits[0]
	if e.Filename != bgo || string(src[e.Start:e.End]) != "a.Square(v)" || e.New != "a.Pow(v, 2)" {
		t.Errorf("inline_call edit %+v replaces %q", e, src[e.Start:e.End])
	}
	declined := got["inline_declined"]
	if declined.Posn != bgo+":8:2" || len(declined.Fixes) != 0 ||
		!strings.Contains(declined.Message, "Call of a.Sub not inlined: ") || !strings.Contains(declined.Message, "binding declaration") {
		t.Errorf("inline_declined: %+v", declined)
	}

	if code, out := goCmd(t, dir, "vet", "-vettool="+binary, "./b"); code == 0 || !strings.Contains(out, "no canonize.yaml") {
		t.Errorf("go vet without -inline and without a spec: exit %d:\n%s", code, out)
	}
}
