package plan

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// SpecFile is the name of the migration spec looked up in the module root.
const SpecFile = "canonize.yaml"

// Spec is a parsed and validated migration spec (canonize.yaml).
type Spec struct {
	Path       string            // file the spec was read from
	Version    int               // always 1 today
	Name       string            // human name of the migration
	Imports    map[string]string // template name -> import path
	Rules      []*Rule
	Deprecated []Symbol // extra deprecated symbols (the rules' match roots are added by the planner)
	Canonical  []Symbol // canonical symbols; default: the rules' replace roots
	Critical   []string // golden-path package patterns
	Verify     []string // verification commands
	// Phases, when set, replaces the default exports/production/tests
	// phases; cleanup always comes last.
	Phases []PhaseSelector

	pos map[string]token.Position // positions of top-level keys, for errors found later

	cleanedUp bool // see Options.CleanedUp
}

// Rule is one match -> replace rewrite of the spec.
type Rule struct {
	ID      string
	Match   *Template
	Replace *Template
	Risk    string // "", "low", "medium" or "high"
	Note    string
	Pos     token.Position // position of the rule in the spec
}

// PhaseSelector picks the files of one phase: a file goes to the first
// phase all of whose given selectors match it.
type PhaseSelector struct {
	Name     string
	Kind     string   // exports, production or tests: the default phase the file would have
	Packages []string // package patterns (./chat/..., ./chat)
	Files    []string // globs on slash paths from the root; ** spans directories
	Pos      token.Position
}

// Symbol names a package-level object, or a method as "path.Type.Method".
type Symbol struct {
	Path string // import path
	Name string // "Func", "Var" or "Type.Method"
	Pos  token.Position
}

func (s Symbol) String() string { return s.Path + "." + s.Name }

// SpecError is an error in the spec file with the position of its culprit.
type SpecError struct {
	Pos token.Position
	Msg string
}

func (e *SpecError) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

// rawSpec mirrors the YAML document; KnownFields rejects any other key.
type rawSpec struct {
	Version    int               `yaml:"version"`
	Name       string            `yaml:"name"`
	Imports    map[string]string `yaml:"imports"`
	Rules      []rawRule         `yaml:"rules"`
	Deprecated []string          `yaml:"deprecated"`
	Canonical  []string          `yaml:"canonical"`
	Critical   []string          `yaml:"critical"`
	Verify     []string          `yaml:"verify"`
	Phases     []rawPhase        `yaml:"phases"`
}

type rawPhase struct {
	Name     string   `yaml:"name"`
	Kind     string   `yaml:"kind"`
	Packages []string `yaml:"packages"`
	Files    []string `yaml:"files"`
}

type rawRule struct {
	ID      string `yaml:"id"`
	Match   string `yaml:"match"`
	Replace string `yaml:"replace"`
	Risk    string `yaml:"risk"`
	Note    string `yaml:"note"`
}

// ReadSpec reads and validates the spec at path. Errors are *SpecError
// values positioned at the culprit, or wrapped I/O errors.
func ReadSpec(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	return ParseSpec(path, data)
}

