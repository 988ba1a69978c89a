package plan

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"golang.org/x/sync/errgroup"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/canonize/canonize/rewrite"
)

// Kinds of deprecated sites.
const (
	KindAuto      = "auto"      // rewritten by a rule
	KindReview    = "review"    // matched by a rule's symbol but not safely rewritable
	KindManual    = "manual"    // a reference no rule rewrites
	KindGenerated = "generated" // in a generated file: regenerate it
)

// Roles of sites.
const (
	RoleDeprecated = "deprecated"
	RoleCanonical  = "canonical"
)

// Site is one reference in user code to a deprecated or canonical symbol.
type Site struct {
	Path   string `json:"path"` // slash path relative to the root
	Line   int    `json:"line"`
	Col    int    `json:"col"`
	Symbol string `json:"symbol"`
	Role   string `json:"role"`
	Rule   string `json:"rule,omitempty"`
	Kind   string `json:"kind,omitempty"` // deprecated sites only
	Reason string `json:"reason,omitempty"`
	Via    string `json:"via,omitempty"` // the re-export a site went through
	// Replacement is what the deprecated symbol's rule puts in its place.
	Replacement string `json:"replacement,omitempty"`

	viaKey  string // key of the re-export the site went through
	inAlias string // key of the re-export whose declaration holds the site
	pos     token.Pos
	file    *SourceFile
}

func (s Site) String() string {
	return fmt.Sprintf("%s:%d:%d", s.Path, s.Line, s.Col)
}

// Change is the new content of one file.
type Change struct {
	Path  string // slash path relative to the root
	Abs   string
	Old   []byte // the file as it is
	New   []byte // after the exports, production and tests phases
	Final []byte // after cleanup too; nil when cleanup does not touch the file or is blocked
	Mode  os.FileMode
	Sites int // sites rewritten
}

// Result is what a migration would do to the loaded code.
type Result struct {
	Root      string
	Spec      *Spec
	Sites     []Site   // sorted by path, line, col
	Changes   []Change // sorted by path
	Warnings  []Diagnostic
	Problems  []Diagnostic // unusable packages and withheld files
	Workspace *Workspace   `json:"-"`
	// All holds every file the migration touches in any phase (Changes
	// holds those that phases 1-3 change), for the planner.
	All  []Change
	Plan *Plan
}

// Options select what to analyse.
type Options struct {
	Dir      string   // directory inside the module or workspace
	SpecFile string   // default: canonize.yaml in the root
	Patterns []string // default: every package of every module
	// Progress, if set, is told what is being done ("loading 120
	// packages"); it may be called from several goroutines.
	Progress func(msg string)
	// CleanedUp says the cleanup phase has deleted the deprecated API:
	// a deprecated symbol that no longer exists is then expected (its
	// rule matches nothing) instead of a spec error.
	CleanedUp bool
}

// callsRootDirectly reports whether the match template is a call of its
// symbol (F($x)), not of something F returns (F().M($x)).
func (r *compiledRule) callsRootDirectly() bool {
	call, ok := r.Match.Expr.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	_, isSym := r.symKey[sel]
	return ok && isSym
}

// compiledRule is a rule with its symbols resolved to keys.
type compiledRule struct {
	*Rule
	symKey   map[*ast.SelectorExpr]string
	roots    []string // keys of the symbols match names
	tmpl     *rewrite.Template
	replSyms []string // keys of the symbols replace names
	display  string   // replace text for diagnostics
}

// Run loads the code, finds every site and computes every file's rewrite.
func Run(opts Options) (*Result, error) {
	root, err := FindRoot(opts.Dir)
	if err != nil {
		return nil, err
	}
	spec, err := ReadSpec(specPath(root, opts.SpecFile))
	if err != nil {
		return nil, err
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string) {}
	}
	ws, err := load(root, opts.Patterns, spec.targets(), progress)
	if err != nil {
		return nil, err
	}
	spec.cleanedUp = opts.CleanedUp
	progress(fmt.Sprintf("scanning %d files", len(ws.Files)))
	return Analyze(ws, spec)
}

// targets lists the import paths the spec names: only packages that
// import one of them (or a re-export of one) can hold a site.
func (s *Spec) targets() []string {
	set := map[string]bool{}
	for _, p := range s.Imports {
		set[p] = true
	}
	for _, sym := range append(append([]Symbol(nil), s.Deprecated...), s.Canonical...) {
		set[sym.Path] = true
	}
	return sortedKeys(set)
}

