package vetrun

import (
	"slices"
	"strings"
	"testing"
)

// stdout as go vet -json might print it with a package and its test
// variant both vetted (go vet itself vets only the variant, under the
// package's path, but a go command given both would print both).
const stdout = `{}
{
	"p": {
		"inline": [
			{"category": "inline_call", "posn": "/m/p/p.go:3:6", "end": "/m/p/p.go:3:9", "message": "Call of a.F should be inlined",
			 "suggested_fixes": [{"message": "Inline call of a.F", "edits": [{"filename": "/m/p/p.go", "start": 10, "end": 13, "new": "g()"}]}]}
		]
	}
}
{
	"p [p.test]": {
		"inline": [
			{"category": "inline_call", "posn": "/m/p/p.go:3:6", "end": "/m/p/p.go:3:9", "message": "Call of a.F should be inlined",
			 "suggested_fixes": [{"message": "Inline call of a.F", "edits": [{"filename": "/m/p/p.go", "start": 10, "end": 13, "new": "g()"}]}]}
		],
		"canonize": {"error": "no canonize.yaml in the module"}
	}
}
`

// stderr with a package that did not type-check, a line outside any
// block, and JSON where older go commands put it.
const stderr = `go: downloading example.com/x v1.0.0
# q
q/q.go:3:23: cannot use "x" (untyped string constant) as int value
q/q.go:4:1: missing return {sic}
{"r": {"inline": [{"category": "inline_declined", "posn": "C:\\m\\r\\r.go:7:2", "message": "Call of a.F not inlined: why"}]}}
`

func TestParseAndMerge(t *testing.T) {
	out, err := parse("/m", "host", []byte(stdout), []byte(stderr))
	if err != nil {
		t.Fatal(err)
	}
	res := merge([]Config{{Name: "host"}}, []*output{out})
	if len(res.Findings) != 2 {
		t.Fatalf("findings %+v, want 2", res.Findings)
	}
	// On this host C:\m\r\r.go is relative, so it is joined to /m:
	// "/m/C:..." sorts before "/m/p/...".
	r, p := res.Findings[0], res.Findings[1]
	if p.File != "/m/p/p.go" || p.Line != 3 || p.Col != 6 || !slices.Equal(p.Configs, []string{"host"}) ||
		len(p.Fixes) != 1 || p.Fixes[0].Edits[0] != (Edit{File: "/m/p/p.go", Start: 10, End: 13, New: "g()"}) {
		t.Errorf("p: %+v", p)
	}
	if !strings.HasSuffix(r.File, `C:\m\r\r.go`) || r.Line != 7 || r.Col != 2 || r.Category != "inline_declined" {
		t.Errorf("r: %+v", r)
	}
	want := []PackageError{
		{Package: "p [p.test]", Config: "host", Msg: "canonize: no canonize.yaml in the module", Analyzer: "canonize"},
		{Package: "q", Config: "host", Msg: "q/q.go:3:23: cannot use \"x\" (untyped string constant) as int value\nq/q.go:4:1: missing return {sic}"},
	}
	if !slices.Equal(res.PackageErrors, want) {
		t.Errorf("package errors:\n%+v\nwant\n%+v", res.PackageErrors, want)
	}
}

func TestSplitPosn(t *testing.T) {
	for _, c := range []struct {
		posn      string
		file      string
		line, col int
	}{
		{"/a/b.go:3:4", "/a/b.go", 3, 4},
		{`C:\a\b.go:3:4`, `C:\a\b.go`, 3, 4},
		{"/a/b.go:3", "/a/b.go", 3, 0},
		{"/a/b.go", "/a/b.go", 0, 0},
		{"", "", 0, 0},
	} {
		file, line, col := splitPosn(c.posn)
		if file != c.file || line != c.line || col != c.col {
			t.Errorf("splitPosn(%q) = %q, %d, %d", c.posn, file, line, col)
		}
	}
}
