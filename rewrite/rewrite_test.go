package rewrite

import (
	"bytes"
	"strings"
	"testing"
)

// call is the template "ws.New($a)": a qualifier hole and one metavariable.
var call = &Template{
	Text:  "ws.New($a)",
	Holes: []Hole{{Start: 0, End: 3, Qual: "ws"}, {Start: 7, End: 9, Var: "a", CommaStart: -1}},
	Prec:  PrecPrimary,
}

// edit replaces the expression text old (which must occur once in src)
// with call, binding $a to the text bound.
func edit(t *testing.T, src, old, bound, qual string) Edit {
	t.Helper()
	start := strings.Index(src, old)
	b := strings.Index(src[start:], bound) + start
	if start < 0 || b < start {
		t.Fatalf("fixture: %q or %q not found", old, bound)
	}
	return Edit{Start: start, End: start + len(old), Template: call,
		Binds: map[string]Binding{"a": {Start: b, End: b + len(bound), Prec: PrecPrimary}},
		Quals: map[string]string{"ws": qual}}
}

func TestFile(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		old, bind string
		qual      string
		imports   ImportChange
		want      string
	}{{
		name: "swap import in its group, keep the rest",
		src:  "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/old\"\n\t\"example.com/zz\"\n)\n\nvar _ = old.Get(x) // keep\nvar _ = fmt.Sprint, zz.Z\n",
		old:  "old.Get(x)", bind: "x", qual: "ws",
		imports: ImportChange{Add: []Import{{Path: "example.com/ws"}}, Remove: []string{"example.com/old"}},
		want:    "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/ws\"\n\t\"example.com/zz\"\n)\n\nvar _ = ws.New(x) // keep\nvar _ = fmt.Sprint, zz.Z\n",
	}, {
		name: "a removed group takes its blank line with it",
		src:  "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/old\"\n)\n\nvar _ = old.Get(fmt.Sprint())\n",
		old:  "old.Get(fmt.Sprint())", bind: "fmt.Sprint()", qual: "ws",
		imports: ImportChange{Add: []Import{{Path: "example.com/ws"}}, Remove: []string{"example.com/old"}},
		want:    "package p\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/ws\"\n)\n\nvar _ = ws.New(fmt.Sprint())\n",
	}, {
		name: "no imports yet: a declaration after the package clause",
		src:  "package p\n\nvar _ = Get(1)\n",
		old:  "Get(1)", bind: "1", qual: "ws",
		imports: ImportChange{Add: []Import{{Path: "example.com/ws"}}},
		want:    "package p\n\nimport \"example.com/ws\"\n\nvar _ = ws.New(1)\n",
	}, {
		name: "CRLF lines stay CRLF, a dot import writes no qualifier",
		src:  "package p\r\n\r\nimport . \"example.com/ws\"\r\n\r\nvar _ = Get(2)\r\n",
		old:  "Get(2)", bind: "2", qual: "",
		want: "package p\r\n\r\nimport . \"example.com/ws\"\r\n\r\nvar _ = New(2)\r\n",
	}, {
		name: "a comment of dropped code moves to the end of the line",
		src:  "package p\n\nvar _ = GetFactory(). // singleton\n\tCreate(3) + 1\n",
		old:  "GetFactory(). // singleton\n\tCreate(3)", bind: "3", qual: "ws",
		want: "package p\n\nvar _ = ws.New(3) + 1 // singleton\n",
	}, {
		name: "a new import under a fresh name",
		src:  "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint(Get(4))\n",
		old:  "Get(4)", bind: "4", qual: "ws2",
		imports: ImportChange{Add: []Import{{Name: "ws2", Path: "example.com/ws"}}},
		// The lone one-line import and the new one become one block.
		want: "package p\n\nimport (\n\t\"fmt\"\n\n\tws2 \"example.com/ws\"\n)\n\nvar _ = fmt.Sprint(ws2.New(4))\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := File([]byte(tc.src), []Edit{edit(t, tc.src, tc.old, tc.bind, tc.qual)}, tc.imports)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Src) != tc.want {
				t.Errorf("got\n%q\nwant\n%q", res.Src, tc.want)
			}
		})
	}
}

func TestFileNestedAndDeletion(t *testing.T) {
	src := "package p\n\nvar a = Get(Get(5))\n\n// Old is gone.\nfunc Old() {}\n"
	outer := edit(t, src, "Get(Get(5))", "Get(5)", "ws")
	inner := edit(t, src, "Get(5)", "5", "ws")
	del := strings.Index(src, "// Old")
	res, err := File([]byte(src), []Edit{outer, inner, {Start: del - 1, End: len(src)}}, ImportChange{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "package p\n\nvar a = ws.New(ws.New(5))\n"; string(res.Src) != want {
		t.Errorf("got %q, want %q", res.Src, want)
	}
	if _, err := File([]byte(src), []Edit{{Start: 0, End: len(src) + 1}}, ImportChange{}); err == nil {
		t.Error("an edit outside the file was accepted")
	}
}

// TestFormatTouched: gofmt's layout reaches the lines an edit wrote and
// no other; a CRLF file is left as the edits wrote it.
func TestFormatTouched(t *testing.T) {
	src := []byte("package a\n\nfunc f(n int) int {\n\tm := n  +  1\n\treturn n * 2 + m\n}\n")
	touched := [][2]int{{bytes.Index(src, []byte("n * 2")), bytes.Index(src, []byte(" + m"))}}
	want := "package a\n\nfunc f(n int) int {\n\tm := n  +  1\n\treturn n*2 + m\n}\n"
	if got := string(formatTouched(src, touched)); got != want {
		t.Errorf("formatTouched:\n%s\nwant:\n%s", got, want)
	}
	crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
	if got := formatTouched(crlf, touched); !bytes.Equal(got, crlf) {
		t.Errorf("a CRLF file was changed:\n%q", got)
	}
}
