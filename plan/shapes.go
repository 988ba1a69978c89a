package plan

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"regexp"
	"sort"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/spec"
)

// Shape is one form of edit in a phase: the rule, the matched
// expression with its arguments abstracted, and what it becomes. A
// reviewer reads a shape once, then only the sites of rare shapes.
type Shape struct {
	Rule   string `json:"rule,omitempty"` // empty for Go's inliner
	Before string `json:"before"`         // websocket.GetWebSocketManagerFactory().Create(X, Y)
	After  string `json:"after"`          // websocket.NewWebSocketManager(X, Y)
	// Sites are the places of the shape, path:line:col in file order.
	Sites []string `json:"sites"`
}

// shapesOf groups the sites a phase's files rewrite by shape, the most
// frequent first (then by rule and form).
func shapesOf(files []*PlanFile, sites []engine.Site, rules *engine.Rules) []Shape {
	in := map[string]bool{}
	for _, f := range files {
		in[f.Path] = true
	}
	byKey := map[string]*Shape{}
	for _, s := range sites {
		if !s.Rewritten() || !in[s.Path] {
			continue
		}
		sh := shapeOf(s, rules)
		k := sh.Rule + "\x00" + sh.Before + "\x00" + sh.After
		if byKey[k] == nil {
			byKey[k] = &sh
		}
		byKey[k].Sites = append(byKey[k].Sites, s.String())
	}
	out := []Shape{}
	for _, sh := range byKey {
		out = append(out, *sh)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if len(a.Sites) != len(b.Sites) {
			return len(a.Sites) > len(b.Sites)
		}
		return a.Rule+a.Before+a.After < b.Rule+b.Before+b.After
	})
	return out
}

// shapeOf abstracts one site: each call argument of its expression
// becomes a letter (the same text, the same letter); the rule's replace
// template names the letters its match template's metavariables got.
func shapeOf(s engine.Site, rules *engine.Rules) Shape {
	before, letters := abstract(s.Text)
	sh := Shape{Rule: s.Rule, Before: before, After: "inlined (//go:fix inline)"}
	if s.Inline || s.Rule == "" {
		sh.Rule = ""
		return sh
	}
	r := rules.Rule(s.Rule)
	if r == nil || r.Match == nil {
		sh.After = s.Replacement
		return sh
	}
	sh.After = fill(r.Replace, bindLetters(r.Match, letters))
	if strings.Contains(sh.After, "$") {
		// The site is not the template's form (a reference through a
		// re-export, say): its rewrite is in the diff, not in the rule.
		sh.After = s.Replacement + " (see the diff)"
	}
	return sh
}

// abstract parses an expression and replaces each call argument by a
// letter, returning the text and the letters in order of the
// arguments; text that does not parse is returned as it is.
func abstract(text string) (string, []string) {
	e, err := parser.ParseExpr(text)
	if err != nil {
		return text, nil
	}
	names := map[string]string{}
	var order []string
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.CallExpr:
			walk(e.Fun)
			for i, a := range e.Args {
				key := exprText(a)
				if names[key] == "" {
					names[key] = letter(len(names))
				}
				order = append(order, names[key])
				e.Args[i] = ast.NewIdent(names[key])
			}
		case *ast.SelectorExpr:
			walk(e.X)
		case *ast.ParenExpr:
			walk(e.X)
		case *ast.StarExpr:
			walk(e.X)
		case *ast.UnaryExpr:
			walk(e.X)
		case *ast.IndexExpr:
			walk(e.X)
		}
	}
	walk(e)
	return exprText(e), order
}

// letter names the n-th distinct argument: X, Y, Z, W, V, U, then X7, …
func letter(n int) string {
	const first = "XYZWVU"
	if n < len(first) {
		return first[n : n+1]
	}
	return fmt.Sprintf("X%d", n+1)
}

func exprText(e ast.Expr) string {
	var b strings.Builder
	printer.Fprint(&b, token.NewFileSet(), e)
	return b.String()
}

// metaVar matches a template's $name or $name... as written.
var metaVar = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?`)

// bindLetters maps the match template's metavariables to the letters
// the site's arguments got, by the position of the template's call
// arguments: a bare $name argument takes its argument's letter, a
// variadic $name... the letters of the arguments left. None when the
// shapes differ otherwise.
func bindLetters(match *spec.Template, letters []string) map[string]string {
	var args []string // the template's call arguments in walk order, as text
	text := metaVar.ReplaceAllString(match.Text, "mv_${1}${2}")
	e, err := parser.ParseExpr(text)
	if err != nil {
		return nil
	}
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.CallExpr:
			walk(e.Fun)
			for i, a := range e.Args {
				t := exprText(a)
				if i == len(e.Args)-1 && e.Ellipsis.IsValid() {
					t += "..."
				}
				args = append(args, t)
			}
		case *ast.SelectorExpr:
			walk(e.X)
		case *ast.ParenExpr, *ast.StarExpr, *ast.UnaryExpr, *ast.IndexExpr:
			walk(unwrap(e))
		}
	}
	walk(e)
	out := map[string]string{}
	for i, a := range args {
		name, ok := strings.CutPrefix(a, "mv_")
		switch {
		case !ok || i >= len(letters):
			continue
		case strings.HasSuffix(name, "..."):
			out[strings.TrimSuffix(name, "...")] = strings.Join(letters[i:], ", ")
		default:
			out[name] = letters[i]
		}
	}
	return out
}

func unwrap(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return e.X
	case *ast.StarExpr:
		return e.X
	case *ast.UnaryExpr:
		return e.X
	case *ast.IndexExpr:
		return e.X
	}
	return e
}

// fill writes the replace template with its metavariables as letters;
// one without a letter stays as written.
func fill(replace *spec.Template, letters map[string]string) string {
	if replace == nil || replace.Text == "" {
		return "(deleted)"
	}
	return metaVar.ReplaceAllStringFunc(replace.Text, func(m string) string {
		sub := metaVar.FindStringSubmatch(m)
		if l, ok := letters[sub[1]]; ok {
			return l
		}
		return m
	})
}
