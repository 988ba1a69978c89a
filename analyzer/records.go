package analyzer

import (
	"encoding/json"
	"go/ast"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/migrate"
)

// Categories of the diagnostics -canonize.sites adds (see doc.go).
const (
	// CategorySite marks a diagnostic whose message is a SiteRecord.
	CategorySite = "canonize-site"
	// CategoryFiles marks a diagnostic whose message is a JSON list of
	// the files (absolute) the pass analysed.
	CategoryFiles = "canonize-files"
	// CategoryDecls marks a diagnostic whose message is a JSON list of
	// DeclRecords: the declarations of deprecated symbols the package's
	// non-test, non-generated files hold, which the cleanup phase deletes.
	CategoryDecls = "canonize-decls"
	// CategoryAPI marks a diagnostic whose message is an APIRecord.
	CategoryAPI = "canonize-api"
)

// APIRecord is a file whose rewrite the pass withholds only because,
// with the package's other rewritten files, it changes the package's
// exported API: New is the file's rewritten content, Sites the
// positions of the sites it rewrites. A driver that sees the importers
// type-checks them with New in place; if they build, it passes the file
// in -canonize.delete's api list and the pass offers the rewrite.
type APIRecord struct {
	Path  string   `json:"path"`
	New   string   `json:"new"`
	Sites [][2]int `json:"sites"` // line, column
}

// reportAPIChanges reports an APIRecord for each file withheld only
// for changing the package's API.
func reportAPIChanges(pass *analysis.Pass, scans []engine.FileResult, files map[*ast.File]rendered, withheld map[*ast.File]string, api map[*ast.File]bool) {
	for _, fr := range scans {
		f := fr.File.Syntax
		if !api[f] || withheld[f] == "" {
			continue
		}
		r := APIRecord{Path: pass.Fset.File(f.FileStart).Name(), New: string(files[f].new), Sites: [][2]int{}}
		for _, e := range fr.Edits {
			s := fr.Sites[e.Site]
			r.Sites = append(r.Sites, [2]int{s.Line, s.Col})
		}
		data, _ := json.Marshal(r)
		pass.Report(analysis.Diagnostic{Pos: f.Package, Category: CategoryAPI, Message: string(data)})
	}
}

// DeclRecord is a declaration of a deprecated symbol and its span
// (doc comment included) as the cleanup phase deletes it.
type DeclRecord struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	EndLine int    `json:"end_line"`
	EndCol  int    `json:"end_col"`
}

// SiteRecord is one site, deprecated or canonical, as a -canonize.sites
// diagnostic carries it: every field of engine.Site a report or a
// baseline reads. Path is the file's name as the pass has it
// (absolute under the go command).
type SiteRecord struct {
	Path        string      `json:"path"`
	Line        int         `json:"line"`
	Col         int         `json:"col"`
	EndLine     int         `json:"end_line,omitempty"`
	EndCol      int         `json:"end_col,omitempty"`
	Symbol      string      `json:"symbol"`
	Role        engine.Role `json:"role"`
	Rule        string      `json:"rule,omitempty"`
	Kind        engine.Kind `json:"kind,omitempty"`
	Reason      string      `json:"reason,omitempty"`
	Via         string      `json:"via,omitempty"`
	Replacement string      `json:"replacement,omitempty"`
	Func        string      `json:"func,omitempty"`
	Text        string      `json:"text,omitempty"`
	Package     string      `json:"package"`
	Generated   bool        `json:"generated,omitempty"`
	Withheld    bool        `json:"withheld,omitempty"`
	// ViaKey and InReexport link the site to re-exports, by key, and
	// InReexportName names the re-export whose declaration holds it: a
	// driver that sees every package decides from them which re-exports
	// the exports phase deletes, as canonize's commands do.
	ViaKey         string `json:"via_key,omitempty"`
	InReexport     string `json:"in_reexport,omitempty"`
	InReexportName string `json:"in_reexport_name,omitempty"`
}

// RecordOf is s as a record.
func RecordOf(s engine.Site) SiteRecord {
	return SiteRecord{Path: s.Path, Line: s.Line, Col: s.Col, EndLine: s.EndLine, EndCol: s.EndCol,
		Symbol: s.Symbol, Role: s.Role, Rule: s.Rule, Kind: s.Kind, Reason: s.Reason, Via: s.Via,
		Replacement: s.Replacement, Func: s.Func, Text: s.Text, Package: s.Package, Generated: s.Generated, Withheld: s.Withheld,
		ViaKey: s.ViaKey, InReexport: s.InReexport}
}

// Site is the record as a site with Path rel; positions in a file set
// (Pos, End) are not carried.
func (r SiteRecord) Site(rel string) engine.Site {
	return engine.Site{Path: rel, Line: r.Line, Col: r.Col, EndLine: r.EndLine, EndCol: r.EndCol,
		Symbol: r.Symbol, Role: r.Role, Rule: r.Rule, Kind: r.Kind, Reason: r.Reason, Via: r.Via,
		Replacement: r.Replacement, Func: r.Func, Text: r.Text, Package: r.Package, Generated: r.Generated, Withheld: r.Withheld,
		ViaKey: r.ViaKey, InReexport: r.InReexport}
}

// reportRecords reports, under -canonize.sites, the files the pass
// analysed and every site it found, so that a driver reading go vet
// -json rebuilds the sites and compliance without loading the program;
// it returns the deprecated declarations it reported.
func reportRecords(pass *analysis.Pass, sites []engine.Site, rx engine.Reexports, rules *engine.Rules) []DeclRecord {
	files := make([]string, 0, len(pass.Files))
	decls := []DeclRecord{}
	for _, f := range pass.Files {
		name := pass.Fset.File(f.FileStart).Name()
		files = append(files, name)
		if strings.HasSuffix(name, "_test.go") || ast.IsGenerated(f) {
			continue
		}
		for _, d := range f.Decls {
			for _, dd := range migrate.DeprecatedDecls(f, d, pass.TypesInfo, rules) {
				start, end := pass.Fset.Position(dd.Start), pass.Fset.Position(dd.End)
				decls = append(decls, DeclRecord{Key: dd.Key, Name: dd.Name, Path: name, Line: start.Line, Col: start.Column, EndLine: end.Line, EndCol: end.Column})
			}
		}
	}
	data, _ := json.Marshal(files) // strings: cannot fail
	pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Category: CategoryFiles, Message: string(data)})
	if len(decls) > 0 {
		data, _ := json.Marshal(decls)
		pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Category: CategoryDecls, Message: string(data)})
	}
	for _, s := range sites {
		r := RecordOf(s)
		if x := rx[s.InReexport]; x != nil {
			r.InReexportName = x.Name
		}
		data, _ := json.Marshal(r)
		pass.Report(analysis.Diagnostic{Pos: s.Pos, End: s.End, Category: CategorySite, Message: string(data)})
	}
	return decls
}
