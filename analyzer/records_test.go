package analyzer_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/txtartest"
)

// TestSiteRecords: without -sites a user sees only deprecated sites;
// with it, every site the pass finds (canonical ones too) comes as one
// record, every package names the files it analysed, and a package
// declaring the deprecated API renders it deleted ahead of any decision.
func TestSiteRecords(t *testing.T) {
	c := txtartest.Load(t, "../testdata/cases/chained_basic.txtar")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: c.Dir}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var decls []analyzer.DeclRecord
	var renders []analyzer.RenderRecord
	run := func(sites bool) (records []analyzer.SiteRecord, files, other int, found []engine.Site) {
		decls, renders = nil, nil
		a := analyzer.New()
		if sites {
			if err := a.Flags.Set("sites", "true"); err != nil {
				t.Fatal(err)
			}
		}
		var diags []analysis.Diagnostic
		found, diags = analyze(t, a, pkgs)
		for _, d := range diags {
			switch d.Category {
			case analyzer.CategorySite:
				var r analyzer.SiteRecord
				if err := json.Unmarshal([]byte(d.Message), &r); err != nil {
					t.Fatalf("record %q: %v", d.Message, err)
				}
				records = append(records, r)
			case analyzer.CategoryFiles:
				files++
			case analyzer.CategoryDecls:
				var ds []analyzer.DeclRecord
				if err := json.Unmarshal([]byte(d.Message), &ds); err != nil {
					t.Fatalf("declarations %q: %v", d.Message, err)
				}
				decls = append(decls, ds...)
			case analyzer.CategoryRender:
				var r analyzer.RenderRecord
				if err := json.Unmarshal([]byte(d.Message), &r); err != nil {
					t.Fatalf("rendering %q: %v", d.Message, err)
				}
				renders = append(renders, r)
			default:
				other++
			}
		}
		return records, files, other, found
	}
	recs, files, plain, found := run(false)
	if len(recs) != 0 || files != 0 || len(decls) != 0 || len(renders) != 0 {
		t.Errorf("without -sites: %d records, %d file lists, %d declarations, %d renderings", len(recs), files, len(decls), len(renders))
	}
	canonical := 0
	for _, s := range found {
		if s.Role == engine.RoleCanonical {
			canonical++
		}
	}
	if plain == 0 || canonical == 0 || plain != len(found)-canonical {
		t.Fatalf("without -sites: %d diagnostics for %d sites (%d canonical): the case must have both roles", plain, len(found), canonical)
	}
	recs, files, again, _ := run(true)
	if again != plain {
		t.Errorf("with -sites: %d ordinary diagnostics, want %d as without", again, plain)
	}
	if len(recs) != len(found) || files == 0 {
		t.Errorf("with -sites: %d records for %d sites, %d file lists", len(recs), len(found), files)
	}
	for i, r := range recs {
		if r.Path == "" || r.Line == 0 || r.Symbol == "" || r.Package == "" {
			t.Errorf("record %d is missing a field: %+v", i, r)
		}
	}
	// ws declares the deprecated factory the cleanup phase deletes.
	if len(decls) == 0 {
		t.Error("with -sites: no declaration of the deprecated API reported")
	}
	for _, d := range decls {
		if !strings.HasSuffix(d.Path, "ws/ws.go") || d.Key == "" || d.Name == "" || d.Line == 0 || d.EndLine < d.Line {
			t.Errorf("declaration record %+v: want one in ws/ws.go with its key, name and span", d)
		}
	}
	// The speculative rendering of ws/ws.go deletes every declaration
	// reported, by key, and only in its content after cleanup.
	if len(renders) != 1 || !strings.HasSuffix(renders[0].Path, "ws/ws.go") || renders[0].Error != "" {
		t.Fatalf("with -sites: renderings %+v, want one of ws/ws.go", renders)
	}
	r := renders[0]
	for _, d := range decls {
		if !slices.Contains(r.Cleanup, d.Key) {
			t.Errorf("rendering of ws/ws.go does not delete %s (keys %q)", d.Key, r.Cleanup)
		}
		decl := "func " + d.Name[strings.LastIndex(d.Name, ".")+1:] + "("
		if !strings.Contains(r.New, decl) || strings.Contains(r.Final, decl) {
			t.Errorf("rendering of ws/ws.go: %s should stay through the exports phase and go in cleanup:\nnew:\n%s\nfinal:\n%s", d.Name, r.New, r.Final)
		}
	}
}