// specPath locates the spec and names it as the user would: relative
// to the working directory when it lies below it.
func specPath(root, explicit string) string {
	path := explicit
	if path == "" {
		path = filepath.Join(root, SpecFile)
	}
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(path) {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return path
}

// Analyze finds the sites of spec in ws and computes the rewrites.
func Analyze(ws *Workspace, spec *Spec) (*Result, error) {
	res := &Result{Root: ws.Root, Spec: spec, Workspace: ws, Problems: append([]Diagnostic(nil), ws.Problems...)}
	res.Warnings = append(res.Warnings, ws.Notes...)
	pkgs := typesIndex(ws)
	rules, gone, err := compileRules(spec, pkgs, ws.Root)
	if err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, gone...)
	deprecated, canonical, err := symbolSets(spec, rules, pkgs, ws.Root)
	if err != nil {
		return nil, err
	}
	aliases := findAliases(ws, deprecated, canonical)
	a := &analysis{ws: ws, spec: spec, rules: rules, aliases: aliases, deprecated: deprecated,
		canonical: canonical, pkgs: pkgs, res: res}
	a.work = map[string]*fileWork{}
	a.scanAll()
	if err := a.migrate(); err != nil {
		return nil, err
	}
	a.versionWarnings()
	sortSites(res.Sites)
	res.Plan = a.buildPlan()
	return res, nil
}

func sortSites(s []Site) {
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// typesIndex maps import paths to a type-checked package: the loaded
// ones first, then everything they import.
func typesIndex(ws *Workspace) map[string]*types.Package {
	idx := map[string]*types.Package{}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if p == nil {
			return
		}
		if _, ok := idx[p.Path()]; ok {
			return
		}
		idx[p.Path()] = p
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	for _, v := range ws.Variants {
		if v.Pkg.ForTest == "" && !strings.HasSuffix(v.Pkg.Name, "_test") {
			visit(v.Pkg.Types)
		}
	}
	for _, v := range ws.Variants {
		visit(v.Pkg.Types)
	}
	return idx
}

// lookupPackage finds or loads (from export data) the package at path.
func lookupPackage(pkgs map[string]*types.Package, root, path string) *types.Package {
	if p, ok := pkgs[path]; ok && p.Complete() {
		return p
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: root}
	loaded, err := packages.Load(cfg, path)
	if err != nil || len(loaded) != 1 || loaded[0].Types == nil || len(loaded[0].Errors) > 0 {
		return nil
	}
	pkgs[path] = loaded[0].Types
	return loaded[0].Types
}

func compileRules(spec *Spec, pkgs map[string]*types.Package, root string) ([]*compiledRule, []Diagnostic, error) {
	var out []*compiledRule
	var gone []Diagnostic
rules:
	for _, r := range spec.Rules {
		cr := &compiledRule{Rule: r, symKey: map[*ast.SelectorExpr]string{}, display: r.Replace.Text}
		for _, s := range r.Match.Symbols {
			if err := checkSymbol(pkgs, root, s, r.Match); err != nil {
				var se *SpecError
				if spec.cleanedUp && errors.As(err, &se) && strings.Contains(se.Msg, "does not exist") {
					gone = append(gone, Diagnostic{Pos: se.Pos, Msg: fmt.Sprintf("rule %s matches nothing: %s.%s was deleted by the cleanup phase", r.ID, s.Qual, s.Name)})
					continue rules
				}
				return nil, nil, err
			}
			key := s.Path + "." + s.Name
			cr.symKey[s.Sel] = key
			cr.roots = append(cr.roots, key)
		}
		for _, s := range r.Replace.Symbols {
			if err := checkSymbol(pkgs, root, s, r.Replace); err != nil {
				return nil, nil, err
			}
			cr.replSyms = append(cr.replSyms, s.Path+"."+s.Name)
		}
		cr.tmpl = replaceTemplate(r.Replace)
		if !sameArgs(r.Match, r.Replace) {
			cr.tmpl.Args = [2]int{}
		}
		out = append(out, cr)
	}
	return out, gone, nil
}

func checkSymbol(pkgs map[string]*types.Package, root string, s TemplateSym, t *Template) error {
	p := lookupPackage(pkgs, root, s.Path)
	if p == nil {
		return &SpecError{t.posAt(s.Offset), fmt.Sprintf("package %s (imported as %s) cannot be loaded", s.Path, s.Qual)}
	}
	if p.Scope().Lookup(s.Name) == nil {
		return &SpecError{t.posAt(s.Offset + len(s.Qual) + 1), fmt.Sprintf("%s.%s does not exist in %s", s.Qual, s.Name, s.Path)}
	}
	return nil
}

// replaceTemplate reduces a replace template to text with holes.
func replaceTemplate(t *Template) *rewrite.Template {
	rt := &rewrite.Template{Text: t.Text, Prec: precedence(t.Expr)}
	ast.Inspect(t.Expr, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			for _, s := range t.Symbols {
				if s.Sel == n {
					id := n.X.(*ast.Ident)
					rt.Holes = append(rt.Holes, rewrite.Hole{Start: t.Offset(id.Pos()), End: t.Offset(n.Sel.Pos()), Qual: s.Qual})
					return false
				}
			}
		}
		return true
	})
	// Metavariables need their parent for precedence and separators.
	var stack []ast.Node
	ast.Inspect(t.Expr, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if id, ok := n.(*ast.Ident); ok {
			if mv, ok := t.VarAt(id); ok {
				h := rewrite.Hole{Start: mv.Offset, End: mv.Offset + len(mv.Name) + 1, Var: mv.Name, CommaStart: -1}
				var parent ast.Node
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				h.MinPrec = minPrec(parent, id)
				if call, ok := parent.(*ast.CallExpr); ok && mv.Variadic {
					h.Variadic = true
					h.End = t.Offset(call.Ellipsis) + 3
					if i := len(call.Args) - 1; i > 0 {
						h.CommaStart = t.Offset(call.Args[i-1].End())
					}
				}
				rt.Holes = append(rt.Holes, h)
			}
		}
		stack = append(stack, n)
		return true
	})
	sort.Slice(rt.Holes, func(i, j int) bool { return rt.Holes[i].Start < rt.Holes[j].Start })
	if call, ok := t.Expr.(*ast.CallExpr); ok && metaArgs(t, call) != nil {
		rt.Args = [2]int{t.Offset(call.Lparen), t.Offset(call.Rparen) + 1}
	}
	return rt
}

