package baseline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/canonize/canonize/engine"
)

func dep(path string, line int, fn, text string) engine.Site {
	return engine.Site{Path: path, Line: line, Col: 2, Symbol: "ws.Old", Role: engine.RoleDeprecated, Kind: engine.KindAuto, Func: fn, Text: text}
}

var spec1 = Spec{Name: "s", SHA256: strings.Repeat("ab", 32)}

// A baseline counts identical sites of one function as a multiset and
// leaves out canonical sites and generated files.
func TestMake(t *testing.T) {
	gen := dep("z.go", 1, "F", "ws.Old()")
	gen.Generated = true
	can := dep("a.go", 9, "F", "ws.New()")
	can.Role = engine.RoleCanonical
	f := Make(spec1, []engine.Site{dep("b.go", 3, "G", "ws.Old ( )"), dep("a.go", 5, "F", "ws.Old ( )"), dep("a.go", 7, "F", "ws.Old ( )"), gen, can})
	if f.Count() != 3 || len(f.Sites) != 2 {
		t.Fatalf("entries %+v", f.Sites)
	}
	if e := f.Sites[0]; e.Path != "a.go" || e.Func != "F" || e.Count != 2 || e.TextSHA256 != KeyOf(dep("", 0, "", "ws.Old ( )")).TextSHA256 {
		t.Errorf("first entry %+v", e)
	}
	if f.Sites[1].Path != "b.go" {
		t.Errorf("entries not sorted by path: %+v", f.Sites)
	}
}

// Lines do not matter; a site in another function, with other text, or
// a second identical call is new; a site gone is fixed; of identical
// calls the last are the new ones.
func TestCompare(t *testing.T) {
	f := Make(spec1, []engine.Site{dep("a.go", 5, "F", "ws.Old ( 1 )"), dep("a.go", 9, "G", "ws.Old ( 2 )"), dep("a.go", 20, "H", "ws.Old ( 3 )")})
	now := []engine.Site{
		dep("a.go", 15, "F", "ws.Old ( 1 )"), // moved down: known
		dep("a.go", 16, "F", "ws.Old ( 1 )"), // a second identical call: new
		dep("a.go", 19, "G", "ws.Old ( 9 )"), // other arguments: new; G's old one fixed
		dep("a.go", 30, "K", "ws.Old ( 3 )"), // moved to another function: new; H's fixed
	}
	c := Compare(f, now)
	var lines []int
	for _, s := range c.New {
		lines = append(lines, s.Line)
	}
	if !reflect.DeepEqual(lines, []int{16, 19, 30}) || c.Known != 1 {
		t.Errorf("new at lines %v, known %d; want [16 19 30], 1", lines, c.Known)
	}
	if !c.IsNew(now[1]) || c.IsNew(now[0]) {
		t.Error("IsNew disagrees with New")
	}
	var fixed []string
	for _, e := range c.Fixed {
		fixed = append(fixed, e.Func)
	}
	if !reflect.DeepEqual(fixed, []string{"G", "H"}) {
		t.Errorf("fixed %v, want [G H]", fixed)
	}
	if c := Compare(f, nil); len(c.New) != 0 || len(c.Fixed) != 3 || c.New == nil {
		t.Errorf("everything fixed: %+v", c)
	}
}

// A baseline written and read back is the same, and matches its spec.
func TestRoundTrip(t *testing.T) {
	f := Make(spec1, []engine.Site{dep("a.go", 5, "(*T).M", "x"), dep("a.go", 6, "<file scope>", "y")})
	dir := t.TempDir()
	path := filepath.Join(dir, "base.json")
	if err := Save(path, f); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Sites, f.Sites) || back.Spec != f.Spec || back.Version != Version {
		t.Errorf("read back %+v, wrote %+v", back, f)
	}
	if err := back.CheckSpec(spec1, "canonize.yaml"); err != nil {
		t.Error(err)
	}
	var empty bytes.Buffer
	if err := Encode(&empty, Make(spec1, nil)); err != nil || !strings.Contains(empty.String(), `"sites": []`) {
		t.Errorf("an empty baseline: %s, %v", empty.String(), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Save left %d files behind", len(entries))
	}
}

