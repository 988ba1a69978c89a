package driver_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"

	"github.com/canonize/canonize/driver"
)

const fuzzSpec = `version: 1
imports:
  ws: example.com/m/ws
rules:
  - id: create
    match: ws.GetFactory().Create($ctx, $user)
    replace: ws.New($ctx, $user)
  - id: opts
    match: ws.Open($name, $opts...)
    replace: ws.Dial($opts...)
  - id: legacy
    match: $m.Legacy($n)
    replace: $m.Scaled($n, 1)
    where:
      m: "*ws.Manager"
  - id: old-manager
    match: ws.OldManager
    replace: ws.Manager
`

const fuzzWS = `package ws

import "context"

type Manager struct{ User string }
type Factory struct{}

// Deprecated: use Manager.
type OldManager = Manager

// Deprecated: use Scaled.
func (m *Manager) Legacy(n int) int        { return m.Scaled(n, 1) }
func (m *Manager) Scaled(n, k int) int     { return n * k }

func GetFactory() *Factory                                     { return &Factory{} }
func (f *Factory) Create(ctx context.Context, u string) *Manager { return &Manager{u} }
func New(ctx context.Context, u string) *Manager                 { return &Manager{u} }
func Open(name string, opts ...int) int                         { return len(opts) }
func Dial(opts ...int) int                                      { return len(opts) }
`

// FuzzRewrite puts arbitrary function bodies in a module using the ws
// API. Whenever the input type-checks, the rewritten files must parse
// and a second run over them must change nothing.
func FuzzRewrite(f *testing.F) {
	for _, seed := range []string{
		`m := ws.GetFactory().Create(ctx, "a"); _ = m`,
		`_ = ws.GetFactory(). // c
		Create(ctx, "a" + "b")`,
		`_ = ws.GetFactory().Create(ctx, ws.GetFactory().Create(ctx, "x").User).User`,
		`_ = ws.Open("n"); _ = ws.Open("n", 1, 2); xs := []int{1}; _ = ws.Open("n", xs...)`,
		`f := ws.GetFactory; _ = f().Create(ctx, "y")`,
		"_ = ws.GetFactory().Create(ctx, `raw\nline`)",
		`var m ws.OldManager; _ = m.Legacy(1 + 2) * 3; f := m.Legacy; _ = f`,
		`ms := []*ws.OldManager{{User: "a"}}; for _, m := range ms { _ = m.Legacy(len(m.User)) }`,
		`_ = ws.GetFactory().Create(ctx, "x").Legacy(ws.Open("n"))`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		dir := t.TempDir()
		files := map[string]string{
			"go.mod":        "module example.com/m\n\ngo 1.22\n",
			"canonize.yaml": fuzzSpec,
			"ws/ws.go":      fuzzWS,
			"app/app.go":    "package app\n\nimport (\n\t\"context\"\n\n\t\"example.com/m/ws\"\n)\n\nfunc Run(ctx context.Context) {\n" + body + "\n}\n",
		}
		for name, data := range files {
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(data), 0o644)
		}
		res, err := driver.Plan(withTool(t, driver.Options{Dir: dir}))
		if err != nil || len(res.Problems) > 0 {
			t.Skip("input does not load or type-check")
		}
		for _, c := range res.Changes {
			if _, err := parser.ParseFile(token.NewFileSet(), c.Path, c.New, parser.ParseComments); err != nil {
				t.Fatalf("output of %q does not parse: %v\n%s", body, err, c.New)
			}
			os.WriteFile(c.Abs, c.New, 0o644)
		}
		again, err := driver.Plan(withTool(t, driver.Options{Dir: dir}))
		if err != nil {
			t.Fatalf("second run: %v", err)
		}
		if len(again.Changes) > 0 {
			t.Fatalf("second run over the output of %q changes %s:\n%s", body, again.Changes[0].Path, again.Changes[0].New)
		}
	})
}