// metaArgs returns the metavariables a call's arguments consist of
// ("$x", "$rest..."), or nil if any argument is something else.
func metaArgs(t *Template, call *ast.CallExpr) []string {
	out := []string{}
	for _, a := range call.Args {
		id, ok := a.(*ast.Ident)
		if !ok {
			return nil
		}
		mv, ok := t.VarAt(id)
		if !ok {
			return nil
		}
		name := mv.Name
		if mv.Variadic {
			name += "..."
		}
		out = append(out, name)
	}
	return out
}

// sameArgs reports whether both templates are calls whose arguments are
// the same metavariables in the same order: then the matched call's
// argument list can be kept as written.
func sameArgs(match, replace *Template) bool {
	mc, ok1 := match.Expr.(*ast.CallExpr)
	rc, ok2 := replace.Expr.(*ast.CallExpr)
	if !ok1 || !ok2 {
		return false
	}
	a, b := metaArgs(match, mc), metaArgs(replace, rc)
	if a == nil || b == nil || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// symbolSets returns the deprecated and canonical symbol keys: the spec's
// lists plus the rules' match roots and (by default) replace roots.
func symbolSets(spec *Spec, rules []*compiledRule, pkgs map[string]*types.Package, root string) (dep, can map[string]string, err error) {
	dep, can = map[string]string{}, map[string]string{}
	for _, r := range rules {
		for _, k := range r.roots {
			if _, ok := dep[k]; !ok {
				dep[k] = r.ID
			}
		}
	}
	for _, s := range spec.Deprecated {
		if err := symbolExists(pkgs, root, s); err != nil {
			if spec.cleanedUp {
				continue
			}
			return nil, nil, err
		}
		if _, ok := dep[s.String()]; !ok {
			dep[s.String()] = ""
		}
	}
	if len(spec.Canonical) == 0 {
		for _, r := range rules {
			for _, k := range r.replSyms {
				can[k] = r.ID
			}
		}
	}
	for _, s := range spec.Canonical {
		if err := symbolExists(pkgs, root, s); err != nil {
			return nil, nil, err
		}
		can[s.String()] = ""
	}
	for k := range can {
		if _, ok := dep[k]; ok {
			return nil, nil, &SpecError{spec.pos["canonical"], fmt.Sprintf("%s is both deprecated and canonical", k)}
		}
	}
	return dep, can, nil
}

func symbolExists(pkgs map[string]*types.Package, root string, s Symbol) error {
	p := lookupPackage(pkgs, root, s.Path)
	if p == nil {
		return &SpecError{s.Pos, fmt.Sprintf("package %s cannot be loaded", s.Path)}
	}
	name, method, isMethod := strings.Cut(s.Name, ".")
	obj := p.Scope().Lookup(name)
	if obj == nil {
		return &SpecError{s.Pos, fmt.Sprintf("%s does not exist in %s", name, s.Path)}
	}
	if isMethod {
		m, _, _ := types.LookupFieldOrMethod(types.NewPointer(obj.Type()), true, p, method)
		if m == nil {
			return &SpecError{s.Pos, fmt.Sprintf("%s has no method %s", name, method)}
		}
	}
	return nil
}

// findAliases finds re-exports of the deprecated and canonical functions
// in the loaded code, following chains (an alias of an alias).
func findAliases(ws *Workspace, dep, can map[string]string) map[string]*alias {
	out := map[string]*alias{}
	targets := func(k string) (string, bool) {
		if _, ok := dep[k]; ok {
			return k, true
		}
		if _, ok := can[k]; ok {
			return k, true
		}
		if a, ok := out[k]; ok {
			return a.Target, true
		}
		return "", false
	}
	for changed := true; changed; {
		changed = false
		for _, f := range ws.Files {
			info := f.Pkg.TypesInfo
			for _, d := range f.Syntax.Decls {
				for _, a := range declAliases(info, d) {
					if _, done := out[a.Key]; done {
						continue
					}
					t, ok := targets(a.Target)
					if !ok || t == a.Key || isKey(dep, a.Key) || isKey(can, a.Key) {
						// A deprecated or canonical function is never an alias,
						// even when its body forwards to another.
						continue
					}
					a.Target, a.File = t, f
					out[a.Key] = a
					changed = true
				}
			}
		}
	}
	return out
}

func isKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// declAliases returns the candidate re-exports a declaration makes, with
// Target set to the key of what they forward to.
func declAliases(info *types.Info, d ast.Decl) []*alias {
	var out []*alias
	switch d := d.(type) {
	case *ast.GenDecl:
		if d.Tok != token.VAR {
			return nil
		}
		for _, s := range d.Specs {
			vs := s.(*ast.ValueSpec)
			if len(vs.Names) != 1 || len(vs.Values) != 1 {
				continue
			}
			obj, _ := refObj(info, ast.Unparen(vs.Values[0]))
			if _, ok := obj.(*types.Func); !ok {
				if _, ok := obj.(*types.Var); !ok {
					continue
				}
			}
			self := info.Defs[vs.Names[0]]
			if self == nil || objKey(self) == "" {
				continue
			}
			out = append(out, &alias{Key: objKey(self), Target: objKey(obj), Name: self.Pkg().Name() + "." + self.Name(), Decl: vs})
		}
	case *ast.FuncDecl:
		if d.Recv != nil || d.Body == nil || d.Type.TypeParams != nil || len(d.Body.List) != 1 {
			return nil
		}
		ret, ok := d.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return nil
		}
		call, ok := ret.Results[0].(*ast.CallExpr)
		if !ok || !forwardsParams(info, d.Type, call) {
			return nil
		}
		obj, _ := refObj(info, call.Fun)
		self := info.Defs[d.Name]
		if obj == nil || self == nil {
			return nil
		}
		out = append(out, &alias{Key: objKey(self), Target: objKey(obj), Name: self.Pkg().Name() + "." + self.Name(), Decl: d})
	}
	return out
}