// Made with another spec, or another version of it: a *SpecError at the
// line of "spec" that says how to make it again.
func TestCheckSpec(t *testing.T) {
	var b bytes.Buffer
	if err := Encode(&b, Make(spec1, nil)); err != nil {
		t.Fatal(err)
	}
	f, err := Parse("base.json", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for want, other := range map[string]Spec{
		`base.json:3: made with spec "s", not canonize.yaml ("t"): make it again with canonize baseline -o base.json`:                                        {Name: "t", SHA256: spec1.SHA256},
		"base.json:3: made with another version of canonize.yaml (sha256 abababababab, now cdcdcdcdcdcd): make it again with canonize baseline -o base.json": {Name: "s", SHA256: strings.Repeat("cd", 32)},
	} {
		err := f.CheckSpec(other, "canonize.yaml")
		var se *SpecError
		if !errors.As(err, &se) || err.Error() != want {
			t.Errorf("got  %v\nwant %s", err, want)
		}
	}
}

// Every unusable file is one *Error naming the file and, where one is
// meaningful, the line of the culprit.
func TestParseErrors(t *testing.T) {
	hash := strings.Repeat("0", 64)
	good := `{
  "version": 1,
  "spec": {"name": "s", "sha256": "` + hash + `"},
  "sites": [
    {"path": "a.go", "func": "F", "symbol": "ws.Old", "text_sha256": "` + hash + `", "count": 1}
  ]
}
`
	if _, err := Parse("b.json", []byte(good)); err != nil {
		t.Fatalf("the good file: %v", err)
	}
	for _, c := range []struct{ name, from, to, want string }{
		{"syntax", `"version": 1,`, `"version": 1,,`, "b.json:2: not a baseline: invalid JSON"},
		{"truncated", "  ]\n}\n", "  ]\n", "b.json:6: not a baseline: the JSON ends early"},
		{"not an object", good, "[]", "b.json:1: not a baseline: the file must be a JSON object"},
		{"unknown key", `"version": 1,`, `"version": 1, "extra": 2,`, `b.json:2: unknown field "extra"`},
		{"version", `"version": 1`, `"version": 2`, "b.json:2: version 2: this canonize reads version 1"},
		{"version type", `"version": 1`, `"version": "1"`, "b.json:2: version: the value: want int, not a JSON string"},
		{"spec hash", `"sha256": "` + hash, `"sha256": "xyz`, "b.json:3: spec: sha256 must be"},
		{"unknown entry field", `"count": 1`, `"count": 1, "line": 4`, `b.json:5: sites[0]: json: unknown field "line"`},
		{"count", `"count": 1`, `"count": 0`, "b.json:5: sites[0]: count 0: must be at least 1"},
		{"entry hash", `"text_sha256": "` + hash, `"text_sha256": "` + hash[1:], "b.json:5: sites[0]: text_sha256 must be 64 hex digits"},
		{"no func", `"func": "F"`, `"func": ""`, "b.json:5: sites[0]: path, func and symbol must be given"},
		{"duplicate", "\n  ]", ",\n    {\"path\": \"a.go\", \"func\": \"F\", \"symbol\": \"ws.Old\", \"text_sha256\": \"" + hash + "\", \"count\": 2}\n  ]",
			"b.json:6: sites[1]: the same site as an earlier entry"},
		{"no sites", ",\n  \"sites\": [\n    {\"path\": \"a.go\", \"func\": \"F\", \"symbol\": \"ws.Old\", \"text_sha256\": \"" + hash + "\", \"count\": 1}\n  ]", "", `b.json:1: not a baseline: no "sites"`},
		{"trailing", "]\n}\n", "]\n}\n{}", "b.json:8: not a baseline: text after the JSON object"},
	} {
		data := strings.Replace(good, c.from, c.to, 1)
		if data == good {
			t.Fatalf("%s: %q not in the file", c.name, c.from)
		}
		_, err := Parse("b.json", []byte(data))
		var be *Error
		if !errors.As(err, &be) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v\nwant %s...", c.name, err, c.want)
		}
	}
	_, err := Load(filepath.Join(t.TempDir(), "missing.json"))
	var be *Error
	if !errors.As(err, &be) || be.Line != 0 || !strings.HasSuffix(err.Error(), "missing.json: no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
}
