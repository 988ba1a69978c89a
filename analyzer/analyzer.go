package analyzer

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/spec"
)

// New returns canonize's Analyzer, with its own flags.
func New() *analysis.Analyzer {
	c := &config{specs: &specCache{}}
	a := &analysis.Analyzer{
		Name:       "canonize",
		Doc:        "report uses of a deprecated API named by canonize.yaml and suggest the canonical replacement",
		URL:        "https://github.com/canonize/canonize",
		Run:        c.run,
		FactTypes:  []analysis.Fact{new(reexportFact)},
		ResultType: reflect.TypeOf(Result{}),
	}
	a.Flags.StringVar(&c.specFile, "spec", "", "read the spec from `FILE` (default: canonize.yaml in the module root); needs -spechash")
	a.Flags.StringVar(&c.specHash, "spechash", "", "the sha256 (hex) of the -spec file's content")
	a.Flags.BoolVar(&c.cleanedUp, "cleanedup", false, "the cleanup phase has deleted the deprecated API: a rule whose deprecated symbol is gone matches nothing instead of failing (canonize's commands pass it once the journal records cleanup)")
	a.Flags.BoolVar(&c.records, "sites", false, "also report every site (canonical ones too) and the files analysed as JSON records, for canonize's commands")
	a.Flags.Var(&c.deletes, "delete", "a JSON object {exports: [keys], cleanup: [keys]} of the declarations canonize's commands decided to delete: report each file holding one with its content after the exports phase and after cleanup")
	a.Flags.StringVar(&c.configName, "config", "", "the build configuration canonize's commands run the pass in: named in the reasons a rewrite is withheld, and it keeps the go command's cached results of configurations apart")
	a.Flags.Var(&c.exports, "export", "a JSON object mapping import paths to their export data files, for packages a move or a template needs that the package does not depend on (canonize's commands list them)")
	return a
}

// Result is what the pass found in its package, for in-process drivers.
type Result struct {
	Sites []engine.Site
}

// config holds the flags and what is read once per process.
type config struct {
	specFile, specHash string
	configName         string      // -config
	records            bool        // -sites: report SiteRecords (records.go)
	cleanedUp          bool        // -cleanedup
	exports            exportFiles // -export
	deletes            Deletions   // -delete
	specs              *specCache
}

// reexportFact marks a package-level object that re-exports a tracked
// symbol: Target is the symbol's key, Name the re-export as written.
type reexportFact struct {
	Target, Name string
}

func (*reexportFact) AFact() {}

func (f *reexportFact) String() string { return "reexport of " + f.Target }