// forwardsParams reports whether call passes the function's parameters,
// each once and in order, and nothing else.
func forwardsParams(info *types.Info, ft *ast.FuncType, call *ast.CallExpr) bool {
	var params []types.Object
	for _, f := range ft.Params.List {
		for _, n := range f.Names {
			params = append(params, info.Defs[n])
		}
		if len(f.Names) == 0 {
			return false
		}
	}
	if len(call.Args) != len(params) {
		return false
	}
	variadic := len(ft.Params.List) > 0 && isEllipsis(ft.Params.List[len(ft.Params.List)-1].Type)
	if variadic != call.Ellipsis.IsValid() {
		return false
	}
	for i, a := range call.Args {
		id, ok := a.(*ast.Ident)
		if !ok || info.Uses[id] != params[i] {
			return false
		}
	}
	return true
}

func isEllipsis(e ast.Expr) bool {
	_, ok := e.(*ast.Ellipsis)
	return ok
}

// analysis holds the state of one Analyze call.
type analysis struct {
	ws         *Workspace
	spec       *Spec
	rules      []*compiledRule
	aliases    map[string]*alias
	deprecated map[string]string // key -> rule id ("" when no rule)
	canonical  map[string]string
	pkgs       map[string]*types.Package
	res        *Result
	// work holds each file's edits, by absolute path.
	work map[string]*fileWork
	// removed marks re-exports whose declaration the exports phase deletes.
	removed map[string]bool
	cleanup *cleanupPlan
}

