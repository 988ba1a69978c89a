package inliner

import (
	"encoding/json"
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/engine"
)

// CategorySite marks a diagnostic whose message is a SiteRecord: with
// -inline.sites, one follows each call, constant and alias use the
// Analyzer reports (declined calls included), at the same position.
const CategorySite = "inline_site"

// SiteRecord identifies the use a finding is about as canonize's
// commands record a site: the function holding it, the normalised text
// of the innermost call or expression starting there, where that ends,
// and whether its file is generated. A driver reading go vet -json
// takes it instead of parsing the file again.
type SiteRecord struct {
	Func      string `json:"func,omitempty"`
	Text      string `json:"text,omitempty"`
	EndLine   int    `json:"end_line,omitempty"`
	EndCol    int    `json:"end_col,omitempty"`
	Generated bool   `json:"generated,omitempty"`
}

// sites is Analyzer's -sites flag.
var sites bool

func init() {
	Analyzer.Flags.BoolVar(&sites, "sites", false,
		"also report, after each finding, the function holding it, its text and end, and whether its file is generated, as a JSON record (for canonize's commands)")
}

// withRecords returns pass, or, with -sites, a copy of it whose Report
// also reports each finding's SiteRecord.
func withRecords(pass *analysis.Pass) *analysis.Pass {
	if !sites {
		return pass
	}
	p := *pass
	p.Report = func(d analysis.Diagnostic) {
		pass.Report(d)
		if d.Category == CategoryDirective {
			return
		}
		if r, ok := recordOf(pass, d.Pos); ok {
			data, _ := json.Marshal(r) // strings and numbers: cannot fail
			pass.Report(analysis.Diagnostic{Pos: d.Pos, Category: CategorySite, Message: string(data)})
		}
	}
	return &p
}

// recordOf identifies the use at pos, as the driver's identify does
// from a parse of the file.
func recordOf(pass *analysis.Pass, pos token.Pos) (SiteRecord, bool) {
	for _, f := range pass.Files {
		if pos < f.FileStart || pos >= f.FileEnd {
			continue
		}
		r := SiteRecord{Func: engine.EnclosingFunc(f, pos), Generated: ast.IsGenerated(f)}
		if e := engine.ExprAt(f, pos); e != nil {
			r.Text = engine.NormalText(pass.Fset, e)
			end := pass.Fset.Position(e.End())
			r.EndLine, r.EndCol = end.Line, end.Column
		}
		return r, true
	}
	return SiteRecord{}, false
}