// ParseSpec parses and validates spec text; path is used in positions.
func ParseSpec(path string, data []byte) (*Spec, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	if len(doc.Content) == 0 {
		return nil, &SpecError{token.Position{Filename: path, Line: 1, Column: 1}, "empty spec"}
	}
	var raw rawSpec
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		if e := unknownKey(path, &doc, err); e != nil {
			return nil, e
		}
		return nil, yamlError(path, err)
	}
	root := doc.Content[0]
	s := &Spec{Path: path, Version: raw.Version, Name: raw.Name, Imports: raw.Imports,
		Critical: raw.Critical, Verify: raw.Verify, pos: map[string]token.Position{}}
	at := func(n *yaml.Node) token.Position {
		return token.Position{Filename: path, Line: n.Line, Column: n.Column}
	}
	keys := mapping(root)
	for k, n := range keys {
		s.pos[k] = at(n)
	}
	top := token.Position{Filename: path, Line: root.Line, Column: root.Column}
	if raw.Version != 1 {
		p := top
		if n, ok := keys["version"]; ok {
			p = at(n)
		}
		return nil, &SpecError{p, fmt.Sprintf("unsupported version %d (want 1)", raw.Version)}
	}
	if s.Imports == nil {
		s.Imports = map[string]string{}
	}
	importNodes := mapping(keys["imports"])
	for name, path := range s.Imports {
		if !token.IsIdentifier(name) || name == "_" {
			return nil, &SpecError{keyPos(path, importNodes, name, top), fmt.Sprintf("import name %q is not a Go identifier", name)}
		}
		if path == "" {
			return nil, &SpecError{keyPos(path, importNodes, name, top), fmt.Sprintf("import %q has an empty path", name)}
		}
	}
	if len(raw.Rules) == 0 {
		p := top
		if n, ok := keys["rules"]; ok {
			p = at(n)
		}
		return nil, &SpecError{p, "spec has no rules"}
	}
	ruleNodes := keys["rules"].Content
	seen := map[string]bool{}
	for i, rr := range raw.Rules {
		rn := ruleNodes[i]
		fields := mapping(rn)
		r, err := buildRule(path, data, rr, rn, fields, s.Imports)
		if err != nil {
			return nil, err
		}
		if seen[r.ID] {
			return nil, &SpecError{at(fields["id"]), fmt.Sprintf("duplicate rule id %q", r.ID)}
		}
		seen[r.ID] = true
		s.Rules = append(s.Rules, r)
	}
	var err error
	if s.Phases, err = phaseSelectors(path, raw.Phases, keys["phases"]); err != nil {
		return nil, err
	}
	if s.Deprecated, err = symbols(path, raw.Deprecated, keys["deprecated"]); err != nil {
		return nil, err
	}
	if s.Canonical, err = symbols(path, raw.Canonical, keys["canonical"]); err != nil {
		return nil, err
	}
	return s, nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): (.*)`)

// yamlError turns the YAML library's "line N: msg" into FILE:N:1: msg.
func yamlError(path string, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		var line int
		fmt.Sscanf(m[1], "%d", &line)
		return &SpecError{token.Position{Filename: path, Line: line, Column: 1}, firstLine(m[2])}
	}
	return &SpecError{token.Position{Filename: path, Line: 1, Column: 1}, strings.TrimPrefix(firstLine(msg), "yaml: ")}
}

var unknownField = regexp.MustCompile(`line (\d+): field (\S+) not found in type plan\.raw(\w+)`)

// unknownKey turns the YAML library's "field X not found in type T" into
// a positioned error naming the key and the keys allowed there.
func unknownKey(path string, doc *yaml.Node, err error) error {
	m := unknownField.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	var line int
	fmt.Sscanf(m[1], "%d", &line)
	pos := token.Position{Filename: path, Line: line, Column: 1}
	var find func(n *yaml.Node)
	find = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k := n.Content[i]; k.Value == m[2] && k.Line == line {
					pos.Column = k.Column
				}
			}
		}
		for _, c := range n.Content {
			find(c)
		}
	}
	find(doc)
	known := "version, name, imports, rules, deprecated, canonical, critical, verify, phases"
	if m[3] == "Rule" {
		known = "id, match, replace, risk, note"
	}
	return &SpecError{pos, fmt.Sprintf("unknown key %q (known keys: %s)", m[2], known)}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// mapping returns the value nodes of a YAML mapping by key.
func mapping(n *yaml.Node) map[string]*yaml.Node {
	m := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i+1]
	}
	return m
}

func keyPos(file string, nodes map[string]*yaml.Node, key string, def token.Position) token.Position {
	if n, ok := nodes[key]; ok {
		return token.Position{Filename: file, Line: n.Line, Column: n.Column}
	}
	return def
}

func buildRule(file string, data []byte, rr rawRule, rn *yaml.Node, fields map[string]*yaml.Node, imports map[string]string) (*Rule, error) {
	rpos := token.Position{Filename: file, Line: rn.Line, Column: rn.Column}
	r := &Rule{ID: rr.ID, Risk: rr.Risk, Note: rr.Note, Pos: rpos}
	if r.ID == "" {
		return nil, &SpecError{rpos, "rule has no id"}
	}
	switch r.Risk {
	case "", "low", "medium", "high":
	default:
		return nil, &SpecError{keyPos(file, fields, "risk", rpos), fmt.Sprintf("rule %s: risk %q is not low, medium or high", r.ID, r.Risk)}
	}
	if rr.Match == "" {
		return nil, &SpecError{rpos, fmt.Sprintf("rule %s has no match", r.ID)}
	}
	if rr.Replace == "" {
		return nil, &SpecError{rpos, fmt.Sprintf("rule %s has no replace", r.ID)}
	}
	var err error
	if r.Match, err = parseTemplate(rr.Match, scalarPos(file, fields["match"]), scalarLocator(file, data, fields["match"]), imports); err != nil {
		return nil, err
	}
	if r.Replace, err = parseTemplate(rr.Replace, scalarPos(file, fields["replace"]), scalarLocator(file, data, fields["replace"]), imports); err != nil {
		return nil, err
	}
	if len(r.Match.Symbols) == 0 {
		return nil, &SpecError{r.Match.Pos, fmt.Sprintf("rule %s: match names no package symbol (qualify it with a name from imports:)", r.ID)}
	}
	for _, mv := range r.Replace.Vars {
		mm, ok := r.Match.VarByName(mv.Name)
		if !ok {
			return nil, &SpecError{r.Replace.posAt(mv.Offset), fmt.Sprintf("rule %s: $%s is not bound by match", r.ID, mv.Name)}
		}
		if mm.Variadic != mv.Variadic {
			return nil, &SpecError{r.Replace.posAt(mv.Offset), fmt.Sprintf("rule %s: $%s is variadic in one template and not the other", r.ID, mv.Name)}
		}
	}
	return r, nil
}

// scalarLocator maps an offset in a scalar's decoded text to its place in
// the spec file, for plain, quoted (counting escapes) and block scalars.
func scalarLocator(file string, data []byte, n *yaml.Node) func(int) token.Position {
	if n == nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	if n.Line < 1 || n.Line > len(lines) {
		return nil
	}
	at := func(line, col int) token.Position { return token.Position{Filename: file, Line: line, Column: col} }
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		// The text starts on the line after the indicator; each text line
		// is one source line at the block's indentation.
		if n.Line >= len(lines) {
			return nil
		}
		indent := len(lines[n.Line]) - len(strings.TrimLeft(lines[n.Line], " "))
		text := n.Value
		return func(off int) token.Position {
			line, col := n.Line+1, indent+1
			for _, c := range text[:min(off, len(text))] {
				if c == '\n' {
					line, col = line+1, indent+1
					continue
				}
				col++
			}
			return at(line, col)
		}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		raw := lines[n.Line-1]
		return func(off int) token.Position {
			i := n.Column // index just past the opening quote
			for d := 0; d < off && i < len(raw); d++ {
				if raw[i] != '\\' || i+1 >= len(raw) {
					i++
					continue
				}
				switch raw[i+1] {
				case 'x':
					i += 4
				case 'u':
					i += 6
				case 'U':
					i += 10
				default:
					i += 2
				}
			}
			return at(n.Line, i+1)
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		raw := lines[n.Line-1]
		return func(off int) token.Position {
			i := n.Column
			for d := 0; d < off && i < len(raw); d++ {
				if raw[i] == '\'' && i+1 < len(raw) && raw[i+1] == '\'' {
					i++
				}
				i++
			}
			return at(n.Line, i+1)
		}
	}
	return nil
}

// scalarPos is the position of the first character of a scalar's text,
// past the opening quote of a quoted scalar.
func scalarPos(file string, n *yaml.Node) token.Position {
	if n == nil {
		return token.Position{Filename: file, Line: 1, Column: 1}
	}
	col := n.Column
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		col++
	}
	return token.Position{Filename: file, Line: n.Line, Column: col}
}

func symbols(file string, list []string, n *yaml.Node) ([]Symbol, error) {
	var out []Symbol
	for i, s := range list {
		p := token.Position{Filename: file, Line: 1, Column: 1}
		if n != nil && i < len(n.Content) {
			p = token.Position{Filename: file, Line: n.Content[i].Line, Column: n.Content[i].Column}
		}
		sym, err := ParseSymbol(s)
		if err != nil {
			return nil, &SpecError{p, err.Error()}
		}
		sym.Pos = p
		out = append(out, sym)
	}
	return out, nil
}

func phaseSelectors(file string, raw []rawPhase, n *yaml.Node) ([]PhaseSelector, error) {
	var out []PhaseSelector
	seen := map[string]bool{}
	for i, r := range raw {
		pos := token.Position{Filename: file, Line: n.Content[i].Line, Column: n.Content[i].Column}
		fields := mapping(n.Content[i])
		switch {
		case r.Name == "":
			return nil, &SpecError{pos, "phase has no name"}
		case r.Name == "cleanup":
			return nil, &SpecError{keyPos(file, fields, "name", pos), "phase name cleanup is reserved: cleanup always comes last"}
		case seen[r.Name]:
			return nil, &SpecError{keyPos(file, fields, "name", pos), fmt.Sprintf("duplicate phase name %q", r.Name)}
		case r.Kind == "" && len(r.Packages) == 0 && len(r.Files) == 0:
			return nil, &SpecError{pos, fmt.Sprintf("phase %s selects nothing: give kind, packages or files", r.Name)}
		}
		switch r.Kind {
		case "", "exports", "production", "tests":
		default:
			return nil, &SpecError{keyPos(file, fields, "kind", pos), fmt.Sprintf("phase %s: kind %q is not exports, production or tests", r.Name, r.Kind)}
		}
		for _, g := range r.Files {
			if _, err := path.Match(strings.ReplaceAll(g, "**", "*"), ""); err != nil {
				return nil, &SpecError{keyPos(file, fields, "files", pos), fmt.Sprintf("phase %s: bad glob %q", r.Name, g)}
			}
		}
		seen[r.Name] = true
		out = append(out, PhaseSelector{Name: r.Name, Kind: r.Kind, Packages: r.Packages, Files: r.Files, Pos: pos})
	}
	return out, nil
}

// ParseSymbol parses "import/path.Name" or "import/path.Type.Method".
func ParseSymbol(s string) (Symbol, error) {
	slash := strings.LastIndexByte(s, '/')
	dot := strings.IndexByte(s[slash+1:], '.')
	if dot < 0 {
		return Symbol{}, fmt.Errorf("symbol %q is not of the form import/path.Name", s)
	}
	dot += slash + 1
	sym := Symbol{Path: s[:dot], Name: s[dot+1:]}
	for _, part := range strings.Split(sym.Name, ".") {
		if !token.IsIdentifier(part) {
			return Symbol{}, fmt.Errorf("symbol %q: %q is not a Go identifier", s, part)
		}
	}
	if strings.Count(sym.Name, ".") > 1 {
		return Symbol{}, fmt.Errorf("symbol %q: want Name or Type.Method after the import path", s)
	}
	return sym, nil
}

// Template is a parsed match or replace template.
type Template struct {
	Text    string
	Expr    ast.Expr
	Vars    []MetaVar      // in order of appearance
	Symbols []TemplateSym  // qualified identifiers, in order of appearance
	Pos     token.Position // position of the template's first byte in the spec
	fset    *token.FileSet // positions of Expr
	base    int            // token.Pos of offset 0
	varAt   map[*ast.Ident]*MetaVar
	locate  func(off int) token.Position // maps offsets in Text to the spec file
}

// MetaVar is one $name (or $name...) occurrence in a template.
type MetaVar struct {
	Name     string
	Variadic bool
	Offset   int // of the '$' in Text
}

// TemplateSym is one package-qualified identifier in a template.
type TemplateSym struct {
	Qual   string // the import name used in the template
	Path   string // its import path
	Name   string
	Offset int // of Qual in Text
	Sel    *ast.SelectorExpr
}

var metaVarRE = regexp.MustCompile(`\$([A-Za-z_][A-Za-z_0-9]*)`)

// ParseTemplate parses a template. Metavariables are turned into
// identifiers of the same length ($x -> _x) so that offsets in the parsed
// expression are offsets in the text, and error positions need no mapping.
func ParseTemplate(text string, pos token.Position, imports map[string]string) (*Template, error) {
	return parseTemplate(text, pos, nil, imports)
}

func parseTemplate(text string, pos token.Position, locate func(int) token.Position, imports map[string]string) (*Template, error) {
	t := &Template{Text: text, Pos: pos, fset: token.NewFileSet(), varAt: map[*ast.Ident]*MetaVar{}, locate: locate}
	if strings.ContainsRune(text, '\n') {
		text = strings.TrimRight(text, "\n")
		t.Text = text
	}
	goText := []byte(text)
	for _, m := range metaVarRE.FindAllStringIndex(text, -1) {
		goText[m[0]] = '_'
	}
	expr, err := parser.ParseExprFrom(t.fset, "template", goText, parser.SkipObjectResolution)
	if err != nil {
		return nil, t.parseError(err)
	}
	// ParseExprFrom adds its own file; find its base from the expression.
	t.base = t.fset.File(expr.Pos()).Base()
	t.Expr = expr
	var bad error
	ast.Inspect(expr, func(n ast.Node) bool {
		if bad != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if id, ok := n.X.(*ast.Ident); ok && !t.isVar(id) {
				path, ok := imports[id.Name]
				if !ok {
					bad = &SpecError{t.posAt(t.off(id.Pos())), fmt.Sprintf("%s is not declared in imports:", id.Name)}
					return false
				}
				t.Symbols = append(t.Symbols, TemplateSym{Qual: id.Name, Path: path, Name: n.Sel.Name, Offset: t.off(id.Pos()), Sel: n})
				return false
			}
		case *ast.Ident:
			if t.isVar(n) {
				mv := &MetaVar{Name: n.Name[1:], Offset: t.off(n.Pos())}
				t.Vars = append(t.Vars, *mv)
				t.varAt[n] = mv
			} else if _, isImport := imports[n.Name]; isImport {
				bad = &SpecError{t.posAt(t.off(n.Pos())), fmt.Sprintf("package name %s used without a selector", n.Name)}
			}
		}
		return true
	})
	if bad != nil {
		return nil, bad
	}
	// $rest... is the last argument of a call with an ellipsis.
	ast.Inspect(expr, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok && call.Ellipsis.IsValid() && len(call.Args) > 0 {
			if id, ok := call.Args[len(call.Args)-1].(*ast.Ident); ok {
				t.markVariadic(id)
			}
		}
		return true
	})
	if err := t.checkVars(); err != nil {
		return nil, err
	}
	return t, nil
}

func (t *Template) markVariadic(id *ast.Ident) {
	mv := t.varAt[id]
	if mv == nil {
		return
	}
	mv.Variadic = true
	for i := range t.Vars {
		if t.Vars[i].Offset == mv.Offset {
			t.Vars[i].Variadic = true
		}
	}
}

// isVar reports whether id was written as $name in the template text.
func (t *Template) isVar(id *ast.Ident) bool {
	off := t.off(id.Pos())
	return off >= 0 && off < len(t.Text) && t.Text[off] == '$'
}

func (t *Template) off(p token.Pos) int { return int(p) - t.base }

// VarAt returns the metavariable an identifier of Expr stands for.
func (t *Template) VarAt(id *ast.Ident) (*MetaVar, bool) {
	mv, ok := t.varAt[id]
	return mv, ok
}

// VarByName returns the first occurrence of $name.
func (t *Template) VarByName(name string) (MetaVar, bool) {
	for _, v := range t.Vars {
		if v.Name == name {
			return v, true
		}
	}
	return MetaVar{}, false
}

// Offset returns the offset in Text of a position in Expr.
func (t *Template) Offset(p token.Pos) int { return t.off(p) }

func (t *Template) posAt(off int) token.Position {
	if t.locate != nil {
		return t.locate(off)
	}
	p := t.Pos
	// Templates are single-line scalars in practice; a multi-line one
	// gets line-relative positions.
	for _, c := range t.Text[:min(off, len(t.Text))] {
		if c == '\n' {
			p.Line++
			p.Column = 0
		}
		p.Column++
	}
	if p.Column == 0 {
		p.Column = 1
	}
	return p
}

func (t *Template) parseError(err error) error {
	msg, off := err.Error(), 0
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		msg, off = list[0].Msg, list[0].Pos.Offset
	}
	return &SpecError{t.posAt(off), fmt.Sprintf("template %q does not parse: %s", t.Text, msg)}
}

// checkVars rejects a variadic metavariable used twice and a name used
// both as variadic and not.
func (t *Template) checkVars() error {
	kinds := map[string]bool{}
	for _, v := range t.Vars {
		if k, ok := kinds[v.Name]; ok && k != v.Variadic {
			return &SpecError{t.posAt(v.Offset), fmt.Sprintf("$%s is used both with and without ...", v.Name)}
		}
		kinds[v.Name] = v.Variadic
	}
	return nil
}

// VarNames returns the distinct metavariable names in order of first appearance.
func (t *Template) VarNames() []string {
	var names []string
	seen := map[string]bool{}
	for _, v := range t.Vars {
		if !seen[v.Name] {
			seen[v.Name] = true
			names = append(names, v.Name)
		}
	}
	return names
}