// fileWork is one file's rewrite: the edits of its auto sites and the
// declarations the exports and cleanup phases delete.
type fileWork struct {
	file      *SourceFile
	edits     []rewrite.Edit
	pos       []token.Pos
	rules     []*compiledRule
	spans     [][2]token.Pos // code the edits drop
	sites     []int          // indexes into res.Sites of its auto sites
	exportDel []deletion     // re-export declarations (phase 1)
	cleanDel  []deletion     // deprecated declarations (phase 4)
	old       []byte
	new       []byte // through phase 3
	final     []byte // through phase 4
	mode      os.FileMode
	withheld  string
}

// deletion is a declaration to delete, with its doc comment.
type deletion struct {
	start, end token.Pos // the declaration (doc included)
	name       string
}

func (a *analysis) pos(p token.Pos) token.Position { return a.ws.Fset.Position(p) }

func (a *analysis) site(f *SourceFile, p token.Pos, sym, role string) Site {
	pos := a.pos(p)
	return Site{Path: f.Rel, Line: pos.Line, Col: pos.Column, Symbol: sym, Role: role, pos: p, file: f}
}

// displayKey turns a key into the name users write: "websocket.GetFactory".
func displayKey(key string) string {
	path := key
	rest := ""
	slash := strings.LastIndexByte(key, '/')
	if i := strings.IndexByte(key[slash+1:], '.'); i >= 0 {
		path, rest = key[:slash+1+i], key[slash+2+i:]
	}
	return path[strings.LastIndexByte(path, '/')+1:] + "." + rest
}

// fileScan is what scanning one file found: its sites and the edits of
// its auto sites (autoSites index sites).
type fileScan struct {
	sites     []Site
	autoSites []int
	edits     []rewrite.Edit
	sitePos   []token.Pos
	siteRules []*compiledRule
	spans     [][2]token.Pos // consumed code: matched spans minus bindings
}

// scanAll scans every file in parallel and merges the results in file
// order, so the output does not depend on scheduling.
func (a *analysis) scanAll() {
	scans := make([]*fileScan, len(a.ws.Files))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range a.ws.Files {
		g.Go(func() error {
			scans[i] = a.file(f)
			return nil
		})
	}
	g.Wait()
	for i, sc := range scans {
		if sc == nil {
			continue
		}
		base := len(a.res.Sites)
		a.res.Sites = append(a.res.Sites, sc.sites...)
		if len(sc.edits) == 0 {
			continue
		}
		w := a.workFor(a.ws.Files[i])
		w.edits, w.pos, w.rules, w.spans = sc.edits, sc.sitePos, sc.siteRules, sc.spans
		for _, j := range sc.autoSites {
			w.sites = append(w.sites, base+j)
		}
	}
}

// file finds the sites of one file and the edits of its auto sites. It
// only reads shared state, so files are scanned in parallel.
func (a *analysis) file(f *SourceFile) *fileScan {
	info := f.Pkg.TypesInfo
	if !a.mentions(f) {
		return nil
	}
	sc := &fileScan{}
	consumed := map[*ast.Ident]bool{}

	ast.Inspect(f.Syntax, func(n ast.Node) bool {
		e, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		if id, ok := e.(*ast.Ident); ok && consumed[id] {
			return true // the name part of a match already made
		}
		for _, r := range a.rules {
			m := &matcher{info: info, rule: r, aliases: a.aliases}
			m.reset()
			if !m.match(r.Match.Expr, e) {
				continue
			}
			for _, h := range m.hits {
				consumed[h.id] = true
			}
			primary := m.hits[0]
			s := a.site(f, primary.id.Pos(), displayKey(a.primaryTarget(primary)), RoleDeprecated)
			s.Rule, s.Replacement = r.ID, r.display
			if primary.via != "" {
				s.Via, s.viaKey = a.aliases[primary.via].Name, primary.via
			}
			switch {
			case f.Generated:
				s.Kind, s.Reason = KindGenerated, "generated file: regenerate it"
			default:
				if why := unsafeReason(info, r, m.binds); why != "" {
					s.Kind, s.Reason = KindReview, why
				} else {
					s.Kind = KindAuto
				}
			}
			sc.sites = append(sc.sites, s)
			if s.Kind != KindAuto {
				return true
			}
			sc.autoSites = append(sc.autoSites, len(sc.sites)-1)
			sc.edits = append(sc.edits, a.edit(f, e, r, m))
			sc.sitePos = append(sc.sitePos, e.Pos())
			sc.siteRules = append(sc.siteRules, r)
			sc.spans = append(sc.spans, consumedSpans(e, m.binds)...)
			return true
		}
		return true
	})
	sc.sites = append(sc.sites, a.otherSites(f, consumed)...)
	return sc
}