func (c *config) run(pass *analysis.Pass) (any, error) {
	if len(pass.Files) == 0 {
		return Result{}, nil
	}
	sp, err := c.specs.get(pass, c.specFile, c.specHash)
	if err == errNoModule || errors.Is(err, fs.ErrNotExist) && !inMainModule(pass) {
		// The go command runs the pass on every dependency too (for
		// facts); outside the user's module there is no spec and no site.
		return Result{}, nil
	}
	if err != nil {
		return nil, err
	}
	deps := closure(pass.Pkg)
	imp := newImporter(pass, deps, c.exports)
	rules, _, err := engine.Compile(sp, imp.lookup, engine.CompileOptions{Partial: true, CleanedUp: c.cleanedUp})
	if err != nil {
		return nil, err
	}
	pkg := &engine.Package{Fset: pass.Fset, Types: pass.Pkg, Info: pass.TypesInfo}
	tmpl := templateFiles(sp)
	for _, f := range pass.Files {
		name := pass.Fset.File(f.FileStart).Name()
		if tmpl[absPath(name)] {
			continue // a rule, not code to migrate: its before matches itself
		}
		pkg.Files = append(pkg.Files, &engine.File{Syntax: f, Rel: name, Generated: ast.IsGenerated(f)})
	}
	rx := engine.FindReexports([]*engine.Package{pkg}, rules, importFacts(pass))
	exportFacts(pass, rx)
	scans := engine.Scan(pkg, rules, rx)
	rendered := render(pass, scans)
	words := reasons(c.configName)
	withheld, api := recheck(pass, imp, rendered, words)
	if c.records {
		reportAPIChanges(pass, scans, rendered, withheld, api)
	}
	for f := range api {
		if slices.Contains(c.deletes.API, pass.Fset.File(f.FileStart).Name()) {
			delete(withheld, f) // every importer checked with it
		}
	}
	var res Result
	for i, fr := range scans {
		switch reason := withheld[fr.File.Syntax]; {
		case reason == "":
		case api[fr.File.Syntax]:
			// Its edits changed the API together; one at a time they
			// would only fail to type-check, saying less.
			fr = withhold(fr, reason)
			scans[i] = fr
		default:
			fr = salvage(pass, imp, fr, reason, rendered, withheld, words)
			scans[i] = fr
		}
		res.Sites = append(res.Sites, fr.Sites...)
		fixes := fileFixes(pass, fr, rendered[fr.File.Syntax])
		for i, s := range fr.Sites {
			if s.Role != engine.RoleDeprecated {
				continue
			}
			d := analysis.Diagnostic{Pos: s.Pos, End: s.End, Category: s.Kind.String(), Message: message(s, rules)}
			if fix, ok := fixes[i]; ok {
				d.SuggestedFixes = []analysis.SuggestedFix{fix}
			}
			pass.Report(d)
		}
	}
	var decls []DeclRecord
	if c.records {
		decls = reportRecords(pass, res.Sites, rx, rules)
	}
	switch {
	case len(c.deletes.Exports)+len(c.deletes.Cleanup)+len(c.deletes.Inline)+len(c.deletes.API) > 0:
		reportDeletions(pass, imp, &c.deletes, scans, rx, rules, withheld, words)
	case c.records:
		if d := speculation(pass, rx, rules, decls); d != nil {
			reportDeletions(pass, imp, d, scans, rx, rules, withheld, words)
		}
	}
	return res, nil
}

// templateFiles are the absolute paths of the spec's template files.
func templateFiles(sp *spec.Spec) map[string]bool {
	out := map[string]bool{}
	for _, r := range sp.Rules {
		if r.Go != nil {
			out[absPath(r.Go.Path)] = true
		}
	}
	return out
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// message names the deprecated symbol, the replacement's symbols and,
// when the site is not rewritten, why.
func message(s engine.Site, rules *engine.Rules) string {
	r := rules.Rule(s.Rule)
	if r == nil {
		return fmt.Sprintf("%s is deprecated: %s", s.Symbol, s.Reason)
	}
	msg := fmt.Sprintf("%s is deprecated: use %s (rule %s)", s.Symbol, r.Display, r.ID)
	if s.Kind != engine.KindAuto && s.Reason != "" {
		msg += "; not rewritten: " + s.Reason
	}
	return msg
}

// closure maps the import path of pkg and of everything it imports,
// transitively, to the package: what a pass has export data for.
func closure(pkg *types.Package) map[string]*types.Package {
	seen := map[string]*types.Package{}
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		if _, ok := seen[p.Path()]; ok {
			return
		}
		seen[p.Path()] = p
		for _, q := range p.Imports() {
			visit(q)
		}
	}
	visit(pkg)
	return seen
}

// importFacts gathers the re-exports this package refers to that other
// packages declared.
func importFacts(pass *analysis.Pass) engine.Reexports {
	known := engine.Reexports{}
	for _, obj := range pass.TypesInfo.Uses {
		if obj.Pkg() == nil || obj.Pkg() == pass.Pkg {
			continue
		}
		var f reexportFact
		if key := engine.ObjKey(obj); key != "" && pass.ImportObjectFact(obj, &f) {
			known[key] = &engine.Reexport{Key: key, Target: f.Target, Name: f.Name}
		}
	}
	return known
}

// exportFacts records the re-exports this package declares.
func exportFacts(pass *analysis.Pass, rx engine.Reexports) {
	for _, r := range rx {
		if r.Obj != nil && r.Obj.Pkg() == pass.Pkg {
			pass.ExportObjectFact(r.Obj, &reexportFact{Target: r.Target, Name: r.Name})
		}
	}
}

// inMainModule reports whether the pass's package belongs to a module
// being worked on (not the standard library, not a dependency).
func inMainModule(pass *analysis.Pass) bool {
	m := pass.Module
	return m != nil && m.Path != "" && m.Path != "std" && m.Version == ""
}
