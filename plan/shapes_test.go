package plan

import (
	"reflect"
	"testing"

	"github.com/canonize/canonize/spec"
)

func TestAbstract(t *testing.T) {
	for _, c := range []struct {
		in, want string
		letters  []string
	}{
		{`ioutil.ReadFile(name)`, `ioutil.ReadFile(X)`, []string{"X"}},
		{`ws.Get().Create(ctx, u)`, `ws.Get().Create(X, Y)`, []string{"X", "Y"}},
		{`f(a, b, a)`, `f(X, Y, X)`, []string{"X", "Y", "X"}},                // the same text, the same letter
		{`f(g(x), "s"+t)`, `f(X, Y)`, []string{"X", "Y"}},                    // arguments abstracted whole
		{`m.Method(ctx).Next(1)`, `m.Method(X).Next(Y)`, []string{"X", "Y"}}, // calls in a chain, inner first
		{`ws.Factory`, `ws.Factory`, nil},
		{`not ( an expression`, `not ( an expression`, nil},
	} {
		got, letters := abstract(c.in)
		if got != c.want || !reflect.DeepEqual(letters, c.letters) {
			t.Errorf("abstract(%q) = %q %q, want %q %q", c.in, got, letters, c.want, c.letters)
		}
	}
}

// template is what bindLetters and fill read of a template: its text.
func template(text string) *spec.Template { return &spec.Template{Text: text} }

func TestBindLettersAndFill(t *testing.T) {
	for _, c := range []struct {
		match, replace string
		letters        []string
		want           string
	}{
		{"ws.Get().Create($ctx, $user)", "ws.New($ctx, $user)", []string{"X", "Y"}, "ws.New(X, Y)"},
		{"ws.Old($a, $b)", "ws.New($b, $a)", []string{"X", "Y"}, "ws.New(Y, X)"},
		{"fmt.Sprintf($f, $args...)", "fmt.Errorf($f, $args...)", []string{"X", "Y", "Z"}, "fmt.Errorf(X, Y, Z)"},
		{"ioutil.ReadAll($r)", "io.ReadAll($r)", []string{"X"}, "io.ReadAll(X)"},
	} {
		got := fill(template(c.replace), bindLetters(template(c.match), c.letters))
		if got != c.want {
			t.Errorf("%s → %s with %q: %q, want %q", c.match, c.replace, c.letters, got, c.want)
		}
	}
}