func (a *analysis) workFor(f *SourceFile) *fileWork {
	w, ok := a.work[f.Abs]
	if !ok {
		w = &fileWork{file: f}
		a.work[f.Abs] = w
	}
	return w
}

func (a *analysis) primaryTarget(h hit) string {
	if h.via != "" {
		return a.aliases[h.via].Target
	}
	return h.key
}

// mentions reports whether any identifier of f refers to a tracked
// symbol: the cheap filter before matching.
func (a *analysis) mentions(f *SourceFile) bool {
	info := f.Pkg.TypesInfo
	found := false
	ast.Inspect(f.Syntax, func(n ast.Node) bool {
		if found {
			return false
		}
		if id, ok := n.(*ast.Ident); ok {
			if k := objKey(info.Uses[id]); k != "" && a.tracked(k) {
				found = true
			}
		}
		return true
	})
	return found
}

func (a *analysis) tracked(k string) bool {
	if _, ok := a.deprecated[k]; ok {
		return true
	}
	if _, ok := a.canonical[k]; ok {
		return true
	}
	_, ok := a.aliases[k]
	return ok
}

// consumedSpans are the parts of a matched expression that the rewrite
// drops: the whole span minus the bindings.
func consumedSpans(e ast.Expr, binds map[string]*bound) [][2]token.Pos {
	spans := [][2]token.Pos{{e.Pos(), e.End()}}
	for _, b := range binds {
		for _, x := range b.exprs {
			var next [][2]token.Pos
			for _, s := range spans {
				if x.Pos() >= s[0] && x.End() <= s[1] {
					next = append(next, [2]token.Pos{s[0], x.Pos()}, [2]token.Pos{x.End(), s[1]})
				} else {
					next = append(next, s)
				}
			}
			spans = next
		}
	}
	return spans
}

func inSpans(p token.Pos, spans [][2]token.Pos) bool {
	for _, s := range spans {
		if p >= s[0] && p < s[1] {
			return true
		}
	}
	return false
}

// otherSites records every reference to a tracked symbol that no rule
// rewrote: canonical uses, and deprecated uses with the reason they stay.
func (a *analysis) otherSites(f *SourceFile, consumed map[*ast.Ident]bool) []Site {
	info := f.Pkg.TypesInfo
	var out []Site
	var stack []ast.Node
	ast.Inspect(f.Syntax, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || consumed[id] {
			return true
		}
		key := objKey(info.Uses[id])
		if key == "" {
			return true
		}
		target, via, viaKey := key, "", ""
		if al, ok := a.aliases[key]; ok {
			target, via, viaKey = al.Target, al.Name, key
		}
		if _, ok := a.canonical[target]; ok {
			s := a.site(f, id.Pos(), displayKey(target), RoleCanonical)
			s.Via = via
			out = append(out, s)
			return true
		}
		ruleID, ok := a.deprecated[target]
		if !ok {
			return true
		}
		s := a.site(f, id.Pos(), displayKey(target), RoleDeprecated)
		s.Via, s.Rule, s.viaKey = via, ruleID, viaKey
		s.inAlias = a.aliasDeclAt(f, id.Pos())
		s.Kind, s.Reason = a.classify(f, stack, id, ruleID)
		if ruleID != "" {
			s.Replacement = a.ruleByID(ruleID).display
		}
		out = append(out, s)
		return true
	})
	return out
}

// aliasDeclAt returns the key of the re-export whose declaration holds pos.
func (a *analysis) aliasDeclAt(f *SourceFile, pos token.Pos) string {
	for k, al := range a.aliases {
		if al.File == f && al.Decl.Pos() <= pos && pos < al.Decl.End() {
			return k
		}
	}
	return ""
}

