package spec

import (
	"bytes"
	"fmt"
	"go/token"
	"os"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FileName is the name of the migration spec looked up in the module root.
const FileName = "canonize.yaml"

// Spec is a parsed and validated migration spec (canonize.yaml).
type Spec struct {
	Path       string            // file the spec was read from
	Version    int               // always 1 today
	Name       string            // human name of the migration
	Imports    map[string]string // template name -> import path
	Rules      []*Rule
	Moves      []*Move  // package moves (rules with move: and to:)
	Deprecated []Symbol // extra deprecated symbols (the rules' match roots are added by the planner)
	Canonical  []Symbol // canonical symbols; default: the rules' replace roots
	Critical   []string // golden-path package patterns
	Verify     []string // verification commands
	// VerifyAffected runs go test on the packages each phase can change
	// (package affected), as apply --verify-affected does.
	VerifyAffected bool
	// Bench, when set, is the performance gate apply --bench runs.
	Bench *Bench
	// Phases, when set, replaces the default exports/production/tests
	// phases; cleanup always comes last.
	Phases []PhaseSelector
	// Inline says how calls to functions marked //go:fix inline (and
	// uses of such constants and aliases) are migrated by Go's inliner.
	Inline Inline
	// Owners, when set, says who reviews which files instead of the
	// repository's CODEOWNERS.
	Owners []Owner
	// Implicit is set for the default spec of a tree that has none.
	Implicit bool

	pos map[string]token.Position // positions of top-level keys, for errors found later
}

// KeyPos returns the position of a top-level key of the spec (or of the
// spec's start when the key is absent), for errors found after parsing.
func (s *Spec) KeyPos(key string) token.Position {
	if p, ok := s.pos[key]; ok {
		return p
	}
	return token.Position{Filename: s.Path, Line: 1, Column: 1}
}

// Targets lists the import paths the spec names: only packages that
// import one of them (or a re-export of one) can hold a site. It is nil
// when a rule is not anchored on a package symbol (a typed wildcard
// anchors it): then any package can hold a site.
func (s *Spec) Targets() []string {
	set := map[string]bool{}
	for _, p := range s.Imports {
		set[p] = true
	}
	for _, r := range s.Rules {
		if !r.Anchored() {
			return nil
		}
		if r.Go != nil { // a wildcard's type names one of them
			for _, p := range r.Go.Imports {
				set[p] = true
			}
		}
		for _, t := range []*Template{r.Match, r.Replace} {
			for _, sym := range t.Symbols {
				set[sym.Path] = true
			}
		}
	}
	for _, sym := range s.Deprecated {
		set[sym.Path] = true
	}
	for _, m := range s.Moves {
		set[m.From] = true
	}
	for _, sym := range s.Canonical {
		set[sym.Path] = true
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Rule is one match -> replace rewrite of the spec.
type Rule struct {
	ID      string
	Match   *Template
	Replace *Template // empty (no Expr) when Delete
	// Delete says the rule deletes the matched call: replace: "" given.
	Delete bool
	Risk   Risk
	Note   string
	Pos    token.Position // position of the rule in the spec
	// Where gives metavariables types (where: {m: "*ws.Manager"}): a
	// selector $m.Name on one makes a method (or field) rule, matched by
	// the receiver's type; elsewhere a typed metavariable matches only
	// expressions of a type assignable to it.
	Where map[string]*TypeRef
	// Retype says whether the replacement may have another type than
	// the match (retype: assignable or any); by default it must have
	// the same, checked when the rules are compiled.
	Retype Retype
	// Go is set for a rule read from a template file (templates:): the
	// engine type-checks it and takes the wildcards' types from it.
	Go *GoTemplate
}

// Inline holds the settings of the inline: key.
type Inline struct {
	// Off leaves //go:fix inline directives alone (inline: {enabled: false}).
	Off bool
	// AllowBindingDecl accepts inlinings that keep a parameter as a
	// declaration (var x = arg) to preserve evaluation order.
	AllowBindingDecl bool
	// Risk is the tier the files the inliner changes are at least.
	Risk Risk
}

// PhaseSelector picks the files of one phase: a file goes to the first
// phase all of whose given selectors match it.
type PhaseSelector struct {
	Name     string
	Kind     PhaseKind // exports, production or tests: the default phase the file would have; "" any
	Packages []string  // package patterns (./chat/..., ./chat)
	Files    []string  // globs on slash paths from the root; ** spans directories
	Pos      token.Position
}

// Symbol names a package-level object, or a method as "path.Type.Method".
type Symbol struct {
	Path string // import path
	Name string // "Func", "Var" or "Type.Method"
	Pos  token.Position
}

func (s Symbol) String() string { return s.Path + "." + s.Name }

// Error is an error in the spec file with the position of its culprit.
type Error struct {
	Pos token.Position
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

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
	// VerifyAffected is verify_affected: true.
	VerifyAffected bool       `yaml:"verify_affected"`
	Bench          *rawBench  `yaml:"bench"`
	Phases         []rawPhase `yaml:"phases"`
	Inline         *rawInline `yaml:"inline"`
	Owners         []rawOwner `yaml:"owners"`
	Templates      []string   `yaml:"templates"`
}

// Bench holds the settings of the bench: key: the benchmarks apply runs
// before and after each phase, and how much slower they may get.
type Bench struct {
	Pattern   string   // go test -bench PATTERN; required
	Packages  []string // default ./...
	Count     int      // runs on each side; default 6
	BenchTime string   // go test -benchtime
	Fail      float64  // percent slower that rolls the phase back; default 10
	Warn      float64  // percent slower that warns; default 5
	Pos       token.Position
}

type rawBench struct {
	Pattern   string   `yaml:"pattern"`
	Packages  []string `yaml:"packages"`
	Count     int      `yaml:"count"`
	BenchTime string   `yaml:"benchtime"`
	Fail      float64  `yaml:"fail"`
	Warn      float64  `yaml:"warn"`
}

type rawInline struct {
	Enabled          *bool  `yaml:"enabled"`
	AllowBindingDecl bool   `yaml:"allow_binding_decl"`
	Risk             string `yaml:"risk"`
}

type rawPhase struct {
	Name     string   `yaml:"name"`
	Kind     string   `yaml:"kind"`
	Packages []string `yaml:"packages"`
	Files    []string `yaml:"files"`
}

type rawRule struct {
	ID      string            `yaml:"id"`
	Match   string            `yaml:"match"`
	Replace string            `yaml:"replace"`
	Risk    string            `yaml:"risk"`
	Note    string            `yaml:"note"`
	Where   map[string]string `yaml:"where"`
	Retype  string            `yaml:"retype"`
	Move    string            `yaml:"move"`
	To      string            `yaml:"to"`
}

// Read reads and validates the spec at path. Errors are *Error
// values positioned at the culprit, or wrapped I/O errors.
func Read(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	return Parse(path, data)
}

// Parse parses and validates spec text; path is used in positions.
func Parse(path string, data []byte) (*Spec, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, data, err)
	}
	if len(doc.Content) == 0 {
		return nil, &Error{token.Position{Filename: path, Line: 1, Column: 1}, "empty spec"}
	}
	var raw rawSpec
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		if e := unknownKey(path, &doc, err); e != nil {
			return nil, e
		}
		return nil, yamlError(path, data, err)
	}
	root := doc.Content[0]
	s := &Spec{Path: path, Version: raw.Version, Name: raw.Name, Imports: raw.Imports,
		Critical: raw.Critical, Verify: raw.Verify, VerifyAffected: raw.VerifyAffected, pos: map[string]token.Position{}}
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
		return nil, &Error{p, fmt.Sprintf("unsupported version %d (want 1)", raw.Version)}
	}
	if s.Imports == nil {
		s.Imports = map[string]string{}
	}
	importNodes := mapping(keys["imports"])
	for name, path := range s.Imports {
		if !token.IsIdentifier(name) || name == "_" {
			return nil, &Error{keyPos(path, importNodes, name, top), fmt.Sprintf("import name %q is not a Go identifier", name)}
		}
		if path == "" {
			return nil, &Error{keyPos(path, importNodes, name, top), fmt.Sprintf("import %q has an empty path", name)}
		}
	}
	if err := s.inline(raw.Inline, keys["inline"], top); err != nil {
		return nil, err
	}
	if err := s.bench(raw.Bench, keys["bench"], top); err != nil {
		return nil, err
	}
	var ruleNodes []*yaml.Node
	if n := keys["rules"]; n != nil { // a spec may have no rules: key (one with only bench:, say)
		ruleNodes = n.Content
	}
	seen := map[string]bool{}
	for i, rr := range raw.Rules {
		rn := ruleNodes[i]
		fields := mapping(rn)
		if rr.Move != "" || rr.To != "" {
			m, err := buildMove(path, rr, rn, fields)
			if err != nil {
				return nil, err
			}
			if seen[m.ID] {
				return nil, &Error{at(fields["id"]), fmt.Sprintf("duplicate rule id %q", m.ID)}
			}
			seen[m.ID] = true
			s.Moves = append(s.Moves, m)
			continue
		}
		r, err := buildRule(path, data, rr, rn, fields, s.Imports)
		if err != nil {
			return nil, err
		}
		if seen[r.ID] {
			return nil, &Error{at(fields["id"]), fmt.Sprintf("duplicate rule id %q", r.ID)}
		}
		seen[r.ID] = true
		s.Rules = append(s.Rules, r)
	}
	tmpl, err := readTemplates(path, raw.Templates, keys["templates"])
	if err != nil {
		return nil, err
	}
	for _, r := range tmpl {
		if seen[r.ID] {
			return nil, &Error{r.Pos, fmt.Sprintf("duplicate rule id %q (a template's id is its file name)", r.ID)}
		}
		seen[r.ID] = true
		s.Rules = append(s.Rules, r)
	}
	if s.Phases, err = phaseSelectors(path, raw.Phases, keys["phases"]); err != nil {
		return nil, err
	}
	if s.Owners, err = readOwners(path, raw.Owners, keys["owners"]); err != nil {
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

// inline reads the inline: settings; a spec without the key migrates
// every //go:fix inline directive at no more than the planner's tier.
func (s *Spec) inline(raw *rawInline, n *yaml.Node, top token.Position) error {
	if raw == nil {
		return nil
	}
	s.Inline = Inline{Off: raw.Enabled != nil && !*raw.Enabled, AllowBindingDecl: raw.AllowBindingDecl, Risk: Risk(raw.Risk)}
	switch s.Inline.Risk {
	case RiskNone, RiskLow, RiskMedium, RiskHigh:
		return nil
	}
	return &Error{keyPos(s.Path, mapping(n), "risk", top), fmt.Sprintf("inline: risk %q is not low, medium or high", raw.Risk)}
}

// bench checks the bench: key; the thresholds and the count are
// checked again, with the command line's, when apply fills in defaults.
func (s *Spec) bench(raw *rawBench, n *yaml.Node, top token.Position) error {
	if raw == nil {
		return nil
	}
	pos := top
	if n != nil {
		pos = token.Position{Filename: s.Path, Line: n.Line, Column: n.Column}
	}
	if raw.Pattern == "" {
		return &Error{pos, "bench: no pattern (the go test -bench regexp of the benchmarks to compare)"}
	}
	if raw.Count < 0 || raw.Fail < 0 || raw.Warn < 0 {
		return &Error{pos, "bench: count, fail and warn cannot be negative"}
	}
	s.Bench = &Bench{Pattern: raw.Pattern, Packages: raw.Packages, Count: raw.Count, BenchTime: raw.BenchTime, Fail: raw.Fail, Warn: raw.Warn, Pos: pos}
	return nil
}

// Default is the spec canonize works with when a tree has none: no
// rules, every //go:fix inline directive migrated by Go's inliner.
func Default(path string) *Spec {
	return &Spec{Path: path, Version: 1, Name: "//go:fix inline directives", Imports: map[string]string{}, Implicit: true, pos: map[string]token.Position{}}
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
			return nil, &Error{p, err.Error()}
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
			return nil, &Error{pos, "phase has no name"}
		case r.Name == "cleanup":
			return nil, &Error{keyPos(file, fields, "name", pos), "phase name cleanup is reserved: cleanup always comes last"}
		case seen[r.Name]:
			return nil, &Error{keyPos(file, fields, "name", pos), fmt.Sprintf("duplicate phase name %q", r.Name)}
		case r.Kind == "" && len(r.Packages) == 0 && len(r.Files) == 0:
			return nil, &Error{pos, fmt.Sprintf("phase %s selects nothing: give kind, packages or files", r.Name)}
		}
		switch PhaseKind(r.Kind) {
		case "", Exports, Production, Tests:
		case Cleanup: // reserved: cleanup always comes last
			fallthrough
		default:
			return nil, &Error{keyPos(file, fields, "kind", pos), fmt.Sprintf("phase %s: kind %q is not exports, production or tests", r.Name, r.Kind)}
		}
		for _, g := range r.Files {
			if _, err := path.Match(strings.ReplaceAll(g, "**", "*"), ""); err != nil {
				return nil, &Error{keyPos(file, fields, "files", pos), fmt.Sprintf("phase %s: bad glob %q", r.Name, g)}
			}
		}
		seen[r.Name] = true
		out = append(out, PhaseSelector{Name: r.Name, Kind: PhaseKind(r.Kind), Packages: r.Packages, Files: r.Files, Pos: pos})
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