// TestAPIRecord: a rewrite that changes its package's API is withheld
// with a reason saying so, and with -sites reported as an APIRecord (the
// file as rewritten, its sites); named in -delete's api list, the same
// rewrite is offered as fixes whose result is that content.
func TestAPIRecord(t *testing.T) {
	c := txtartest.Load(t, "../testdata/cases/type_rule_api_change_kept.txtar")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: c.Dir}
	pkgs, err := packages.Load(cfg, "./ws")
	if err != nil {
		t.Fatal(err)
	}
	run := func(flags map[string]string) (recs []analyzer.APIRecord, sites []analysis.Diagnostic) {
		a := analyzer.New()
		for k, v := range flags {
			if err := a.Flags.Set(k, v); err != nil {
				t.Fatal(err)
			}
		}
		_, diags := analyze(t, a, pkgs)
		for _, d := range diags {
			switch d.Category {
			case analyzer.CategoryAPI:
				var r analyzer.APIRecord
				if err := json.Unmarshal([]byte(d.Message), &r); err != nil {
					t.Fatal(err)
				}
				recs = append(recs, r)
			case "auto", "review":
				sites = append(sites, d)
			}
		}
		return recs, sites
	}
	recs, sites := run(map[string]string{"sites": "true"})
	if len(recs) != 1 || !strings.HasSuffix(recs[0].Path, "ws/ws.go") || len(recs[0].Sites) != 2 {
		t.Fatalf("API records %+v, want one of ws/ws.go with its two sites", recs)
	}
	if !strings.Contains(recs[0].New, "func Default() Config { return Config{") {
		t.Errorf("the record's content is not the rewrite:\n%s", recs[0].New)
	}
	for _, d := range sites {
		if d.Category != "review" || len(d.SuggestedFixes) != 0 || !strings.Contains(d.Message, "changes the exported API") {
			t.Errorf("withheld: %s %q with %d fixes, want review naming the API change", d.Category, d.Message, len(d.SuggestedFixes))
		}
	}
	accept, err := json.Marshal(analyzer.Deletions{API: []string{recs[0].Path}})
	if err != nil {
		t.Fatal(err)
	}
	again, sites := run(map[string]string{"delete": string(accept)})
	if len(again) != 0 || len(sites) != 2 {
		t.Fatalf("with the file accepted: %d records, %d sites", len(again), len(sites))
	}
	for _, d := range sites {
		if d.Category != "auto" || len(d.SuggestedFixes) != 1 {
			t.Errorf("accepted: %s %q with %d fixes, want auto with one", d.Category, d.Message, len(d.SuggestedFixes))
		}
	}
}

// analyze runs a on the packages and returns the root packages' sites
// and diagnostics.
func analyze(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) (sites []engine.Site, diags []analysis.Diagnostic) {
	t.Helper()
	g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range g.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		sites = append(sites, act.Result.(analyzer.Result).Sites...)
		diags = append(diags, act.Diagnostics...)
	}
	return sites, diags
}

// TestRenderListedWithoutFixes: a file -canonize.delete lists under
// inline with no fixes (the driver could not combine its own edits as
// bytes) is rendered from its rewrites alone, with types, in a
// RenderRecord: what the file's fixes give.
func TestRenderListedWithoutFixes(t *testing.T) {
	c := txtartest.Load(t, "../testdata/cases/chained_basic.txtar")
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: c.Dir}
	pkgs, err := packages.Load(cfg, "./app")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(c.Dir, "app", "app.go")
	flag := fmt.Sprintf(`{"exports":[],"cleanup":[],"inline":{%q:null}}`, file)
	a := analyzer.New()
	if err := a.Flags.Set("delete", flag); err != nil {
		t.Fatal(err)
	}
	_, diags := analyze(t, a, pkgs)
	var recs []analyzer.RenderRecord
	for _, d := range diags {
		if d.Category == analyzer.CategoryRender {
			var r analyzer.RenderRecord
			if err := json.Unmarshal([]byte(d.Message), &r); err != nil {
				t.Fatal(err)
			}
			recs = append(recs, r)
		}
	}
	if len(recs) != 1 || recs[0].Path != file || recs[0].Error != "" {
		t.Fatalf("render records %+v, want one of app/app.go without an error", recs)
	}
	if !strings.Contains(recs[0].New, "return ws.New(ctx, user)") || strings.Contains(recs[0].New, "ws.GetFactory().Create(ctx, user)") {
		t.Errorf("app/app.go is not rendered with its rewrites:\n%s", recs[0].New)
	}
}