func (a *analysis) ruleByID(id string) *compiledRule {
	for _, r := range a.rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// classify explains why a deprecated reference was not rewritten.
func (a *analysis) classify(f *SourceFile, stack []ast.Node, id *ast.Ident, ruleID string) (string, string) {
	name := id.Name
	if f.Generated {
		return KindGenerated, "generated file: regenerate it"
	}
	if ruleID == "" {
		return KindManual, "no rule rewrites " + name
	}
	// Walk up from the reference: pkg.F, then F(...), then F(...).M ...
	i := len(stack) - 1
	ref := ast.Node(id)
	if i > 0 {
		if sel, ok := stack[i-1].(*ast.SelectorExpr); ok && sel.Sel == id {
			ref, i = sel, i-1
		}
	}
	if k := a.aliasDeclAt(f, id.Pos()); k != "" {
		return KindReview, "re-export declaration " + a.aliases[k].Name + ": calls through it are rewritten; delete it once unused"
	}
	if i == 0 {
		return KindReview, "reference to " + name + " that no rule matches"
	}
	call, ok := stack[i-1].(*ast.CallExpr)
	if !ok || call.Fun != ref {
		return KindReview, "function value " + name + ": not called, so rule " + ruleID + " cannot rewrite it"
	}
	if r := a.ruleByID(ruleID); r != nil && r.callsRootDirectly() {
		return KindReview, "call " + name + "(...) does not match rule " + ruleID
	}
	if i-1 == 0 {
		return KindReview, "result of " + name + "() used in a way rule " + ruleID + " does not match"
	}
	switch p := stack[i-2].(type) {
	case *ast.SelectorExpr:
		if i-2 > 0 {
			if c, ok := stack[i-3].(*ast.CallExpr); ok && c.Fun == p {
				return KindReview, "call " + name + "()." + p.Sel.Name + "(...) does not match rule " + ruleID
			}
		}
		return KindReview, "method value " + name + "()." + p.Sel.Name + ": not called, so rule " + ruleID + " cannot rewrite it"
	case *ast.AssignStmt, *ast.ValueSpec:
		return KindReview, "result of " + name + "() stored in a variable: later uses are not rewritten"
	}
	return KindReview, "result of " + name + "() used as a value: rule " + ruleID + " cannot rewrite it"
}

// qualUse is a replace qualifier needed at one site.
type qualUse struct {
	path string
	name string // the name written; added to the file's imports if new
	add  bool
	pkg  string // the package's own name
}

// edit builds the text edit of one auto site.
func (a *analysis) edit(f *SourceFile, e ast.Expr, r *compiledRule, m *matcher) rewrite.Edit {
	fset := a.ws.Fset
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	ed := rewrite.Edit{Start: off(e.Pos()), End: off(e.End()), Template: r.tmpl,
		Binds: map[string]rewrite.Binding{}, Quals: map[string]string{}}
	path, _ := astutil.PathEnclosingInterval(f.Syntax, e.Pos(), e.End())
	for len(path) > 1 && path[0] != ast.Node(e) {
		path = path[1:]
	}
	if len(path) > 1 {
		ed.MinPrec = minPrec(path[1], e)
	}
	if call, ok := e.(*ast.CallExpr); ok && r.tmpl.Args[1] > 0 {
		ed.Args = [2]int{off(call.Lparen), off(call.Rparen) + 1}
	}
	for name, b := range m.binds {
		if len(b.exprs) == 0 {
			ed.Binds[name] = rewrite.Binding{Start: ed.Start, End: ed.Start, Prec: 7}
			continue
		}
		bd := rewrite.Binding{Start: off(b.exprs[0].Pos()), End: off(b.exprs[len(b.exprs)-1].End()), Prec: precedence(b.exprs[0])}
		if b.variadic {
			bd.Prec = 7
			if b.ellipsis.IsValid() {
				bd.End = off(b.ellipsis) + 3
			}
		}
		ed.Binds[name] = bd
	}
	return ed
}

// imports decides the qualifiers of every edit of f and the imports f
// gains and loses: a replacement's package is added under a name free at
// every site; an import is removed when its only uses were in dropped code.
func (a *analysis) imports(f *SourceFile, edits []rewrite.Edit, pos []token.Pos, rules []*compiledRule, spans [][2]token.Pos) rewrite.ImportChange {
	var ch rewrite.ImportChange
	added := map[string]string{} // path -> name of the new import
	keep := map[string]bool{}
	for i, r := range rules {
		for _, s := range r.Replace.Symbols {
			q := a.qualifier(f, s.Path, pos[i])
			if !q.add {
				edits[i].Quals[s.Qual] = q.name
				keep[s.Path] = true
				continue
			}
			if _, ok := added[s.Path]; !ok {
				added[s.Path] = a.freeName(f, q.pkg, pos)
				name := added[s.Path]
				if name == q.pkg {
					name = ""
				}
				ch.Add = append(ch.Add, rewrite.Import{Name: name, Path: s.Path})
			}
			edits[i].Quals[s.Qual] = added[s.Path]
		}
	}
	info := f.Pkg.TypesInfo
	// One pass over the package's uses counts, per import of this file,
	// the uses in dropped code and the uses left.
	dropped, left := map[*types.PkgName]int{}, map[*types.PkgName]int{}
	for id, obj := range info.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || id.Pos() < f.Syntax.Pos() || id.Pos() > f.Syntax.End() {
			continue
		}
		if inSpans(id.Pos(), spans) {
			dropped[pn]++
		} else {
			left[pn]++
		}
	}
	for _, spec := range f.Syntax.Imports {
		pn := pkgNameOf(info, spec)
		path := importPathOf(spec)
		if pn == nil || pn.Name() == "_" || pn.Name() == "." || keep[path] {
			continue
		}
		if dropped[pn] > 0 && left[pn] == 0 {
			ch.Remove = append(ch.Remove, path)
		}
	}
	return ch
}

// freeName returns pkg, or pkg2, pkg3..., whichever is free at every position.
func (a *analysis) freeName(f *SourceFile, pkg string, pos []token.Pos) string {
	scope := f.Pkg.TypesInfo.Scopes[f.Syntax]
	for i := 1; ; i++ {
		name := pkg
		if i > 1 {
			name = fmt.Sprintf("%s%d", pkg, i)
		}
		free := true
		for _, p := range pos {
			var inner *types.Scope
			if scope != nil {
				inner = scope.Innermost(p)
			}
			if !a.nameFree(f, inner, name, p) {
				free = false
				break
			}
		}
		if free {
			return name
		}
	}
}

// qualifier picks the name under which path is visible at pos in f:
// its existing import if not shadowed there, else a new import under the
// package's name or, if that is taken, name2, name3...
func (a *analysis) qualifier(f *SourceFile, path string, pos token.Pos) qualUse {
	info := f.Pkg.TypesInfo
	scope := info.Scopes[f.Syntax]
	inner := scope
	if scope != nil {
		inner = scope.Innermost(pos)
	}
	for _, spec := range f.Syntax.Imports {
		if importPathOf(spec) != path {
			continue
		}
		pn := pkgNameOf(info, spec)
		if pn == nil {
			continue
		}
		if pn.Name() == "." {
			return qualUse{path: path, name: ""}
		}
		if pn.Name() == "_" {
			continue
		}
		if inner == nil {
			return qualUse{path: path, name: pn.Name()}
		}
		if _, obj := inner.LookupParent(pn.Name(), pos); obj == pn {
			return qualUse{path: path, name: pn.Name()}
		}
	}
	pkgName := path[strings.LastIndexByte(path, '/')+1:]
	if p := a.pkgs[path]; p != nil {
		pkgName = p.Name()
	}
	return qualUse{path: path, add: true, pkg: pkgName}
}

// nameFree reports whether name can be a new package name of f visible at pos.
func (a *analysis) nameFree(f *SourceFile, inner *types.Scope, name string, pos token.Pos) bool {
	if inner != nil {
		if _, obj := inner.LookupParent(name, pos); obj != nil && obj.Parent() != types.Universe {
			return false
		}
	}
	if f.Pkg.Types.Scope().Lookup(name) != nil {
		return false
	}
	for _, spec := range f.Syntax.Imports {
		if pn := pkgNameOf(f.Pkg.TypesInfo, spec); pn != nil && pn.Name() == name {
			return false
		}
	}
	return true
}

func importPathOf(spec *ast.ImportSpec) string {
	return strings.Trim(spec.Path.Value, "\"`")
}

func pkgNameOf(info *types.Info, spec *ast.ImportSpec) *types.PkgName {
	if spec.Name != nil {
		pn, _ := info.Defs[spec.Name].(*types.PkgName)
		return pn
	}
	pn, _ := info.Implicits[spec].(*types.PkgName)
	return pn
}
